/**
 * Shared by every snippet generator: turns a CorsPolicyFix into a validated plan (exact
 * origins, token-only names, a route-safe path), and quotes values for each language.
 *
 * Values come from captured traffic, so they are hostile until checked. The plan keeps
 * only values that are safe in every target language and lists the rest as refusals, which
 * generators show as comments (through describe(), never verbatim). The quoting helpers
 * escape again anyway, so a generator that forgets to plan still cannot be broken out of.
 */
import type { CorsPolicyFix } from '../types.ts';

export interface Refusal {
  what: 'origin' | 'method' | 'request header' | 'exposed header' | 'path' | 'max-age';
  /** The value as given: show it only through describe(). */
  value: string;
  why: string;
}

export interface SnippetPlan {
  /** Route path (or the safe prefix of it) the snippet configures. */
  path: string;
  /** Exact serialized origins, lower case, de-duplicated; empty when none usable. */
  origins: string[];
  /** "*" was asked for and credentials are off: send a literal "*". */
  anyOrigin: boolean;
  /** The fix changes nothing about origins (allowOrigins was empty). */
  originsUnchanged: boolean;
  /** Send Vary: Origin (always when a listed origin is echoed). */
  vary: boolean;
  credentials: boolean;
  /** As the request sent them (case kept: the browser compares methods case-sensitively). */
  methods: string[];
  headers: string[];
  expose: string[];
  maxAge: number | null;
  /** Answer OPTIONS with 204 before auth. */
  preflightFirst: boolean;
  /** The snippet needs a preflight branch at all. */
  handlesPreflight: boolean;
  refused: Refusal[];
  /** fix.notes, made safe for a one-line comment. */
  notes: string[];
}

/** Shown (commented out) where the fix gives no origin to list. */
export const EXAMPLE_ORIGIN = 'https://app.example.com';

/** scheme://host[:port] as browsers serialize it (lower case, no path, no trailing slash). */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;
/**
 * HTTP token characters minus those that mean something in a target language or library
 * ($ in nginx, ' ` in JS, * ^ as flask-cors regex hints). Real method and header names fit.
 */
const NAME = /^[A-Za-z0-9!#%&+._|~-]+$/;
/** Literal in Express route patterns, nginx prefix locations and (dots escaped) Python regexes. */
const PATH = /^\/[A-Za-z0-9._~/-]*$/;

export function planFix(fix: CorsPolicyFix): SnippetPlan {
  const refused: Refusal[] = [];
  const credentials = fix.allowCredentials === true;

  const origins: string[] = [];
  let anyOrigin = false;
  for (const raw of fix.allowOrigins) {
    const value = String(raw);
    const lower = value.toLowerCase();
    if (value === '*') {
      if (credentials) refused.push({ what: 'origin', value, why: 'a wildcard is not allowed with credentials; list exact origins' });
      else anyOrigin = true;
    } else if (lower === 'null') {
      refused.push({ what: 'origin', value, why: 'sandboxed iframes and file: pages of any site send "null"; serve the page from a real origin' });
    } else if (!ORIGIN.test(lower)) {
      refused.push({ what: 'origin', value, why: 'not an origin (scheme://host[:port], no path)' });
    } else if (!origins.includes(lower)) {
      origins.push(lower);
    }
  }
  if (anyOrigin) origins.length = 0;

  const names = (values: readonly string[], what: Refusal['what'], caseSensitive: boolean): string[] => {
    const kept: string[] = [];
    const seen = new Set<string>();
    for (const raw of values) {
      const value = String(raw);
      if (!NAME.test(value)) {
        refused.push({ what, value, why: 'not a plain HTTP token' });
        continue;
      }
      const key = caseSensitive ? value : value.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(value);
    }
    return kept;
  };
  const methods = names(fix.allowMethods, 'method', true);
  const headers = names(fix.allowHeaders, 'request header', false);
  const expose = names(fix.exposeHeaders, 'exposed header', false);

  let maxAge: number | null = null;
  if (fix.maxAgeSeconds !== null && fix.maxAgeSeconds !== undefined) {
    if (Number.isSafeInteger(fix.maxAgeSeconds) && fix.maxAgeSeconds >= 0) maxAge = fix.maxAgeSeconds;
    else refused.push({ what: 'max-age', value: String(fix.maxAgeSeconds), why: 'not a whole number of seconds' });
  }

  const path = safePath(String(fix.path ?? ''), refused);
  const preflightFirst = fix.answerPreflightBeforeAuth === true;

  return {
    path,
    origins,
    anyOrigin,
    originsUnchanged: fix.allowOrigins.length === 0,
    vary: !anyOrigin || fix.varyOrigin === true,
    credentials,
    methods,
    headers,
    expose,
    maxAge,
    preflightFirst,
    handlesPreflight: preflightFirst || methods.length > 0 || headers.length > 0 || maxAge !== null,
    refused,
    notes: fix.notes.map((note) => commentText(String(note))).filter((note) => note !== ''),
  };
}

/** The path without query or fragment; if unsafe, its longest safe prefix ending in "/". */
function safePath(raw: string, refused: Refusal[]): string {
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  if (PATH.test(path)) return path;
  let end = 0;
  while (end < path.length && PATH.test(path.slice(0, end + 1))) end++;
  const prefix = path.slice(0, path.lastIndexOf('/', end - 1) + 1) || '/';
  if (path !== '') refused.push({ what: 'path', value: raw, why: `characters unsafe in a route pattern; using the prefix ${prefix}` });
  return prefix;
}

/** Comment lines every snippet starts with: title, then the fix's notes and refusals. */
export function headerComments(plan: SnippetPlan, title: string): string[] {
  return [
    commentText(title),
    ...plan.notes.map((note) => `Note: ${note}`),
    ...plan.refused.map((r) => `Left out ${r.what} ${describe(r.value)}: ${r.why}.`),
  ];
}

/** The comment above the origin allowlist: says why it is exact, and what to add. */
export function allowlistComment(plan: SnippetPlan): string {
  if (plan.origins.length > 0) return 'Exact origins only (this one is the page that failed); add your other front-end origins here.';
  if (plan.originsUnchanged) return 'This fix does not change origins: list the ones you allow today (an empty list allows none).';
  return 'No usable origin in this fix (see above): list your front-end origins (an empty list allows none).';
}

export function prefixLines(prefix: string, lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? prefix.trimEnd() : `${prefix}${line}`));
}

