/** Detail section: the selected request as a conversation between page, browser and server. */
import { useMemo } from 'preact/hooks';
import { sequenceFromDiagnosis } from '../../engine/teaching/sequence.ts';
import type { DetailSlotProps } from '../slots.ts';
import { SequenceDiagram } from './SequenceDiagram.tsx';
import './teaching.css';

export function SequenceSection({ diagnosis }: DetailSlotProps) {
  const diagram = useMemo(() => sequenceFromDiagnosis(diagnosis), [diagnosis]);
  return (
    <section class="sequence-section" data-testid="sequence-section" aria-label="Sequence diagram">
      <h3>The conversation</h3>
      <SequenceDiagram diagram={diagram} />
    </section>
  );
}
