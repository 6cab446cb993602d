import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, headerList, joinLines, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

/** A quoted Caddyfile token. Planned values hold no quotes, braces or spaces. */
const token = (value: string): string => `"${value}"`;

export const caddy: SnippetGenerator = {
  id: 'caddy',
  label: 'Caddy',
  language: 'caddyfile',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const base = plan.path.replace(/\/+$/, '');
    const paths = `path ${base === '' ? '/' : base} ${base}/*`;
    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} in Caddy 2, inside your site block.`)),
      '',
      `@cors_path ${paths}`,
      ...(plan.anyOrigin
        ? [
            '# Public, no credentials: a literal * (no echo).',
            'header @cors_path {',
            '    Access-Control-Allow-Origin "*"',
            ...(plan.credentials ? ['    Access-Control-Allow-Credentials "true"'] : []),
            ...(plan.expose.length > 0 ? [`    Access-Control-Expose-Headers ${token(headerList(plan.expose))}`] : []),
            '}',
          ]
        : [
            'header @cors_path +Vary Origin # the answer depends on Origin: caches must keep origins apart',
            `# ${allowlistComment(plan)} Exact matches.`,
            '@cors_allowed {',
            `    ${paths}`,
            ...(plan.origins.length > 0
              ? plan.origins.map((o) => `    header Origin ${token(o)}`)
              : [`    header Origin "" # e.g. ${token(EXAMPLE_ORIGIN)}`]),
            '}',
            '# Echo a listed origin only; never reflect an arbitrary Origin.',
            'header @cors_allowed {',
            '    Access-Control-Allow-Origin {http.request.header.Origin}',
            ...(plan.credentials ? ['    Access-Control-Allow-Credentials "true"'] : []),
            ...(plan.expose.length > 0 ? [`    Access-Control-Expose-Headers ${token(headerList(plan.expose))}`] : []),
            '}',
          ]),
      ...(plan.handlesPreflight
        ? [
            '',
            '# The preflight (OPTIONS, no cookies, no Authorization) is answered here with 204, before',
            '# reverse_proxy or php_fastcgi. Caddy runs basic_auth/forward_auth before handle: exempt',
            '# preflights from them with a matcher, e.g. @needs_auth not method OPTIONS.',
            '@cors_preflight {',
            `    ${paths}`,
            '    method OPTIONS',
            '    header Access-Control-Request-Method *',
            '}',
            'handle @cors_preflight {',
            ...(plan.methods.length > 0 ? [`    header Access-Control-Allow-Methods ${token(headerList(plan.methods))}`] : []),
            ...(plan.headers.length > 0 ? [`    header Access-Control-Allow-Headers ${token(headerList(plan.headers))}`] : []),
            ...(plan.maxAge !== null ? [`    header Access-Control-Max-Age ${token(String(plan.maxAge))}`] : []),
            '    respond 204',
            '}',
          ]
        : []),
    ]);
  },
};
