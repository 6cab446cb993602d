import type { CorsPolicyFix } from '../types.ts';
import { headerComments, joinLines, jsAllowlist, jsString, listOf, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const koa: SnippetGenerator = {
  id: 'koa',
  label: 'Koa (@koa/cors)',
  language: 'js',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const allowlist = jsAllowlist(plan, 'Set');
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} with @koa/cors (npm install @koa/cors). \`app\` is your new Koa() app.`)),
      '',
      "const cors = require('@koa/cors');",
      '',
      ...allowlist,
      'const corsMiddleware = cors({',
      plan.anyOrigin
        ? "  origin: '*', // public, no credentials: a literal * (no echo)"
        : [
            '  // Echo a listed origin only (with Vary: Origin); for others return \'\': no CORS headers.',
            "  origin: (ctx) => (allowedOrigins.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),",
          ].join('\n'),
      plan.credentials && '  credentials: true, // Access-Control-Allow-Credentials: the request sends cookies or Authorization',
      plan.methods.length > 0 && `  allowMethods: ${listOf(plan.methods, jsString)}, // exactly as the request sends them (case matters)`,
      plan.headers.length > 0 && `  allowHeaders: ${listOf(plan.headers, jsString)},`,
      plan.expose.length > 0 && `  exposeHeaders: ${listOf(plan.expose, jsString)}, // response headers the page's script reads`,
      plan.maxAge !== null && `  maxAge: ${plan.maxAge}, // seconds the browser may cache the preflight`,
      '});',
      '',
      '// Order matters: app.use() this before your auth middleware and router, so the preflight',
      '// (answered here with 204) and error responses (401, 500) get CORS headers too.',
      `app.use((ctx, next) => (ctx.path.startsWith(${jsString(plan.path)}) ? corsMiddleware(ctx, next) : next()));`,
    ]);
  },
};
