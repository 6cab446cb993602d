/**
 * The what-if editor: change the page's request or the server's answers and watch the verdict,
 * the explanation and the sequence diagram follow, computed by the same engine as for captured
 * requests (src/engine/teaching/what-if.ts). Scenarios travel as a share link or a JSON file.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { blankScenario, type ServerReply, type WhatIfScenario } from '../../engine/teaching/scenario.ts';
import { parseScenario, scenarioToJson, scenarioToShareLink } from '../../engine/teaching/share.ts';
import { runWhatIf } from '../../engine/teaching/what-if.ts';
import type { CredentialsMode, Header } from '../../engine/types.ts';
import { downloadText } from '../../platform/download.ts';
import type { PanelPlatform } from '../platform.ts';
import { VerdictBadge } from '../VerdictBadge.tsx';
import { HeaderTable } from './HeaderTable.tsx';
import { SequenceDiagram } from './SequenceDiagram.tsx';
import './teaching.css';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'patch'];
const REQUEST_SUGGESTIONS = [['Content-Type', 'application/json'], ['Authorization', 'Bearer demo-token'], ['X-Api-Key', 'demo-key']] as const;
const PREFLIGHT_SUGGESTIONS = (origin: string, method: string) => [
  ['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', method], ['Access-Control-Allow-Headers', 'Content-Type'],
  ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Max-Age', '600'], ['Vary', 'Origin'],
] as const;
const ACTUAL_SUGGESTIONS = (origin: string) => [
  ['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin'], ['Access-Control-Expose-Headers', 'X-Request-Id'],
] as const;

/** Rows left completely empty are a row being added, not a header. */
const withoutBlankRows = (headers: Header[]) => headers.filter((h) => h.name.trim() !== '' || h.value !== '');
function runnable(s: WhatIfScenario): WhatIfScenario {
  return {
    ...s,
    requestHeaders: withoutBlankRows(s.requestHeaders),
    preflightResponse: { ...s.preflightResponse, headers: withoutBlankRows(s.preflightResponse.headers) },
    actualResponse: { ...s.actualResponse, headers: withoutBlankRows(s.actualResponse.headers) },
  };
}

export interface WhatIfEditorProps {
  /** The scenario to start from (a captured request, a loaded link, or a blank one). */
  initial: WhatIfScenario;
  /** What was guessed when the scenario was taken from the log. */
  initialNotes?: string[];
  /** Label of the "back to the start" button, e.g. "Reset to the captured request"; none without it. */
  resetLabel?: string;
  platform: PanelPlatform;
}

