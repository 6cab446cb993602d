/**
 * A Markdown report for bug trackers (GitHub, GitLab, Jira render it). Header values are put in
 * code spans or fences, never as raw Markdown or HTML.
 */
import type { JsonResult } from './json.ts';

const VERDICT_LABEL: Record<JsonResult['status'], string> = {
  blocked: '🛑 Blocked', warning: '⚠️ Warning', ok: '✅ OK', 'not-cors': 'ℹ️ Not CORS',
};

/** Inline code that survives any content: a fence longer than any backtick run inside. */
export function code(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean}${fence}`;
}

export function fenced(value: string, language = ''): string {
  const longest = Math.max(2, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${value}\n${fence}`;
}

/** Prose from the explanation: Markdown and HTML specials escaped, since it quotes header values. */
export function prose(value: string): string {
  return value.replace(/[\\`*_{}[\]<>#|!~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

export function resultToMarkdown(result: JsonResult, stack = 'express'): string {
  const lines: string[] = [];
  lines.push(`### ${VERDICT_LABEL[result.status]}: ${prose(result.title)}`);
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
  const snippet = result.snippets[stack];
  if (snippet) lines.push(`**Fix for ${prose(stack)}:**`, '', fenced(snippet, stack === 'nginx' ? 'nginx' : stack === 'flask' ? 'python' : 'js'), '');
  for (const warning of result.warnings) lines.push(`- ⚠️ ${prose(warning.title)}: ${prose(warning.summary)}`);
  if (result.explanation.links.length > 0) lines.push('', `Learn more: ${result.explanation.links.map((l) => `<${l}>`).join(' · ')}`);
  return lines.join('\n').trimEnd();
}

export function reportToMarkdown(results: readonly JsonResult[], stack = 'express'): string {
  const blocked = results.filter((r) => r.status === 'blocked').length;
  const warnings = results.filter((r) => r.status === 'warning').length;
  const head = `## CORS Lens report\n\n${results.length} request(s): ${blocked} blocked, ${warnings} with warnings.`;
  return [head, ...results.map((r) => resultToMarkdown(r, stack))].join('\n\n---\n\n') + '\n';
}
