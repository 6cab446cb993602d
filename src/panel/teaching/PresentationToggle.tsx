/**
 * The toolbar's "Present" toggle: large type and high contrast for a projector, and only the
 * selected request, its explanation and its conversation on screen. No keyboard shortcut of its
 * own: DevTools already uses the likely ones (Ctrl+Shift+P opens its command menu).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ToolbarSlotProps } from '../slots.ts';
import { isPresenting, onPresentingChange, setPresenting } from './presentation.ts';
import './teaching.css';

export function PresentationToggle(_props: ToolbarSlotProps) {
  const [on, setOn] = useState(isPresenting);
  useEffect(() => onPresentingChange(setOn), []);
  return (
    <button type="button" class={on ? 'present-toggle on' : 'present-toggle'} data-testid="presentation-toggle"
      aria-pressed={on} title="Presentation mode: large type and high contrast for a projector"
      onClick={() => {
        setPresenting(!on);
        // Start at the top: the verdict and its explanation are what the room reads first.
        document.querySelector('.detail')?.scrollTo(0, 0);
      }}>
      {on ? 'Exit presentation' : 'Present'}
    </button>
  );
}
