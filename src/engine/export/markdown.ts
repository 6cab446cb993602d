/**
 * A Markdown report for bug trackers (GitHub, GitLab, Jira render it). Header values are put in
 * code spans or fences, never as raw Markdown or HTML.
 */
import { DEFAULT_STACK } from '../snippets/default-stack.ts';
import { snippetGenerators } from '../snippets/index.ts';
import type { Diagnosis, Header } from '../types.ts';
import type { ExportEnvironment } from './environment.ts';
import { cleaner, exportResults, type JsonExchange, type JsonReport, type JsonResult } from './json.ts';
import { collectSecrets, redactText, secretScrubber, transactionExchanges } from './redact.ts';
import { sequenceFromResult } from '../teaching/sequence-from-result.ts';
import { sequenceToText } from '../teaching/sequence-text.ts';
import { nameHiddenCharacters, shorten } from '../text.ts';

const VERDICT_LABEL: Record<JsonResult['status'], string> = {
  blocked: '🛑 Blocked', warning: '⚠️ Warning', ok: '✅ OK', 'not-cors': 'ℹ️ Not CORS',
};

/** Inline code that survives any content: a fence longer than any backtick run inside. */
export function code(value: string): string {
  const clean = nameHiddenCharacters(value.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean}${fence}`;
}

export function fenced(value: string, language = ''): string {
  const longest = Math.max(2, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${value}\n${fence}`;
}

/** URLs (and www. hosts) that GFM would turn into links: quoted from the capture, shown as code. */
const LINKABLE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"'`]+/gi;

