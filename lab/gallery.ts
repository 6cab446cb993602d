/**
 * The lab's pages on the page origin: a gallery of every scenario grouped by topic (for teaching),
 * and one runner page per scenario and variant. Everything captured or configurable reaches the
 * page as JSON in a <script type="application/json"> and is shown with textContent only.
 */
import type { LabFix } from './apply-fix.ts';
import type { Scenario } from './scenarios.ts';

export type Variant = 'original' | 'fixed';

/** Topics in teaching order; every scenario belongs to exactly one (checked by a unit test). */
export const TOPICS: ReadonlyArray<{ title: string; ids: readonly string[] }> = [
  {
    title: 'Access-Control-Allow-Origin on a simple request',
    ids: ['missing-allow-origin', 'allow-origin-mismatch', 'allow-origin-trailing-slash', 'allow-origin-scheme-mismatch',
      'allow-origin-port-mismatch', 'allow-origin-multiple', 'allow-origin-sent-twice', 'allow-origin-invalid',
      'allow-origin-not-a-url', 'allow-origin-null-literal', 'server-error-without-cors', 'hostile-header-values'],
  },
  {
    title: 'Credentials and cookies',
    ids: ['wildcard-with-credentials', 'credentials-without-allow-credentials', 'allow-credentials-not-true',
      'ok-reflected-with-credentials', 'cookie-without-samesite-none'],
  },
  {
    title: 'Preflight: status, redirect, origin, credentials',
    ids: ['preflight-404-no-cors', 'preflight-401-auth-first', 'preflight-403-no-cors', 'preflight-500-with-cors', 'preflight-redirect',
      'preflight-allow-origin-mismatch', 'preflight-allow-origin-multiple', 'preflight-allow-origin-invalid',
      'preflight-wildcard-with-credentials', 'preflight-missing-allow-credentials'],
  },
  {
    title: 'Preflight: methods and headers',
    ids: ['method-not-allowed', 'method-lowercase-patch-listed-upper', 'method-lowercase-patch-listed-lower', 'method-patch-listed-lower',
      'invalid-allow-methods', 'header-not-allowed', 'content-type-json-not-allowed', 'invalid-allow-headers',
      'authorization-under-wildcard', 'authorization-under-wildcard-credentials'],
  },
  {
    title: 'Redirects and URL schemes',
    ids: ['redirect-cross-origin-needs-null', 'redirect-cross-origin-null-allowed', 'redirect-with-credentials-in-url', 'redirect-to-ftp',
      'redirect-to-data-url', 'cors-disabled-scheme'],
  },
  {
    title: 'Not CORS, though it looks like it',
    ids: ['connection-refused', 'no-cors-mode', 'no-cors-redirect-manual', 'blocked-by-client', 'csp-connect-src', 'same-origin-mode', 'mixed-content'],
  },
  {
    title: 'It works — and what deserves a warning',
    ids: ['ok-simple', 'ok-preflight', 'preflight-cached', 'max-age-above-cap', 'expose-headers-missing'],
  },
];

/** Scenarios not named in TOPICS (added later, e.g. by another team) still appear, under "More". */
export function groupByTopic(scenarios: readonly Scenario[]): { title: string; scenarios: Scenario[] }[] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const placed = new Set<string>();
  const groups = TOPICS.map(({ title, ids }) => ({
    title,
    scenarios: ids.flatMap((id) => {
      const scenario = byId.get(id);
      if (!scenario) return [];
      placed.add(id);
      return [scenario];
    }),
  }));
  const rest = scenarios.filter((s) => !placed.has(s.id));
  return [...groups, ...(rest.length > 0 ? [{ title: 'More', scenarios: rest }] : [])].filter((g) => g.scenarios.length > 0);
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script> must not be able to close the element. */
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
// No favicon request: it would be one more entry in the recorded HAR.
const HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><link rel="stylesheet" href="/lab.css">';

export const runPath = (id: string, variant: Variant) => `/${variant === 'fixed' ? 'fixed' : 'run'}/${encodeURIComponent(id)}`;

