import type { Verdict } from '../engine/types.ts';

const VERDICT_LABEL: Record<Verdict, string> = { blocked: 'Blocked', warning: 'Warning', ok: 'OK', 'not-cors': 'Not CORS' };

/** Coloured pill with the verdict in words (colour is never the only signal). */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span class={`badge badge-${verdict}`}>{VERDICT_LABEL[verdict]}</span>;
}
