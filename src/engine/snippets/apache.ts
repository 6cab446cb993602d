import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, headerList, joinLines, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

/** A value for `Header ... "..."`: mod_headers reads %{...} as a format, %% is a literal %. */
const headerValue = (value: string): string => `"${value.replace(/%/g, '%%')}"`;
/** A regex for the exact path and below. */
const pathRegex = (path: string): string => `^${path.replace(/[.+]/g, '\\$&')}`;

export const apache: SnippetGenerator = {
  id: 'apache',
  label: 'Apache (mod_headers)',
  language: 'apache',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const set = (indent: string, name: string, value: string): string => `${indent}Header always set ${name} ${value}`;
    const perResponse = (indent: string): string[] => [
      set(indent, 'Access-Control-Allow-Origin', plan.anyOrigin ? '"*"' : '"expr=%{req:Origin}"'),
      ...(plan.credentials ? [set(indent, 'Access-Control-Allow-Credentials', '"true"')] : []),
      ...(plan.expose.length > 0 ? [set(indent, 'Access-Control-Expose-Headers', headerValue(headerList(plan.expose)))] : []),
      ...(plan.methods.length > 0 ? [set(indent, 'Access-Control-Allow-Methods', headerValue(headerList(plan.methods)))] : []),
      ...(plan.headers.length > 0 ? [set(indent, 'Access-Control-Allow-Headers', headerValue(headerList(plan.headers)))] : []),
      ...(plan.maxAge !== null ? [set(indent, 'Access-Control-Max-Age', headerValue(String(plan.maxAge)))] : []),
    ];
    // Origins are checked by ORIGIN in planFix: no quotes, spaces or braces to escape.
    const originList = plan.origins.map((o) => `'${o}'`).join(', ');
    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} in Apache httpd 2.4 (a2enmod headers rewrite), in your <VirtualHost>.`)),
      '',
      `<LocationMatch "${pathRegex(plan.path)}">`,
      '    # "always": error responses (401, 502) carry the headers too, so the page can read them.',
      ...(plan.anyOrigin
        ? ['    # Public, no credentials: a literal * (no echo).', ...perResponse('    ')]
        : [
            '    Header always merge Vary Origin',
            `    # ${allowlistComment(plan)}`,
            plan.origins.length > 0
              ? `    <If "%{HTTP:Origin} in { ${originList} }">`
              : `    <If "%{HTTP:Origin} in { '' }"> # e.g. { '${EXAMPLE_ORIGIN}' }`,
            '        # Echo a listed origin only; never reflect an arbitrary Origin.',
            ...perResponse('        '),
            '    </If>',
          ]),
      '</LocationMatch>',
      ...(plan.handlesPreflight
        ? [
            '',
            '# The preflight (OPTIONS, no cookies, no Authorization) is answered with 204 here, before',
            '# auth (AuthType/Require) and before ProxyPass or your application.',
            'RewriteEngine On',
            'RewriteCond %{REQUEST_METHOD} =OPTIONS',
            'RewriteCond %{HTTP:Access-Control-Request-Method} !=""',
            `RewriteRule "${pathRegex(plan.path)}" - [R=204,L]`,
          ]
        : []),
    ]);
  },
};
