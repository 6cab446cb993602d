/**
 * Detail section (loaded on first use): "What if…" on the selected request. Closed by default;
 * opening it starts the editor from the captured request, as the engine saw it.
 */
import { useMemo, useState } from 'preact/hooks';
import { scenarioFromDiagnosis } from '../../engine/teaching/scenario.ts';
import type { DetailSlotProps } from '../slots.ts';
import { WhatIfEditor } from './WhatIfEditor.tsx';

export function WhatIfSection({ diagnosis, platform, row }: DetailSlotProps) {
  const [open, setOpen] = useState(false);
  const start = useMemo(() => (open ? scenarioFromDiagnosis(diagnosis) : null), [open, diagnosis]);
  return (
    <details class="whatif-section" data-testid="whatif-section" open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary><h3>What if…</h3> <span class="muted">change a header and watch the verdict</span></summary>
      {start && <WhatIfEditor key={row.key} initial={start.scenario} initialNotes={start.notes}
        resetLabel="Reset to the captured request" platform={platform} />}
    </details>
  );
}