/** The gallery: topics, and per scenario its code, a run button and the fixed variant. */
export function galleryPage(scenarios: readonly Scenario[], fixes: ReadonlyMap<string, LabFix>,
  urls: { pageOrigin: string; apiOrigin: string; securePageOrigin?: string }): string {
  // Absolute links: https scenarios run on the https page origin, whichever origin shows the gallery.
  const href = (s: Scenario, variant: Variant) => `${s.secure ? urls.securePageOrigin ?? '' : urls.pageOrigin}${runPath(s.id, variant)}?run`;
  const card = (s: Scenario) => {
    const fix = fixes.get(s.id);
    const fixed = fix?.kind === 'server'
      ? `<a class="button fixed" data-testid="run-fixed" href="${escapeHtml(href(s, 'fixed'))}">Run the fixed variant</a>`
      : `<span class="no-fix" data-testid="no-fix">No server fix: ${escapeHtml(fix?.reason ?? 'not diagnosed')}</span>`;
    return `<article class="scenario" id="${escapeHtml(s.id)}" data-testid="scenario" data-scenario="${escapeHtml(s.id)}">
<h3>${escapeHtml(s.title)} <code class="id">${escapeHtml(s.id)}</code></h3>
<p>${escapeHtml(s.description)}</p>
<details><summary>Page code</summary><pre>${escapeHtml(s.code.trim())}</pre></details>
<p class="actions"><a class="button" data-testid="run" href="${escapeHtml(href(s, 'original'))}">Run</a>${s.secure ? ' <span class="no-fix">(https: accept the lab\'s certificate once)</span>' : ''} ${fixed}</p>
</article>`;
  };
  const groups = groupByTopic(scenarios);
  const toc = groups.map((g, i) => `<li><a href="#topic-${i}">${escapeHtml(g.title)}</a> (${g.scenarios.length})</li>`).join('');
  const sections = groups.map((g, i) => `<section id="topic-${i}" data-testid="topic"><h2>${escapeHtml(g.title)}</h2>${g.scenarios.map(card).join('\n')}</section>`).join('\n');
  return `<!doctype html><html lang="en"><head>${HEAD}<title>CORS lab</title></head><body>
<h1>CORS lab</h1>
<p>Every scenario runs on this page's origin <code>${escapeHtml(urls.pageOrigin)}</code> against the API origin
<code>${escapeHtml(urls.apiOrigin)}</code>. Open DevTools on the CORS Lens panel, then run a scenario: its page shows the
code it runs, what the page saw, and what went over the wire. "Fixed variant" runs the same code against the server after
the fix CORS Lens suggests for it.</p>
<nav><ol>${toc}</ol></nav>
${sections}
</body></html>`;
}

/** Static description of how the API answers (before or after the fix), for the runner page. */
export interface ServerBehaviour {
  routes: { path: string; preflight: string; actual: string }[];
  fix?: LabFix;
}

/** One scenario's page: its code, a Run button, the result, and the exchange on the wire. */
export function runnerPage(scenario: Scenario, variant: Variant, code: string, lab: unknown, behaviour: ServerBehaviour): string {
  const other = variant === 'fixed' ? 'original' : 'fixed';
  const canSwitch = variant === 'fixed' || behaviour.fix?.kind === 'server';
  const fixNote = behaviour.fix
    ? behaviour.fix.kind === 'server'
      ? `<p data-testid="fix-note">${variant === 'fixed' ? 'This is the server after' : 'The fixed variant applies'} the fix CORS Lens suggests (${escapeHtml(behaviour.fix.ruleIds.join(', '))}).</p>`
      : `<p data-testid="fix-note">No server fix: ${escapeHtml(behaviour.fix.reason)}</p>`
    : '';
  return `<!doctype html><html lang="en"><head>${HEAD}<title>${escapeHtml(scenario.id)}${variant === 'fixed' ? ' (fixed)' : ''}</title></head><body>
<p><a href="/#${escapeHtml(scenario.id)}">All scenarios</a>${canSwitch ? ` · <a data-testid="switch-variant" href="${runPath(scenario.id, other)}">${other === 'fixed' ? 'Fixed variant' : 'Original (failing) variant'}</a>` : ''}</p>
<h1>${variant === 'fixed' ? 'Fixed: ' : ''}${escapeHtml(scenario.title)}</h1>
<p>${escapeHtml(scenario.description)}</p>
${fixNote}
<p><button id="run" type="button">Run</button> the page code below</p>
<h2>Page code</h2>
<pre data-testid="code">${escapeHtml(code.trim())}</pre>
<h2>What the page saw</h2>
<pre id="result" data-testid="result"></pre>
<h2>On the wire <button id="show-exchange" type="button">Show what the server received and answered</button></h2>
<pre id="exchange" data-testid="exchange"></pre>
<h2>How the server is set up</h2>
<pre id="behaviour" data-testid="behaviour"></pre>
<script type="application/json" id="scenario">${jsonForScript({ id: scenario.id, variant, code, lab, behaviour })}</script>
<script src="/runner.js"></script>
</body></html>`;
}

