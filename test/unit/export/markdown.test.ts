/**
 * The Markdown report read by a real GFM parser (marked), as GitHub and GitLab read it: header
 * values from the network are data, so hostile ones must not become HTML, links, headings or
 * table columns, and every fence must close where we closed it.
 */
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../../../src/engine/diagnose.ts';
import { environmentFor } from '../../../src/engine/export/environment.ts';
import { toJsonReport } from '../../../src/engine/export/json.ts';
import { reportToMarkdown } from '../../../src/engine/export/markdown.ts';
import { har, PAGE, preflightedRequest, simpleRequest } from '../../support/har-builder.ts';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '```\n# Injected heading\n[click](javascript:alert(1))',
  '| a | b | c | d | e |',
  '</code></pre><script>alert(1)</script>',
  '[x](javascript:alert(2)) ![i](http://evil.test/p.png)',
  '`` ` ``` ~~~ <!-- -->',
];

function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: Tokens.TableCell[]; rows?: Tokens.TableCell[][] };
    if (t.tokens) walk(t.tokens, visit);
    if (t.items) walk(t.items, visit);
    if (t.header) for (const cell of t.header) walk(cell.tokens, visit);
    if (t.rows) for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit);
  }
}

function reportFor(value: string, stack = 'express'): string {
  const log = har([
    // The value comes back as the allowed origin (quoted in the explanation and evidence) and in a request header.
    simpleRequest({ requestHeaders: { 'X-Trace': value }, responseHeaders: { 'Access-Control-Allow-Origin': value }, blocked: true }),
    ...preflightedRequest({ method: 'PUT', requestHeaders: ['X-Api-Key'], preflightStatus: 200, preflightHeaders: { 'Access-Control-Allow-Origin': PAGE, 'Access-Control-Allow-Methods': value } }),
  ]);
  const { diagnoses } = analyzeHar(log);
  const environment = environmentFor(diagnoses, { tool: 'cors-lens test', source: 'test', exportedAt: '2026-11-23T12:00:00.000Z' });
  const report = toJsonReport(diagnoses, { creator: null, entries: diagnoses.length, skipped: [] }, { toolVersion: 'test', environment });
  return reportToMarkdown(report, stack);
}

