/**
 * Toolbar item: "What-if lab" opens the editor over the panel without any captured request, so a
 * teacher can build a scenario from scratch, or a student can open a share link or a file.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ToolbarSlotProps } from '../slots.ts';
import { lazySlot } from '../lazy-slot.tsx';
import type { PanelPlatform } from '../platform.ts';
import './teaching.css';

const Lab = lazySlot<{ platform: PanelPlatform }>(() => import('./WhatIfLab.tsx').then((m) => m.WhatIfLab));

export function ScenarioWorkbench({ platform }: ToolbarSlotProps) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [open]);
  return (
    <>
      <button type="button" data-testid="whatif-lab-toggle" aria-expanded={open} title="Build a CORS scenario without a server, or open a shared one"
        onClick={() => setOpen(!open)}>What-if lab</button>
      {open && (
        <div class="whatif-sheet" role="dialog" aria-label="What-if lab" data-testid="whatif-lab">
          <div class="whatif-sheet-head">
            <h2>What-if lab</h2>
            <span class="muted">Build a scenario from scratch, or open a share link or file. Nothing is sent anywhere: the verdict is computed.</span>
            <button type="button" class="icon-button" aria-label="Close the what-if lab (Esc)" onClick={() => setOpen(false)}>✕</button>
          </div>
          <Lab platform={platform} />
        </div>
      )}
    </>
  );
}
