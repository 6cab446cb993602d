/**
 * Presentation mode is a view setting, not capture state: one flag, mirrored on the document
 * root (data-presentation) so that teaching.css can restyle the whole panel for a projector.
 */
const listeners = new Set<(on: boolean) => void>();
let presenting = false;

export function isPresenting(): boolean {
  return presenting;
}

export function setPresenting(on: boolean): void {
  if (on === presenting) return;
  presenting = on;
  if (on) document.documentElement.dataset.presentation = 'on';
  else delete document.documentElement.dataset.presentation;
  for (const listener of listeners) listener(on);
}

export function onPresentingChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
