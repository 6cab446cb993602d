import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, headerList, joinLines, nginxString, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

/** The comment that opens the server-context half (tests split the snippet on it). */
export const NGINX_SERVER_PART = '# In your server { } block, merged into the location that serves';

export const nginx: SnippetGenerator = {
  id: 'nginx',
  label: 'nginx',
  language: 'nginx',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const add = (indent: string, name: string, value: string): string => `${indent}add_header ${name} ${value} always;`;
    const corsHeaders = (indent: string): string[] => [
      add(indent, 'Access-Control-Allow-Origin', plan.anyOrigin ? '"*"' : '$cors_origin'),
      ...(plan.credentials ? [add(indent, 'Access-Control-Allow-Credentials', '"true"')] : []),
      ...(plan.vary ? [add(indent, 'Vary', 'Origin')] : []),
    ];

    const map = plan.anyOrigin
      ? []
      : [
          `# In the http { } block. ${allowlistComment(plan)}`,
          '# Exact strings, no regexes: an unlisted origin maps to "" and gets no CORS headers.',
          'map $http_origin $cors_origin {',
          '    default "";',
          ...(plan.origins.length > 0
            ? plan.origins.map((origin) => `    ${nginxString(origin)} $http_origin;`)
            : [`    # ${nginxString(EXAMPLE_ORIGIN)} $http_origin;`]),
          '}',
          '',
        ];

    const preflight = plan.handlesPreflight
      ? [
          '    # Preflight: it carries no credentials, so answer it here, before auth_request / auth_basic',
          '    # and proxy_pass. add_header inside "if" replaces the outer ones, hence the repeats.',
          '    if ($request_method = OPTIONS) {',
          ...corsHeaders('        '),
          ...(plan.methods.length > 0 ? [add('        ', 'Access-Control-Allow-Methods', nginxString(headerList(plan.methods)))] : []),
          ...(plan.headers.length > 0 ? [add('        ', 'Access-Control-Allow-Headers', nginxString(headerList(plan.headers)))] : []),
          ...(plan.maxAge !== null ? [add('        ', 'Access-Control-Max-Age', nginxString(String(plan.maxAge)))] : []),
          '        return 204;',
          '    }',
          '',
        ]
      : [];

    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} in nginx.`)),
      '',
      ...map,
      `${NGINX_SERVER_PART} ${plan.path}:`,
      `location ${plan.path} {`,
      ...preflight,
      '    # "always": error responses (401, 502) carry the headers too, so the page can read them.',
      '    # add_header here replaces server-level add_header lines: repeat any you need.',
      ...corsHeaders('    '),
      ...(plan.expose.length > 0 ? [add('    ', 'Access-Control-Expose-Headers', nginxString(headerList(plan.expose)))] : []),
      '',
      '    # ...your existing directives (proxy_pass, auth_request, ...). If the upstream app sends',
      '    # CORS headers too, hide them to avoid duplicates: proxy_hide_header Access-Control-Allow-Origin;',
      '}',
    ]);
  },
};
