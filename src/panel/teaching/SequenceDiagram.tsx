/**
 * The sequence diagram as SVG built from Preact elements: header values reach the DOM only as
 * text nodes (never innerHTML). Three lanes (page, browser, server), one band per step, the
 * failing check in red with "stopped here", a request that was never sent dashed, cache hits
 * marked. The same model in words sits below it for screen readers and copying.
 */
import { useMemo } from 'preact/hooks';
import { LANE_LABEL, LANES, type SequenceDiagram as Diagram } from '../../engine/teaching/sequence.ts';
import { sequenceToText } from '../../engine/teaching/sequence-text.ts';
import { HEADER_HEIGHT, LANE_X, layoutSequence, WIDTH, type StepBox, type TextLine } from './diagram-layout.ts';

let nextId = 0;

/** Text that was cut shows its whole value as a tooltip. */
function Line({ line, x, y, class: className }: { line: TextLine; x: number; y: number; class: string }) {
  return (
    <text x={x} y={y} class={className}>
      {line.full !== null && <title>{line.full}</title>}
      {line.text}
    </text>
  );
}

function Message({ box, markerId }: { box: StepBox; markerId: string }) {
  const step = box.step;
  if (step.kind !== 'message') return null;
  const rightward = box.x2 > box.x1;
  const end = box.x2 + (rightward ? -4 : 4);
  const failedEnd = box.x1 + (box.x2 - box.x1) * 0.82;
  return (
    <g class={`seq-message seq-${step.state} seq-phase-${step.phase}`} data-step-kind="message" data-state={step.state}
      data-from={step.from} data-to={step.to}>
      <Line line={box.label} x={box.textX} y={box.y + 14} class="seq-label" />
      {step.state === 'failed' ? (
        <>
          <line x1={box.x1} y1={box.arrowY} x2={failedEnd} y2={box.arrowY} class="seq-arrow" />
          <text x={failedEnd + 6} y={box.arrowY + 5} class="seq-cross">✖ no answer</text>
        </>
      ) : (
        <line x1={box.x1} y1={box.arrowY} x2={end} y2={box.arrowY} class="seq-arrow" marker-end={`url(#${markerId}${step.state === 'not-sent' ? '-muted' : ''})`} />
      )}
      {box.lines.map((line, i) => (
        <Line key={i} line={line} x={box.textX + 6} y={box.arrowY + 18 + i * 15}
          class={i >= step.headers.length ? 'seq-header seq-missing' : 'seq-header'} />
      ))}
    </g>
  );
}

function Check({ box, stopped }: { box: StepBox; stopped: boolean }) {
  const step = box.step;
  if (step.kind !== 'check') return null;
  const left = LANE_X.browser - 12;
  return (
    <g class={step.passed ? 'seq-check seq-passed' : 'seq-check seq-failed'} data-step-kind="check" data-passed={String(step.passed)}
      data-testid={stopped ? 'sequence-stop' : undefined} data-chromium-error={step.chromiumError ?? undefined}>
      <rect x={left} y={box.y} width={WIDTH - left - 6} height={box.height} rx={5} class="seq-check-box" />
      <Line line={box.label} x={box.textX + 8} y={box.y + 20} class="seq-check-label" />
      {box.lines.map((line, i) => <Line key={i} line={line} x={box.textX + 8} y={box.y + 20 + 17 + i * 15} class="seq-check-detail" />)}
      {stopped && (
        <>
          <circle cx={LANE_X.browser} cy={box.y + box.height / 2} r={9} class="seq-stop-dot" />
          <text x={LANE_X.browser - 22} y={box.y + box.height / 2 + 4} class="seq-stop-tag" text-anchor="end">stopped here</text>
        </>
      )}
    </g>
  );
}

function Note({ box }: { box: StepBox }) {
  const step = box.step;
  if (step.kind !== 'note') return null;
  const left = LANE_X[step.lane] - 12;
  return (
    <g class={`seq-note seq-note-${step.tone}`} data-step-kind="note" data-tone={step.tone}>
      <rect x={left} y={box.y} width={WIDTH - left - 6} height={box.height} rx={5} class="seq-note-box" />
      {box.lines.map((line, i) => (
        <Line key={i} line={i === 0 && step.tone === 'cache' ? { ...line, text: `⟲ ${line.text}` } : line} x={box.textX + 8} y={box.y + 19 + i * 15} class="seq-note-text" />
      ))}
    </g>
  );
}

export function SequenceDiagram({ diagram, caption }: { diagram: Diagram; caption?: string }) {
  const { boxes, height } = useMemo(() => layoutSequence(diagram), [diagram]);
  const text = useMemo(() => sequenceToText(diagram), [diagram]);
  const id = useMemo(() => `seq-${++nextId}`, []);
  const stoppedAt = diagram.stoppedAt;
  return (
    <figure class="sequence" data-verdict={diagram.verdict}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} class="sequence-svg" role="img" aria-labelledby={`${id}-title`}
        data-testid="sequence-diagram" data-stopped-at={stoppedAt === null ? 'none' : String(stoppedAt)} data-preflight={diagram.preflight}
        data-rule={diagram.ruleId} style={{ maxWidth: `${WIDTH * 1.6}px` }}>
        <title id={`${id}-title`}>{caption ?? `Sequence: ${diagram.title}`}</title>
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="seq-arrowhead" />
          </marker>
          <marker id={`${id}-arrow-muted`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="seq-arrowhead-muted" />
          </marker>
        </defs>
        {LANES.map((lane) => (
          <g key={lane} class="seq-lane" data-lane={lane}>
            <line x1={LANE_X[lane]} y1={HEADER_HEIGHT - 6} x2={LANE_X[lane]} y2={height - 4} class="seq-lifeline" />
            <rect x={LANE_X[lane] - 60} y={4} width={120} height={HEADER_HEIGHT - 10} rx={5} class="seq-lane-box" />
            <text x={LANE_X[lane]} y={24} text-anchor="middle" class="seq-lane-label">{LANE_LABEL[lane]}</text>
          </g>
        ))}
        {boxes.map((box) => box.step.kind === 'message' ? <Message key={box.index} box={box} markerId={`${id}-arrow`} />
          : box.step.kind === 'check' ? <Check key={box.index} box={box} stopped={box.index === stoppedAt} />
            : <Note key={box.index} box={box} />)}
      </svg>
      <details class="sequence-text">
        <summary>As text</summary>
        <pre class="code" data-testid="sequence-text">{text}</pre>
      </details>
    </figure>
  );
}