/** Joins lines, dropping null/false (for optional lines); ends with one newline. */
export function joinLines(lines: readonly (string | null | false | undefined)[]): string {
  return `${lines.filter((line): line is string => typeof line === 'string').join('\n')}\n`;
}

/** A header value listing names: "content-type, x-api-key". */
export function headerList(items: readonly string[]): string {
  return items.join(', ');
}

/** `[a, b]` with each item quoted by the given language's quoting function. */
export function listOf(items: readonly string[], quote: (value: string) => string): string {
  return `[${items.map(quote).join(', ')}]`;
}

const hex = (code: number, width: number): string => code.toString(16).toUpperCase().padStart(width, '0');
const PLAIN = (code: number): boolean => code >= 0x20 && code <= 0x7e && code !== 0x3c && code !== 0x3e;

/** A single-quoted JS string; pure ASCII, no line terminators, no "<" (safe inside <script>). */
export function jsString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x27 || code === 0x5c) out += `\\${value[i]}`;
    else if (PLAIN(code)) out += value[i];
    else out += `\\u${hex(code, 4)}`;
  }
  return `${out}'`;
}

/** A double-quoted Python string; pure ASCII, no line breaks, no "<". */
export function pyString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x22 || code === 0x5c) out += `\\${char}`;
    else if (PLAIN(code)) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/**
 * A double-quoted nginx string. nginx cannot escape "$" (variables) and a line break would
 * end the directive, so such values are refused: callers pass planned values only.
 */
export function nginxString(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (value[i] === '$' || !PLAIN(code)) throw new Error(`unsafe in an nginx string: ${describe(value)}`);
  }
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Text safe on one comment line in any target language: no line breaks, no "</", and every
 * backslash doubled. javac decodes \uXXXX escapes before it parses, comments included, so
 * "\u000a" in a comment would end the line and run what follows as code; a backslash preceded
 * by an odd number of backslashes never starts one.
 */
export function commentText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/<\//g, '<\\/')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const SHOWN = /[A-Za-z0-9 ._:/@+=,;!?()*~^|%&#-]/;
const SHOWN_MAX = 60;

/**
 * A refused value for a comment: quoted, every unusual character as [U+XXXX], shortened. Not as
 * \uXXXX: javac would decode that in a comment (see commentText).
 */
export function describe(value: string): string {
  const clipped = value.length > SHOWN_MAX ? value.slice(0, SHOWN_MAX) : value;
  let out = '';
  for (let i = 0; i < clipped.length; i++) {
    const char = clipped[i] ?? '';
    out += SHOWN.test(char) ? char : `[U+${hex(char.charCodeAt(0), 4)}]`;
  }
  return `"${out}${clipped === value ? '' : '...'}"`;
}

/**
 * A double-quoted string for Go, Java and C#. Planned values are printable ASCII; anything
 * else is refused (Java would turn a \u escape into a real line break before parsing).
 */
export function cString(value: string): string {
  for (let i = 0; i < value.length; i++) {
    if (!PLAIN(value.charCodeAt(i))) throw new Error(`unsafe in a string literal: ${describe(value)}`);
  }
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** A single-quoted PHP or Ruby string ('…' interpolates nothing; only \ and ' are escaped). */
export function singleQuoted(value: string): string {
  for (let i = 0; i < value.length; i++) {
    if (!PLAIN(value.charCodeAt(i))) throw new Error(`unsafe in a string literal: ${describe(value)}`);
  }
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * The JavaScript allowlist the snippet checks Origin against: the failing page's origin, or a
 * commented example when none is known; nothing for a public (`*`) fix. `set` picks the container.
 */
export function jsAllowlist(plan: SnippetPlan, set: 'array' | 'Set' | 'Set<string>'): string[] {
  if (plan.anyOrigin) return [];
  const comment = `// ${allowlistComment(plan)}`;
  if (plan.origins.length > 0) {
    const list = listOf(plan.origins, jsString);
    return [comment, `const allowedOrigins = ${set === 'array' ? list : `new Set(${list})`};`, ''];
  }
  const [open, close] = set === 'array' ? ['[', '];'] : [`new ${set}([`, ']);'];
  return [comment, `const allowedOrigins = ${open}`, `  // ${jsString(EXAMPLE_ORIGIN)},`, close, ''];
}