/**
 * Runs the scenario's code as the body of an async function(lab) when Run is clicked (or at load
 * with ?run), and shows what it returned (never throws). #result gets data-done once the JSON
 * result is in it. "Show" fetches the exchange log from this (same) origin on demand only, so a
 * recorded run holds the scenario's own requests alone. sourceURL names the code in stack traces.
 */
export const RUNNER_JS = `'use strict';
(() => {
  const { id, variant, code, lab, behaviour } = JSON.parse(document.getElementById('scenario').textContent);
  const AsyncFunction = (async () => {}).constructor;
  const scenario = new AsyncFunction('lab', code + '\\n//# sourceURL=scenarios/' + id + (variant === 'fixed' ? '.fixed' : '') + '.js');
  document.getElementById('behaviour').textContent = behaviour.routes.map((r) =>
    r.path + '\\n  OPTIONS → ' + r.preflight + '\\n  other methods → ' + r.actual).join('\\n\\n') || '(no route: nothing listens)';
  const run = async () => {
    const out = document.getElementById('result');
    out.removeAttribute('data-done');
    out.textContent = 'running…';
    let result;
    try {
      result = { ok: true, value: (await scenario(lab)) ?? null };
    } catch (error) {
      result = { ok: false, error: String(error) };
    }
    out.textContent = JSON.stringify(result, null, 2);
    out.setAttribute('data-done', '');
  };
  document.getElementById('run').addEventListener('click', run);
  document.getElementById('show-exchange').addEventListener('click', async () => {
    const out = document.getElementById('exchange');
    out.removeAttribute('data-done');
    try {
      const response = await fetch('/exchanges/' + encodeURIComponent(id) + '?' + variant, { cache: 'no-store' });
      const log = await response.json();
      out.textContent = log.length === 0 ? '(nothing reached the server: run the scenario first)' : log.map((x) =>
        '→ ' + x.method + ' ' + x.url + '\\n' + x.requestHeaders.map((h) => '    ' + h[0] + ': ' + h[1]).join('\\n') +
        '\\n← ' + x.status + '\\n' + x.responseHeaders.map((h) => '    ' + h[0] + ': ' + h[1]).join('\\n')).join('\\n\\n');
    } catch (error) {
      out.textContent = 'Could not read the exchange log: ' + String(error);
    }
    out.setAttribute('data-done', '');
  });
  if (new URLSearchParams(location.search).has('run')) run();
})();
`;

export const LAB_CSS = `body{font:15px/1.45 system-ui,sans-serif;max-width:980px;margin:1.5em auto;padding:0 1em;color:#1b1b1b}
pre{background:#f4f4f4;padding:.6em .8em;overflow:auto;white-space:pre-wrap}
.scenario{border-top:1px solid #ddd;padding:.4em 0}
.scenario h3{margin:.4em 0 .2em}.id{font-size:.8em;color:#555}
.button,button{display:inline-block;padding:.3em .9em;border:1px solid #1a56b0;border-radius:4px;color:#fff;background:#1a56b0;text-decoration:none;font:inherit;cursor:pointer}
.button.fixed{background:#17713a;border-color:#17713a}.no-fix{color:#555;font-size:.9em}
h2 button{font-size:.7em;vertical-align:middle}`;