describe('Markdown read by a GFM parser', () => {
  it.each(HOSTILE)('a hostile header value stays data: %j', (value) => {
    const markdown = reportFor(value);
    const tokens = marked.lexer(markdown, { gfm: true });
    const html: string[] = [];
    const links: string[] = [];
    const images: string[] = [];
    const headings: string[] = [];
    const tables: number[][] = [];
    walk(tokens, (token) => {
      if (token.type === 'html') html.push(token.raw);
      if (token.type === 'link') links.push((token as Tokens.Link).href);
      if (token.type === 'image') images.push((token as Tokens.Image).href);
      if (token.type === 'heading') headings.push((token as Tokens.Heading).text);
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        tables.push([table.header.length, ...table.rows.map((row) => row.length)]);
      }
    });
    expect(html).toEqual([]);
    expect(images).toEqual([]);
    // The only links are the documentation we cite: a URL from the capture is code, never a link.
    expect(links.filter((href) => !/^https:\/\/(developer\.mozilla\.org|fetch\.spec\.whatwg\.org|developer\.chrome\.com)\//.test(href))).toEqual([]);
    expect(headings).toEqual(['CORS Lens report', expect.stringMatching(/^1\. 🛑 Blocked: /), expect.stringMatching(/^2\. 🛑 Blocked: /), 'Environment']);
    // The summary table keeps 5 columns, evidence tables 4, the environment 2: a "|" in a value never adds one.
    for (const widths of tables) expect(new Set(widths).size).toBe(1);
    expect(tables.map((widths) => widths[0]).sort()).toEqual([2, 4, 4, 5]);
    // The value is still there, verbatim, inside code.
    const code: string[] = [];
    walk(tokens, (token) => { if (token.type === 'code' || token.type === 'codespan') code.push((token as Tokens.Code).text); });
    expect(code.some((text) => text.includes(value.replace(/\n/g, ' ')))).toBe(true);
  });

  it('each exchange, the fix and the curl reproduction are fenced blocks in their language', () => {
    const tokens = marked.lexer(reportFor('http://other.test', 'nginx'), { gfm: true });
    const blocks: string[] = [];
    walk(tokens, (token) => { if (token.type === 'code') blocks.push((token as Tokens.Code).lang ?? ''); });
    // Request 1: request; request 2: preflight + request; then per result the sequence (text), the fix and curl.
    expect(blocks).toEqual(['http', 'text', 'nginx', 'sh', 'http', 'http', 'text', 'nginx', 'sh']);
  });
});

describe('characters that reorder or hide text', () => {
  it('are named wherever the report quotes a header value: the request blocks, the diagram, the text', () => {
    const markdown = reportFor('\u202e3715:tsohlacol//:ptth\u200b');
    expect(markdown).not.toMatch(/[\u202e\u200b]/);
    expect(markdown).toContain('Access-Control-Allow-Origin: [U+202E]3715:tsohlacol//:ptth[U+200B]');
  });
});

describe('a report on many requests fits a bug tracker', () => {
  it('lists every request in a table and details the most severe five, in capture order', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { exportResults } = await import('../../../src/engine/export/json.ts');
    const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'blocked-requests.har'), 'utf8');
    const { diagnoses } = analyzeHar(JSON.parse(text));
    const results = exportResults(diagnoses);
    const markdown = reportToMarkdown({ results, redaction: { secretsIncluded: false } });
    const tokens = marked.lexer(markdown, { gfm: true });
    const table = tokens.find((t): t is Tokens.Table => t.type === 'table')!;
    expect(table.rows).toHaveLength(results.length);
    const detailed = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3).map((h) => Number(/^(\d+)\./.exec(h.text)![1]));
    const severity = { blocked: 0, warning: 1, 'not-cors': 2, ok: 3 } as const;
    const expected = results.map((r, i) => ({ i: i + 1, s: severity[r.status] })).sort((a, b) => a.s - b.s || a.i - b.i).slice(0, 5).map((x) => x.i).sort((a, b) => a - b);
    expect(detailed).toEqual(expected);
    expect(markdown).toContain(`${results.length - 5} more requests are in the table without details`);
    expect(markdown.length).toBeLessThan(65_536); // GitHub's limit for an issue body
  });
});

describe('diagnosesToMarkdown (the fast path the panel and the CLI use)', () => {
  it('writes exactly what reportToMarkdown writes from full results, redacted or not', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { exportResults } = await import('../../../src/engine/export/json.ts');
    const { diagnosesToMarkdown } = await import('../../../src/engine/export/markdown.ts');
    const { secretCorpusHar } = await import('./secret-corpus.ts');
    const root = join(import.meta.dirname, '..', '..', '..');
    const fixtures = join(root, 'test', 'fixtures', 'chromium');
    const logs = [
      JSON.parse(readFileSync(join(root, 'examples', 'blocked-requests.har'), 'utf8')),
      secretCorpusHar(),
      ...readdirSync(fixtures).filter((f) => f.endsWith('.har')).map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8'))),
    ];
    for (const log of logs) {
      const { diagnoses } = analyzeHar(log);
      for (const includeSecrets of [false, true]) {
        const environment = environmentFor(diagnoses, { tool: 't', source: 's', exportedAt: '2026-11-23T12:00:00.000Z' });
        const viaResults = reportToMarkdown({ results: exportResults(diagnoses, { includeSecrets }), environment: toJsonReport(diagnoses, { creator: null, entries: 0, skipped: [] }, { toolVersion: 't', includeSecrets, environment }).environment, redaction: { secretsIncluded: includeSecrets } }, 'flask');
        expect(diagnosesToMarkdown(diagnoses, { includeSecrets, environment, stack: 'flask' })).toBe(viaResults);
      }
    }
  });
});
