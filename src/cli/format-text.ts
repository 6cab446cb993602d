/** Human-readable output for a terminal: colour only on a TTY, header values printed as plain text. */
import type { JsonResult } from '../engine/export/json.ts';
import { HIDDEN_CHARACTERS } from '../engine/text.ts';

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', green: '\x1b[32m', dim: '\x1b[2m', bold: '\x1b[1m', cyan: '\x1b[36m', reset: '\x1b[0m' };
type Colour = keyof typeof ANSI;

/**
 * Text safe to print: terminal control characters (C0, DEL, C1 with CSI) and the characters
 * that reorder or hide text (bidi overrides and isolates, zero-width, line separators) written
 * as escapes, so a header value can neither drive the terminal nor disguise itself.
 */
export function printable(value: string): string {
  return value
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(HIDDEN_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const LABEL: Record<JsonResult['status'], [string, Colour]> = {
  blocked: ['✖ BLOCKED', 'red'], warning: ['▲ WARNING', 'yellow'], ok: ['✔ OK', 'green'], 'not-cors': ['○ NOT CORS', 'dim'],
};

export function formatText(results: readonly JsonResult[], options: { color: boolean; stack: string; skipped: string[]; total: number }): string {
  const paint = (colour: Colour, text: string) => (options.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  const count = (status: JsonResult['status']) => results.filter((r) => r.status === status).length;
  out.push(paint('bold', `CORS Lens: ${options.total} request${options.total === 1 ? '' : 's'}, ${results.length} shown: ${count('blocked')} blocked, ${count('warning')} warning, ${count('ok')} ok, ${count('not-cors')} not CORS`));
  for (const r of results) {
    const [label, colour] = LABEL[r.status];
    out.push('');
    out.push(`${paint(colour, label)}  ${paint('bold', `${r.method} ${printable(r.url)}`)}`);
    const ids = [r.chromiumError && `Chromium: ${r.chromiumError}`, r.firefoxReason && `Firefox: ${r.firefoxReason}`].filter(Boolean).join(' · ');
    out.push(`  ${paint('bold', r.title)}${ids ? paint('dim', `  [${ids}]`) : ''}`);
    out.push(`  ${printable(r.summary)}`);
    if (r.status === 'blocked' || r.status === 'warning') {
      out.push(`  ${paint('cyan', 'What happened:')} ${printable(r.explanation.whatHappened)}`);
      out.push(`  ${paint('cyan', 'Why:')} ${printable(r.explanation.why)}`);
      out.push(`  ${paint('cyan', 'Fix:')} ${printable(r.explanation.fix)}`);
      for (const e of r.evidence) {
        const value = e.value === null ? '(absent)' : printable(e.value.length > 200 ? `${e.value.slice(0, 200)}…` : e.value);
        out.push(paint('dim', `    ${e.on} ${e.label}: ${value}  (${e.note})`));
      }
      for (const note of r.inferences) out.push(paint('yellow', `  Note: ${printable(note)}`));
      const snippet = r.snippets[options.stack];
      if (snippet) {
        out.push(`  ${paint('cyan', `Server fix (${options.stack}):`)}`);
        out.push(...printable(snippet).split('\n').map((line) => `    ${line}`));
      }
    }
    for (const w of r.warnings) out.push(paint('yellow', `  ▲ ${w.title}: ${printable(w.summary)}`));
  }
  // Nothing to show: say why, so an empty report does not read as "all is well".
  if (results.length === 0 && options.skipped.length === 0) {
    out.push('', options.total === 0
      ? 'The HAR holds no requests. Was DevTools recording? Open it on the Network panel before the page makes them (or reload the page), then Save all as HAR. A request the browser refuses before sending (fetch with mode: \'same-origin\' to another origin) is never logged.'
      : `None of them is cross-origin, so CORS did not apply (--all lists them).`);
  }
  if (options.skipped.length > 0) {
    out.push('', paint('yellow', `${options.skipped.length} HAR entr${options.skipped.length === 1 ? 'y' : 'ies'} could not be read:`));
    out.push(...options.skipped.slice(0, 20).map((p) => `  ${printable(p)}`));
    if (options.skipped.length > 20) out.push(`  … and ${options.skipped.length - 20} more`);
  }
  return out.join('\n') + '\n';
}
