/**
 * Registry of snippet generators, in the order the UI shows them. To add a stack, write a
 * generator (use planFix and the quoting helpers in common.ts) and list it here.
 */
import type { CorsPolicyFix } from '../types.ts';
import { apache } from './apache.ts';
import { aspnet } from './aspnet.ts';
import { caddy } from './caddy.ts';
import { django } from './django.ts';
import { expressCors } from './express-cors.ts';
import { expressMiddleware } from './express-middleware.ts';
import { fastapi } from './fastapi.ts';
import { fastify } from './fastify.ts';
import { flask } from './flask.ts';
import { go } from './go.ts';
import { koa } from './koa.ts';
import { nextMiddleware, nextRoute } from './next.ts';
import { nginx } from './nginx.ts';
import { php } from './php.ts';
import { rack } from './rack.ts';
import { spring } from './spring.ts';
import type { SnippetGenerator } from './types.ts';

export type { SnippetGenerator } from './types.ts';

export const snippetGenerators: SnippetGenerator[] = [
  expressCors, expressMiddleware, fastify, koa, nextRoute, nextMiddleware,
  flask, fastapi, django, nginx, apache, caddy, php, go, rack, spring, aspnet,
];

/** Every stack's snippet for one fix (or only those of `stacks`), keyed by generator id. */
export function renderSnippets(fix: CorsPolicyFix, stacks?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const generator of snippetGenerators) if (!stacks || stacks.includes(generator.id)) out[generator.id] = generator.render(fix);
  return out;
}
