import type { CorsPolicyFix } from '../types.ts';
import { headerComments, joinLines, jsAllowlist, jsString, listOf, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const expressCors: SnippetGenerator = {
  id: 'express',
  label: 'Express (cors package)',
  language: 'js',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const path = jsString(plan.path);
    const origin = plan.anyOrigin
      ? "  origin: '*', // public, no credentials: a literal * (no echo)"
      : '  origin: allowedOrigins, // a listed Origin is echoed back with Vary: Origin; others get no CORS headers';
    const allowlist = jsAllowlist(plan, 'array');

    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} with the cors package (npm install cors). \`app\` is your express() app.`)),
      '',
      "const cors = require('cors');",
      '',
      ...allowlist,
      'const corsOptions = {',
      origin,
      plan.credentials && '  credentials: true, // Access-Control-Allow-Credentials: the request sends cookies or Authorization',
      plan.methods.length > 0 && `  methods: ${listOf(plan.methods, jsString)}, // exactly as the request sends them (case matters)`,
      plan.headers.length > 0 && `  allowedHeaders: ${listOf(plan.headers, jsString)},`,
      plan.expose.length > 0 && `  exposedHeaders: ${listOf(plan.expose, jsString)}, // response headers the page's script reads`,
      plan.maxAge !== null && `  maxAge: ${plan.maxAge}, // seconds the browser may cache the preflight`,
      '};',
      '',
      '// Order matters: register these before your auth middleware and routes.',
      ...(plan.preflightFirst
        ? [
            '// The preflight (OPTIONS) never carries cookies or Authorization, so auth would reject it:',
            '// answer it first, with 204.',
            `app.options(${path}, cors(corsOptions));`,
            '// The real responses (401 and 500 included) need the headers too, or the page cannot read them.',
          ]
        : ['// Every response (401 and 500 included) needs the headers, or the page cannot read it.']),
      `app.use(${path}, cors(corsOptions));`,
      '',
      '// app.use(yourAuthMiddleware); // auth and routes come after',
    ]);
  },
};
