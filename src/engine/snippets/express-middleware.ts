import type { CorsPolicyFix } from '../types.ts';
import {
  headerComments, headerList, joinLines, jsAllowlist, jsString, planFix, prefixLines,
} from './common.ts';
import type { SnippetGenerator } from './types.ts';

const set = (indent: string, name: string, value: string): string =>
  `${indent}res.setHeader(${jsString(name)}, ${value});`;

export const expressMiddleware: SnippetGenerator = {
  id: 'express-middleware',
  label: 'Express (hand-written middleware)',
  language: 'js',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const allowlist = jsAllowlist(plan, 'Set');

    // Headers that belong on every CORS response from an allowed origin.
    const perResponse = (indent: string): string[] => [
      plan.credentials ? set(indent, 'Access-Control-Allow-Credentials', "'true'") : null,
      plan.expose.length > 0 ? set(indent, 'Access-Control-Expose-Headers', jsString(headerList(plan.expose))) : null,
    ].filter((line): line is string => line !== null);

    const originBlock = plan.anyOrigin
      ? [
          '  // Public, no credentials: a literal * (no echo).',
          set('  ', 'Access-Control-Allow-Origin', "'*'"),
          ...perResponse('  '),
        ]
      : [
          "  const origin = req.get('Origin');",
          '  if (origin !== undefined && allowedOrigins.has(origin)) {',
          '    // Echo a listed origin only; never reflect an arbitrary Origin.',
          set('    ', 'Access-Control-Allow-Origin', 'origin'),
          ...perResponse('    '),
          '  }',
        ];

    const preflight = plan.handlesPreflight
      ? [
          "  if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined) {",
          '    // Preflight: it carries no cookies or Authorization, so answer it here, before auth.',
          plan.methods.length > 0 && set('    ', 'Access-Control-Allow-Methods', jsString(headerList(plan.methods))),
          plan.headers.length > 0 && set('    ', 'Access-Control-Allow-Headers', jsString(headerList(plan.headers))),
          plan.maxAge !== null && set('    ', 'Access-Control-Max-Age', jsString(String(plan.maxAge))),
          '    res.status(204).end();',
          '    return;',
          '  }',
        ]
      : [];

    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path}, hand-written (no dependency). \`app\` is your express() app.`)),
      '// Order matters: register this before your auth middleware and routes, so preflights and',
      '// error responses (401, 500) get CORS headers too.',
      '',
      ...allowlist,
      `app.use(${jsString(plan.path)}, (req, res, next) => {`,
      plan.vary && "  res.vary('Origin'); // the response depends on Origin: caches must keep origins apart",
      ...originBlock,
      ...preflight,
      '  next();',
      '});',
    ]);
  },
};
