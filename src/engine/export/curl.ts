/**
 * curl commands that replay a transaction from a terminal: the preflight the browser sent (or
 * would have sent) and the actual request, with the Origin header that makes the server answer
 * as it did to the browser. curl does not enforce CORS: the point is to see the server's headers.
 *
 * Values come from captured traffic, so every argument is shell-quoted (POSIX single quotes;
 * ANSI-C $'…' when a value holds control characters) and can never run as shell code.
 */
import { corsUnsafeRequestHeaderNames, isBrowserManagedHeader } from '../fetch-spec.ts';
import { getHeader } from '../headers.ts';
import type { CorsTransaction, Header } from '../types.ts';
import { HIDDEN_RANGES } from '../text.ts';
import { collectSecrets, REDACTED, redactTransaction, secretScrubber, transactionExchanges } from './redact.ts';

export interface CurlOptions {
  /**
   * Keep secrets as captured (default: the shared redaction of every export, redact.ts, replaces
   * cookie values, credentials, API keys and tokens in the URL with REDACTED).
   */
  includeSecrets?: boolean;
}

export interface CurlCommands {
  /** Null when the request needs no preflight. */
  preflight: string | null;
  request: string;
}


const NEEDS_ESCAPE = new RegExp(`[\\x00-\\x1f\\x7f${HIDDEN_RANGES}]`);
const ESCAPED = new RegExp(`[\\\\'\\x00-\\x1f\\x7f${HIDDEN_RANGES}]`, 'g');

/** One shell word holding `value` exactly. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  // Control characters, and those that reorder or hide text, written as escapes: the command
  // sends the same bytes and reads as what it sends.
  if (!NEEDS_ESCAPE.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  const escaped = value.replace(ESCAPED, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const hex = c.charCodeAt(0).toString(16);
    return hex.length <= 2 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
  return `$'${escaped}'`;
}

function command(method: string, url: string, headers: readonly Header[]): string {
  const parts = ['curl -i'];
  if (method !== 'GET') parts.push(`-X ${shellQuote(method)}`);
  parts.push(shellQuote(url));
  for (const { name, value } of headers) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  return parts.join(' \\\n  ');
}

/** Headers the page (or the browser, for Origin/Cookie) sent that shape the server's answer. */
function replayedHeaders(headers: readonly Header[], origin: string | null): Header[] {
  const out: Header[] = [];
  if (origin !== null) out.push({ name: 'Origin', value: origin });
  for (const header of headers) {
    const lower = header.name.toLowerCase();
    if (lower === 'origin' || header.name.startsWith(':')) continue;
    if (isBrowserManagedHeader(lower) && lower !== 'cookie') continue;
    out.push({ name: header.name, value: header.value });
  }
  return out;
}

export function curlCommands(captured: CorsTransaction, options: CurlOptions = {}): CurlCommands {
  if (options.includeSecrets === true) return commandsFor(captured);
  // Both layers of the shared redaction, as every other export: structure, then the net.
  const scrub = secretScrubber(collectSecrets(transactionExchanges(captured)));
  const { preflight, request } = commandsFor(redactTransaction(captured));
  return { preflight: preflight === null ? null : scrub(preflight), request: scrub(request) };
}

function commandsFor(tx: CorsTransaction): CurlCommands {
  const first = tx.redirectHops[0] ?? tx.actualRequest;
  const origin = tx.requestOrigin;
  let preflight: string | null = null;
  if (tx.preflight) {
    // Replay what the browser really sent (Access-Control-Request-* included).
    const sent = tx.preflight.requestHeaders.filter((h) => /^access-control-request-/i.test(h.name));
    preflight = command('OPTIONS', tx.preflight.url, [...(origin !== null ? [{ name: 'Origin', value: origin }] : []), ...sent]);
  } else if (tx.preflightState === 'not-in-log') {
    // Not in the log (cached, or sent before recording began): rebuild it as Chromium would.
    const unsafe = corsUnsafeRequestHeaderNames(first.requestHeaders);
    preflight = command('OPTIONS', first.url, [
      ...(origin !== null ? [{ name: 'Origin', value: origin }] : []),
      { name: 'Access-Control-Request-Method', value: first.method },
      ...(unsafe.length > 0 ? [{ name: 'Access-Control-Request-Headers', value: unsafe.join(',') }] : []),
    ]);
  }
  const request = command(first.method, first.url, replayedHeaders(first.requestHeaders, origin));
  return { preflight, request };
}

/** Both commands as one copyable script, with a comment saying what each one shows. */
export function curlScript(tx: CorsTransaction, options: CurlOptions = {}): string {
  const { preflight, request } = curlCommands(tx, options);
  const redacted = options.includeSecrets !== true && `${preflight ?? ''}\n${request}`.includes(REDACTED);
  const lines: string[] = [];
  if (preflight) lines.push('# The preflight: look for Access-Control-Allow-* in the answer', preflight, '');
  lines.push('# The request itself: look for Access-Control-Allow-Origin in the answer', request);
  if (redacted) lines.push('', `# Secret values (cookies, credentials, API keys, tokens in the URL) were replaced by ${REDACTED}: put yours back to replay them.`);
  if (getHeader(tx.actualRequest.requestHeaders, 'content-type') && tx.actualRequest.method !== 'GET') {
    lines.push('', '# The request body is not in the log: add --data if the server needs it.');
  }
  return lines.join('\n');
}