export function WhatIfEditor({ initial, initialNotes = [], resetLabel, platform }: WhatIfEditorProps) {
  const [scenario, setScenario] = useState(initial);
  const [guesses, setGuesses] = useState(initialNotes);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  // Bumped on every load, so the fields that keep their own text (status) start over.
  const [generation, setGeneration] = useState(0);
  const outcome = useMemo((): ReturnType<typeof runWhatIf> => {
    try {
      return runWhatIf(runnable(scenario));
    } catch (error) {
      // The engine is meant never to throw; if it does, say so here rather than blank the editor.
      return { ok: false, errors: [`The engine could not judge this scenario: ${error instanceof Error ? error.message : String(error)}`] };
    }
  }, [scenario]);

  const update = (patch: Partial<WhatIfScenario>) => setScenario((s) => ({ ...s, ...patch }));
  const updateReply = (which: 'preflightResponse' | 'actualResponse', patch: Partial<ServerReply>) =>
    setScenario((s) => ({ ...s, [which]: { ...s[which], ...patch } }));
  const load = (next: WhatIfScenario, notes: string[], text: string) => {
    setScenario(next);
    setGuesses(notes);
    setGeneration((g) => g + 1);
    setMessage({ kind: 'info', text });
  };
  const open = (text: string) => {
    const parsed = parseScenario(text);
    if (parsed.ok) load(parsed.scenario, [], `Opened “${parsed.scenario.title}”.`);
    else setMessage({ kind: 'error', text: parsed.error });
  };
  const openFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(open, () => setMessage({ kind: 'error', text: `Could not read ${file.name}.` }));
  };
  /**
   * What Share and Save hand out: the scenario as it runs (rows being added left out), and only
   * if it opens again, so a link a student cannot open is never reported as copied.
   */
  const shareable = (what: string, encode: (s: WhatIfScenario) => string): string | null => {
    if (!outcome.ok) {
      setMessage({ kind: 'error', text: `Fix the scenario before you ${what} it: ${outcome.errors.join(' ')}` });
      return null;
    }
    const text = encode(runnable(scenario));
    const reopened = parseScenario(text);
    if (!reopened.ok) {
      setMessage({ kind: 'error', text: `This scenario would not open again, so it was not ${what === 'share' ? 'copied' : 'saved'}: ${reopened.error}` });
      return null;
    }
    return text;
  };
  const copyLink = async () => {
    const link = shareable('share', (s) => scenarioToShareLink(s, `${location.origin}${location.pathname}`));
    if (link === null) return;
    const copied = await platform.copyText(link);
    setMessage(copied
      ? { kind: 'info', text: 'Share link copied (secret header values redacted). Students paste it into “Open a scenario”.' }
      : { kind: 'error', text: 'The clipboard refused the link; save the scenario as a file instead.' });
  };
  const save = () => {
    const json = shareable('save', (s) => scenarioToJson(s));
    if (json === null) return;
    const name = `${scenario.title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'scenario'}.cors-scenario.json`;
    setMessage(downloadText(name, json, 'application/json')
      ? { kind: 'info', text: `Saved ${name} (secret header values redacted).` }
      : { kind: 'error', text: 'The file could not be saved.' });
  };

  const origin = scenario.pageOrigin;
  return (
    <div class="whatif" data-testid="whatif-editor">
      <div class="whatif-actions">
        {resetLabel && <button type="button" data-testid="whatif-reset" onClick={() => load(initial, initialNotes, 'Back to the starting point.')}>{resetLabel}</button>}
        <button type="button" data-testid="whatif-scratch" onClick={() => load(blankScenario(), [], 'A blank scenario: a simple GET to a server that sends no CORS headers.')}>Start from scratch</button>
        <button type="button" data-testid="whatif-share" onClick={copyLink}>Copy share link</button>
        <button type="button" data-testid="whatif-save" onClick={save}>Save .json</button>
        <label class="file-button">Open .json…
          <input type="file" accept=".json,application/json" data-testid="whatif-file"
            onChange={(e) => { const input = e.currentTarget as HTMLInputElement; openFile(input.files?.[0]); input.value = ''; }} />
        </label>
      </div>
      <form class="whatif-open" onSubmit={(e) => { e.preventDefault(); open(pasted); }}>
        <input type="text" placeholder="Open a scenario: paste a share link or scenario JSON" aria-label="Share link or scenario JSON"
          data-testid="whatif-paste" value={pasted} onInput={(e) => setPasted((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" data-testid="whatif-open">Open</button>
      </form>
      {message && <p class={`whatif-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="whatif-message">{message.text}</p>}

      <div class="whatif-body">
        <div class="whatif-form">
          <label class="field">Title
            <input value={scenario.title} data-testid="whatif-title" onInput={(e) => update({ title: (e.currentTarget as HTMLInputElement).value })} />
          </label>
          <fieldset>
            <legend>The page's request</legend>
            <label class="field">Page origin
              <input value={scenario.pageOrigin} data-testid="whatif-page-origin" spellcheck={false}
                onInput={(e) => update({ pageOrigin: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <label class="field">URL
              <input value={scenario.url} data-testid="whatif-url" spellcheck={false}
                onInput={(e) => update({ url: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <div class="field-row">
              <label class="field">Method
                <input value={scenario.method} list="whatif-methods" data-testid="whatif-method" spellcheck={false}
                  onInput={(e) => update({ method: (e.currentTarget as HTMLInputElement).value })} />
                <datalist id="whatif-methods">{METHODS.map((m) => <option key={m} value={m} />)}</datalist>
              </label>
              <label class="field">Credentials
                <select value={scenario.credentials} data-testid="whatif-credentials"
                  onChange={(e) => update({ credentials: (e.currentTarget as HTMLSelectElement).value as CredentialsMode })}>
                  <option value="same-origin">same-origin (default)</option>
                  <option value="omit">omit</option>
                  <option value="include">include</option>
                </select>
              </label>
            </div>
            <HeaderTable label="Request header" testId="whatif-request-headers" headers={scenario.requestHeaders}
              suggestions={REQUEST_SUGGESTIONS} onChange={(requestHeaders) => update({ requestHeaders })} />
          </fieldset>
          <ReplyFields key={`p${generation}`} title="The server's answer to the preflight (OPTIONS)" which="preflightResponse" reply={scenario.preflightResponse}
            suggestions={PREFLIGHT_SUGGESTIONS(origin, scenario.method.toUpperCase())} onChange={updateReply}>
            <label class="check">
              <input type="checkbox" checked={scenario.preflightCache === 'warm'} data-testid="whatif-cache"
                onChange={(e) => update({ preflightCache: (e.currentTarget as HTMLInputElement).checked ? 'warm' : 'cold' })} />
              Preflight cache is warm (the same request passed a preflight moments ago)
            </label>
          </ReplyFields>
          <ReplyFields key={`a${generation}`} title="The server's answer to the actual request" which="actualResponse" reply={scenario.actualResponse}
            suggestions={ACTUAL_SUGGESTIONS(origin)} onChange={updateReply} />
        </div>

        <div class="whatif-result" aria-live="polite">
          {!outcome.ok ? (
            <div class="whatif-errors" role="alert" data-testid="whatif-errors">
              <p><strong>This scenario cannot run yet:</strong></p>
              <ul>{outcome.errors.map((error, i) => <li key={i}>{error}</li>)}</ul>
            </div>
          ) : (
            <>
              <div class="whatif-verdict" data-testid="whatif-verdict" data-verdict={outcome.result.diagnosis.verdict}
                data-rule={outcome.result.diagnosis.ruleId} data-chromium-error={outcome.result.diagnosis.chromiumError ?? ''}>
                <VerdictBadge verdict={outcome.result.diagnosis.verdict} />
                <strong>{outcome.result.explanation.title}</strong>
                {outcome.result.diagnosis.chromiumError && <code>{outcome.result.diagnosis.chromiumError}</code>}
              </div>
              <div class="explanation" data-testid="whatif-explanation">
                <p class="summary">{outcome.result.explanation.summary}</p>
                {outcome.result.explanation.why && <p><strong>Why. </strong>{outcome.result.explanation.why}</p>}
                {outcome.result.explanation.fix && <p><strong>Fix. </strong>{outcome.result.explanation.fix}</p>}
              </div>
              {[...outcome.result.notes, ...guesses].length > 0 && (
                <ul class="notes" data-testid="whatif-notes">
                  {[...outcome.result.notes, ...guesses].map((note, i) => <li key={i}>{note}</li>)}
                </ul>
              )}
              <SequenceDiagram diagram={outcome.result.sequence} caption={`What-if sequence: ${outcome.result.explanation.title}`} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function ReplyFields({ title, which, reply, suggestions, onChange, children }: {
  title: string;
  which: 'preflightResponse' | 'actualResponse';
  reply: ServerReply;
  suggestions: readonly (readonly [string, string])[];
  onChange(which: 'preflightResponse' | 'actualResponse', patch: Partial<ServerReply>): void;
  children?: ComponentChildren;
}) {
  // Its own text, so that a half-typed status ("", "40") stays as typed; the scenario gets NaN until it is a number.
  const [statusText, setStatusText] = useState(String(reply.status));
  return (
    <fieldset data-testid={`whatif-${which}`}>
      <legend>{title}</legend>
      <label class="field status-field">Status
        <input inputMode="numeric" value={statusText} data-testid={`whatif-${which}-status`}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLInputElement).value;
            setStatusText(text);
            onChange(which, { status: /^\d+$/.test(text) ? Number(text) : Number.NaN });
          }} />
      </label>
      <HeaderTable label={which === 'preflightResponse' ? 'Preflight response header' : 'Response header'} testId={`whatif-${which}-headers`}
        headers={reply.headers} suggestions={suggestions} onChange={(headers) => onChange(which, { headers })} />
      {children}
    </fieldset>
  );
}