function escapeProse(value: string): string {
  return nameHiddenCharacters(value).replace(/[\\`*_{}[\]<>#|!~]/g, (c) => `\\${c}`);
}

/**
 * Prose from the explanation: Markdown and HTML specials escaped, since it quotes header values,
 * and every URL in a code span, so that a value from the network never becomes a clickable link.
 */
export function prose(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  let out = '';
  let at = 0;
  for (const match of flat.matchAll(LINKABLE)) {
    // Sentence punctuation after a URL is not part of it.
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    out += escapeProse(flat.slice(at, match.index)) + code(url);
    at = match.index + url.length;
  }
  return out + escapeProse(flat.slice(at));
}

const REQUEST_HEADERS = new Set([
  'origin', 'access-control-request-method', 'access-control-request-headers', 'content-type', 'cookie', 'authorization',
  'proxy-authorization', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-storage-access',
]);
const RESPONSE_HEADERS = /^(access-control-|vary$|set-cookie$|location$|www-authenticate$)/i;

/** The headers CORS looks at: Origin, credentials, the ones the preflight asked about, Access-Control-*. */
export function relevantHeaders(exchange: JsonExchange, asked: readonly string[]): { request: Header[]; response: Header[] } {
  const askedSet = new Set(asked.map((h) => h.trim().toLowerCase()));
  return {
    request: exchange.requestHeaders.filter((h) => {
      const lower = h.name.toLowerCase();
      return REQUEST_HEADERS.has(lower) || askedSet.has(lower) || lower.startsWith('x-');
    }),
    response: exchange.responseHeaders.filter((h) => RESPONSE_HEADERS.test(h.name)),
  };
}

// One line, and a header value cannot disguise itself (a right-to-left override is named).
const oneLine = (value: string) => nameHiddenCharacters(value.replace(/[\r\n]+/g, ' '));

function exchangeBlock(label: string, exchange: JsonExchange, asked: readonly string[]): string {
  const { request, response } = relevantHeaders(exchange, asked);
  const lines = [`${exchange.method} ${oneLine(exchange.url)}`, ...request.map((h) => `${h.name}: ${oneLine(h.value)}`), ''];
  if (exchange.status === 0) lines.push(`(no response${exchange.error ? `: ${exchange.error}` : ''})`);
  else lines.push(`HTTP ${exchange.status} ${oneLine(exchange.statusText)}`.trimEnd(), ...response.map((h) => `${h.name}: ${oneLine(h.value)}`));
  const omitted = exchange.requestHeaders.length - request.length + exchange.responseHeaders.length - response.length;
  return [`**${label}**${omitted > 0 ? ` (${omitted} header${omitted === 1 ? '' : 's'} not relevant to CORS left out)` : ''}`, '', fenced(lines.join('\n'), 'http')].join('\n');
}

function askedHeaders(result: JsonResult): string[] {
  const acrh = result.exchanges.preflight?.requestHeaders.find((h) => h.name.toLowerCase() === 'access-control-request-headers');
  return acrh ? acrh.value.split(',') : [];
}

/** The fence's language: each generator says its own (js, python, nginx, caddyfile, …). */
const languageOf = (stack: string) => snippetGenerators.find((g) => g.id === stack)?.language ?? '';

export function resultToMarkdown(result: JsonResult, stack = DEFAULT_STACK, heading = '###', number?: number): string {
  const lines: string[] = [];
  lines.push(`${heading} ${number !== undefined ? `${number}. ` : ''}${VERDICT_LABEL[result.status]}: ${prose(result.title)}`);
  lines.push('');
  lines.push(`${code(`${result.method} ${result.url}`)}`);
  lines.push('');
  lines.push(prose(result.summary));
  lines.push('');
  const ids = [
    result.chromiumError ? `Chromium: ${code(result.chromiumError)}` : null,
    result.firefoxReason ? `Firefox: ${code(result.firefoxReason)}` : null,
    `rule: ${code(result.ruleId)}`,
  ].filter(Boolean);
  lines.push(ids.join(' · '));
  lines.push('');
  if (result.explanation.whatHappened) lines.push(`**What happened.** ${prose(result.explanation.whatHappened)}`, '');
  if (result.explanation.why) lines.push(`**Why the browser blocks it.** ${prose(result.explanation.why)}`, '');
  if (result.explanation.fix) lines.push(`**How to fix it.** ${prose(result.explanation.fix)}`, '');
  for (const note of result.inferences) lines.push(`> ${prose(note)}`, '');
  if (result.evidence.length > 0) {
    lines.push('| where | header | value | |', '|---|---|---|---|');
    for (const e of result.evidence) {
      const value = e.value === null ? '(absent)' : code(e.value.length > 300 ? `${e.value.slice(0, 300)}…` : e.value);
      lines.push(`| ${e.on} | ${code(e.label)} | ${value.replace(/\|/g, '\\|')} | ${prose(e.note)} |`);
    }
    lines.push('');
  }
  const asked = askedHeaders(result);
  if (result.exchanges.preflight) lines.push(exchangeBlock('Preflight', result.exchanges.preflight, asked), '');
  result.exchanges.redirects.forEach((hop, i) => lines.push(exchangeBlock(`Redirect ${i + 1}`, hop, asked), ''));
  lines.push(exchangeBlock('Request', result.exchanges.request, asked), '');
  lines.push('**Sequence** (page, browser, server; where the browser stopped):', '', fenced(sequenceToText(sequenceFromResult(result)), 'text'), '');
  const snippet = result.snippets[stack];
  if (snippet) lines.push(`**Fix for ${prose(stack)}:**`, '', fenced(snippet.trimEnd(), languageOf(stack)), '');
  if (result.curl) lines.push('**Reproduce with curl** (curl does not enforce CORS: read the Access-Control-* headers in the answer):', '', fenced(result.curl, 'sh'), '');
  for (const warning of result.warnings) lines.push(`- ⚠️ ${prose(warning.title)}: ${prose(warning.summary)}`);
  if (result.warnings.length > 0) lines.push('');
  if (result.explanation.links.length > 0) lines.push(`Learn more: ${result.explanation.links.map((l) => `<${l}>`).join(' · ')}`);
  return lines.join('\n').trimEnd();
}

function environmentTable(environment: ExportEnvironment | undefined, secretsIncluded: boolean): string {
  const rows: [string, string][] = [];
  if (environment) {
    rows.push(['Browser', environment.browser ? prose(environment.browser) : 'unknown']);
    rows.push(['Tool', prose(environment.tool)]);
    rows.push(['Source', prose(environment.source)]);
    rows.push(['Page origin', environment.pageOrigin ? code(environment.pageOrigin) : 'unknown']);
    if (environment.capturedAt) rows.push(['Captured', code(environment.capturedAt)]);
    rows.push(['Exported', code(environment.exportedAt)]);
  }
  rows.push(['Secrets', secretsIncluded
    ? '**included** (cookies, credentials and tokens as captured)'
    : 'redacted (cookie values, credentials, API keys and tokens in URLs replaced by `REDACTED`; bodies left out)']);
  return ['#### Environment', '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
}

/**
 * Bug trackers cap a description (GitHub 65,536 characters, Jira Cloud 32,767): one request in
 * full takes about 4,000. So a report on many requests lists them all in a table and details the
 * first few, most severe first; the JSON and HAR exports hold everything.
 */
export const MARKDOWN_DETAILED = 5;
export const MARKDOWN_TABLE_ROWS = 200;
const SEVERITY: Record<JsonResult['status'], number> = { blocked: 0, warning: 1, 'not-cors': 2, ok: 3 };


/** What the summary table shows of a request. */
type SummaryRow = Pick<JsonResult, 'status' | 'method' | 'url' | 'ruleId' | 'chromiumError'>;

/** Indexes of the requests shown in full: the most severe first, then kept in capture order. */
function pickDetailed(statuses: readonly JsonResult['status'][]): number[] {
  return statuses.map((status, index) => ({ status, index }))
    .sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || a.index - b.index)
    .slice(0, MARKDOWN_DETAILED)
    .map(({ index }) => index)
    .sort((a, b) => a - b);
}

function renderReport(rows: readonly SummaryRow[], detailed: ReadonlyMap<number, JsonResult>, environment: string, stack: string): string {
  const count = (status: JsonResult['status']) => rows.filter((r) => r.status === status).length;
  const lines = [
    '## CORS Lens report', '',
    `${rows.length} request(s): ${count('blocked')} blocked, ${count('warning')} with warnings, ${count('ok')} OK, ${count('not-cors')} not CORS.`, '',
  ];
  if (rows.length > 0) {
    lines.push('| # | verdict | request | rule | Chromium error |', '|---|---|---|---|---|');
    rows.slice(0, MARKDOWN_TABLE_ROWS).forEach((r, i) => {
      const cells = [String(i + 1), VERDICT_LABEL[r.status], code(shorten(`${r.method} ${r.url}`, 120)), code(r.ruleId), r.chromiumError ? code(r.chromiumError) : ''];
      lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
    });
    if (rows.length > MARKDOWN_TABLE_ROWS) lines.push('', `… and ${rows.length - MARKDOWN_TABLE_ROWS} more (in the JSON export).`);
  }
  const sections = [...detailed].map(([index, result]) => resultToMarkdown(result, stack, '###', index + 1));
  const left = rows.length - detailed.size;
  if (left > 0) {
    sections.push(`${left} more request${left === 1 ? ' is' : 's are'} in the table without details: attach the JSON or HAR export for ${left === 1 ? 'it' : 'them'}.`);
  }
  return [lines.join('\n').trimEnd(), ...sections, environment].join('\n\n---\n\n') + '\n';
}

/** The whole report from results: one gets it as the title, several get a table and the first few in full. */
export function reportToMarkdown(report: Pick<JsonReport, 'results' | 'environment' | 'redaction'>, stack = DEFAULT_STACK): string {
  const { results } = report;
  const environment = environmentTable(report.environment, report.redaction.secretsIncluded);
  if (results.length === 1) return `${resultToMarkdown(results[0]!, stack, '##')}\n\n${environment}\n`;
  const detailed = new Map(pickDetailed(results.map((r) => r.status)).map((i) => [i, results[i]!]));
  return renderReport(results, detailed, environment, stack);
}

/**
 * The same report straight from diagnoses, building full results only for the requests shown in
 * full (10,000 requests: a table row each, not 10,000 explanations and snippets). Redacted the
 * same way: what the table quotes is the request URL, through both layers.
 */
export function diagnosesToMarkdown(
  diagnoses: readonly Diagnosis[],
  options: { includeSecrets?: boolean; environment?: ExportEnvironment; stack?: string },
): string {
  const includeSecrets = options.includeSecrets === true;
  const stack = options.stack ?? DEFAULT_STACK;
  const environment = options.environment ? cleaner(diagnoses, includeSecrets)(options.environment) : undefined;
  const redaction = { secretsIncluded: includeSecrets };
  // The report quotes one server's fix: the others are not rendered.
  const stacks = [stack];
  if (diagnoses.length === 1) return reportToMarkdown({ results: exportResults(diagnoses, { includeSecrets, stacks }), environment, redaction }, stack);
  const rows = diagnoses.map((d): SummaryRow => {
    const first = d.transaction.redirectHops[0] ?? d.transaction.actualRequest;
    const url = includeSecrets ? first.url : secretScrubber(collectSecrets(transactionExchanges(d.transaction)))(redactText(first.url));
    return { status: d.verdict, method: first.method, url, ruleId: d.ruleId, chromiumError: d.chromiumError };
  });
  const picks = pickDetailed(rows.map((r) => r.status));
  const full = exportResults(picks.map((i) => diagnoses[i]!), { includeSecrets, stacks });
  return renderReport(rows, new Map(picks.map((index, k) => [index, full[k]!])), environmentTable(environment, includeSecrets), stack);
}
