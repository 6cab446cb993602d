/**
 * Where each step of a sequence diagram goes in the SVG: one horizontal band per step, so a label
 * may run past the arrow it belongs to without meeting another step's text. Pure arithmetic on
 * the engine's model; the component only draws what this returns.
 */
import type { Lane, SequenceDiagram, SequenceStep } from '../../engine/teaching/sequence.ts';
import { clip, shorten } from '../../engine/text.ts';

export const WIDTH = 760;
export const LANE_X: Record<Lane, number> = { page: 64, browser: 260, server: 700 };
export const HEADER_HEIGHT = 40;
const LINE = 15;
const LABEL = 17;
/** Average advance of the 11–12 unit fonts used, to cut text before the right edge. */
const MONO_CHAR = 6.7;
const SANS_CHAR = 6.6;

export interface TextLine {
  text: string;
  /** The whole text when `text` was cut to fit. */
  full: string | null;
}

export interface StepBox {
  step: SequenceStep;
  index: number;
  y: number;
  height: number;
  /** For messages: the arrow's ends and its vertical position. */
  x1: number;
  x2: number;
  arrowY: number;
  textX: number;
  label: TextLine;
  lines: TextLine[];
}

/** A tooltip shows at most this much of a cut value (a hostile header can be 1 MB). */
export const TOOLTIP_MAX = 2_000;

export function fit(text: string, room: number, charWidth: number): TextLine {
  const max = Math.max(8, Math.floor(room / charWidth));
  return text.length <= max ? { text, full: null } : { text: shorten(text, max), full: clip(text, TOOLTIP_MAX) };
}

/** Splits on spaces into lines of at most `max` characters (a longer word is cut). */
export function wrap(text: string, room: number, charWidth: number, maxLines = 3): TextLine[] {
  const max = Math.max(8, Math.floor(room / charWidth));
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (next.length <= max) current = next;
    else {
      if (current) lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const shown = lines.slice(0, maxLines).map((line) => fit(line, room, charWidth));
  if (lines.length > maxLines) shown[maxLines - 1] = { text: `${shown[maxLines - 1]!.text.replace(/…$/, '')}…`, full: text };
  return shown;
}

export function layoutSequence(diagram: SequenceDiagram): { boxes: StepBox[]; height: number } {
  const boxes: StepBox[] = [];
  let y = HEADER_HEIGHT + 10;
  diagram.steps.forEach((step, index) => {
    if (step.kind === 'message') {
      const x1 = LANE_X[step.from];
      const x2 = LANE_X[step.to];
      const textX = Math.min(x1, x2) + 10;
      const room = WIDTH - textX - 8;
      const label = fit(step.label, room, SANS_CHAR);
      const lines = [
        ...step.headers.map((h) => fit(`${h.name}: ${h.value}`, room, MONO_CHAR)),
        ...step.missing.map((name) => fit(`(no ${name})`, room, MONO_CHAR)),
      ];
      // Below the label's descenders, so an arrowhead never crosses a label that runs past it.
      const arrowY = y + LABEL + 8;
      const height = LABEL + 14 + lines.length * LINE + 8;
      boxes.push({ step, index, y, height, x1, x2, arrowY, textX, label, lines });
      y += height;
    } else if (step.kind === 'check') {
      const textX = LANE_X.browser + 2;
      const room = WIDTH - textX - 16;
      const label = fit(`${step.passed ? '✔' : '✖'} ${step.label}${step.chromiumError ? ` · ${step.chromiumError}` : ''}`, room, SANS_CHAR + 0.4);
      const lines = wrap(step.detail, room, SANS_CHAR);
      const height = 10 + LABEL + lines.length * LINE + 10;
      boxes.push({ step, index, y, height, x1: LANE_X.browser, x2: LANE_X.browser, arrowY: y, textX, label, lines });
      y += height + 6;
    } else {
      const textX = LANE_X[step.lane] + 2;
      const lines = wrap(step.text, WIDTH - textX - 16, SANS_CHAR, 2);
      const height = 8 + lines.length * LINE + 8;
      boxes.push({ step, index, y, height, x1: LANE_X[step.lane], x2: LANE_X[step.lane], arrowY: y, textX, label: { text: '', full: null }, lines });
      y += height + 6;
    }
  });
  return { boxes, height: y + 10 };
}
