import type { CorsPolicyFix } from '../types.ts';

/** Turns one server-neutral fix into paste-ready code for one server stack. */
export interface SnippetGenerator {
  /** Stable key (also the key in renderSnippets' result). */
  id: string;
  /** Shown on the tab, e.g. "Express (cors package)". */
  label: string;
  /** Syntax class for highlighting: js, python, nginx, … */
  language: string;
  /** Pure and deterministic: the same fix always gives the same text. */
  render(fix: CorsPolicyFix): string;
}
