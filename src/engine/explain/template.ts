/**
 * Explanation texts are data with strict {placeholders}. A text may vary with one parameter:
 * `{ by: 'cause', auth: '…', default: '…' }`. Filling reports missing placeholders instead of
 * printing "undefined", so a test can insist there are none.
 */
import { clip, nameHiddenCharacters } from '../text.ts';
import type { ExplanationParams } from '../types.ts';

export type Text = string | ({ by: string; default: string } & Record<string, string>);

export interface FilledText {
  text: string;
  missing: string[];
}

export function chooseVariant(text: Text, params: ExplanationParams): string {
  if (typeof text === 'string') return text;
  const key = params[text.by];
  return key !== undefined && key !== 'by' && text[key] !== undefined ? text[key]! : text.default;
}

export function fill(text: Text, params: ExplanationParams): FilledText {
  const missing: string[] = [];
  const filled = chooseVariant(text, params).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      missing.push(name);
      return `[${name}?]`;
    }
    return nameHiddenCharacters(clip(value, PARAM_DISPLAY_CHARS));
  });
  return { text: filled, missing };
}

/** Longer values (a hostile 1 MB header) are cut in prose; the evidence keeps them whole. */
export const PARAM_DISPLAY_CHARS = 300;

