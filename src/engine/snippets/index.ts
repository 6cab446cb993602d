/**
 * Registry of snippet generators, in the order the UI shows them. To add a stack, write a
 * generator (use planFix and the quoting helpers in common.ts) and list it here.
 */
import type { CorsPolicyFix } from '../types.ts';
import { expressCors } from './express-cors.ts';
import { expressMiddleware } from './express-middleware.ts';
import { flask } from './flask.ts';
import { nginx } from './nginx.ts';
import type { SnippetGenerator } from './types.ts';

export type { SnippetGenerator } from './types.ts';

export const snippetGenerators: SnippetGenerator[] = [expressCors, expressMiddleware, flask, nginx];

/** Every stack's snippet for one fix, keyed by generator id. */
export function renderSnippets(fix: CorsPolicyFix): Record<string, string> {
  const out: Record<string, string> = {};
  for (const generator of snippetGenerators) out[generator.id] = generator.render(fix);
  return out;
}
