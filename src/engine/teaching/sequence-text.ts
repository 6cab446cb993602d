/**
 * The sequence diagram as plain text, one step a line and its headers indented below: readable
 * in a terminal, in a Markdown code block, and by a screen reader. Values are single-line text.
 */
import { clip, nameHiddenCharacters } from '../text.ts';
import { LANES, type Lane, type SequenceDiagram, type SequenceStep } from './sequence.ts';

const WIDTH = 18;
const INDENT = ' '.repeat(WIDTH + 4);
const VALUE_MAX = 200;
/**
 * A value on one line, shown as it reads: line breaks (C0, C1, U+2028/2029) become spaces;
 * characters that reorder or hide text (bidi overrides and isolates, zero-width, BOM) are named,
 * so "\u202e3715:tsohlacol//:ptth" cannot pass for http://localhost:5173; long values are cut.
 */
function oneLine(value: string): string {
  // Cut first, so a cut never falls inside a name, and the length is the value's own.
  return nameHiddenCharacters(clip(value, VALUE_MAX).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '));
}

function lanes(step: SequenceStep): string {
  if (step.kind !== 'message') return step.lane;
  return `${step.from} ${step.state === 'not-sent' ? '⇢' : '→'} ${step.to}`;
}

function stepLines(step: SequenceStep, stopped: boolean): string[] {
  const head = `  ${lanes(step).padEnd(WIDTH)}  `;
  switch (step.kind) {
    case 'message': {
      const lines = [`${head}${oneLine(step.label)}${step.state === 'failed' ? '  ✖ no answer' : ''}`];
      for (const header of step.headers) lines.push(`${INDENT}${oneLine(header.name)}: ${oneLine(header.value)}`);
      for (const name of step.missing) lines.push(`${INDENT}(no ${name})`);
      return lines;
    }
    case 'check': {
      const mark = step.passed ? '✔' : stopped ? '✖ STOPPED HERE:' : '✖';
      const error = step.chromiumError ? ` [${step.chromiumError}]` : '';
      return [`${head}${mark} ${oneLine(step.label)}${error}`, `${INDENT}${oneLine(step.detail)}`];
    }
    case 'note':
      return [`${head}${step.tone === 'cache' ? '⟲ ' : ''}${oneLine(step.text)}`];
  }
}

export function sequenceToText(diagram: SequenceDiagram): string {
  const lines = [`Sequence (${LANES.map((lane: Lane) => lane).join(' · ')}): ${oneLine(diagram.title)} — ${diagram.verdict}`, ''];
  diagram.steps.forEach((step, i) => lines.push(...stepLines(step, i === diagram.stoppedAt)));
  return lines.join('\n');
}
