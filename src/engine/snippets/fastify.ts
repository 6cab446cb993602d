import type { CorsPolicyFix } from '../types.ts';
import { headerComments, joinLines, jsAllowlist, jsString, listOf, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const fastify: SnippetGenerator = {
  id: 'fastify',
  label: 'Fastify (@fastify/cors)',
  language: 'js',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const allowlist = jsAllowlist(plan, 'array');
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} with @fastify/cors (npm install @fastify/cors). \`fastify\` is your Fastify instance.`)),
      '// The plugin covers every route of the instance it is registered on (the one that failed is above).',
      '',
      "const cors = require('@fastify/cors');",
      '',
      ...allowlist,
      '// Order matters: register it before your auth hooks and routes. Its onRequest hook answers the',
      '// preflight (OPTIONS, which never carries cookies or Authorization) with 204 before they run.',
      'fastify.register(cors, {',
      plan.anyOrigin
        ? "  origin: '*', // public, no credentials: a literal * (no echo)"
        : '  origin: allowedOrigins, // a listed Origin is echoed back with Vary: Origin; others get no CORS headers',
      plan.credentials && '  credentials: true, // Access-Control-Allow-Credentials: the request sends cookies or Authorization',
      plan.methods.length > 0 && `  methods: ${listOf(plan.methods, jsString)}, // exactly as the request sends them (case matters)`,
      plan.headers.length > 0 && `  allowedHeaders: ${listOf(plan.headers, jsString)},`,
      plan.expose.length > 0 && `  exposedHeaders: ${listOf(plan.expose, jsString)}, // response headers the page's script reads`,
      plan.maxAge !== null && `  maxAge: ${plan.maxAge}, // seconds the browser may cache the preflight`,
      '});',
    ]);
  },
};
