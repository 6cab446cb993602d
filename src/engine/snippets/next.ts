/**
 * Next.js, App Router: a route handler (route.ts, with its own OPTIONS) and middleware
 * (middleware.ts; proxy.ts from Next.js 16). Both hand-written: Next.js has no CORS option.
 */
import type { CorsPolicyFix } from '../types.ts';
import {
  headerComments, headerList, joinLines, jsAllowlist, jsString, planFix, prefixLines, type SnippetPlan,
} from './common.ts';
import type { SnippetGenerator } from './types.ts';

/** Where the middleware snippet expects the app's own checks (the harness inserts auth there). */
export const NEXT_AUTH_MARKER = '  // Your auth checks go here, after CORS. Give their responses the CORS headers too:';


/** Body of a function building the per-response CORS headers from `origin`. */
function corsHeadersBody(plan: SnippetPlan): string[] {
  const perResponse = (indent: string): string[] => [
    ...(plan.credentials ? [`${indent}headers.set('Access-Control-Allow-Credentials', 'true');`] : []),
    ...(plan.expose.length > 0 ? [`${indent}headers.set('Access-Control-Expose-Headers', ${jsString(headerList(plan.expose))});`] : []),
  ];
  return plan.anyOrigin
    ? [
        `  const headers = new Headers(${plan.vary ? "{ Vary: 'Origin' }" : ''});`,
        "  headers.set('Access-Control-Allow-Origin', '*'); // public, no credentials: a literal * (no echo)",
        ...perResponse('  '),
        '  return headers;',
      ]
    : [
        "  const headers = new Headers({ Vary: 'Origin' }); // the answer depends on Origin: caches must keep origins apart",
        '  if (origin !== null && allowedOrigins.has(origin)) {',
        '    // Echo a listed origin only; never reflect an arbitrary Origin.',
        "    headers.set('Access-Control-Allow-Origin', origin);",
        ...perResponse('    '),
        '  }',
        '  return headers;',
      ];
}

/** The allowlist and the corsHeaders() helper both Next.js snippets start with. */
function corsHeadersFunction(plan: SnippetPlan): string[] {
  return [...jsAllowlist(plan, 'Set<string>'), 'function corsHeaders(origin: string | null): Headers {', ...corsHeadersBody(plan), '}', ''];
}

function preflightHeaders(plan: SnippetPlan, indent: string, target: string): string[] {
  return [
    ...(plan.methods.length > 0 ? [`${indent}${target}.set('Access-Control-Allow-Methods', ${jsString(headerList(plan.methods))}); // exactly as the request sends them`] : []),
    ...(plan.headers.length > 0 ? [`${indent}${target}.set('Access-Control-Allow-Headers', ${jsString(headerList(plan.headers))});`] : []),
    ...(plan.maxAge !== null ? [`${indent}${target}.set('Access-Control-Max-Age', ${jsString(String(plan.maxAge))});`] : []),
  ];
}

export const nextRoute: SnippetGenerator = {
  id: 'next-route',
  label: 'Next.js (route handler)',
  language: 'ts',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const file = `app${plan.path.replace(/\/+$/, '')}/route.ts`;
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in a Next.js App Router route handler: add this to ${file}.`)),
      '// If middleware.ts (proxy.ts) runs auth, let preflights through there first:',
      "//   if (request.method === 'OPTIONS') return NextResponse.next();",
      '',
      ...corsHeadersFunction(plan),
      '// The preflight: without this export Next.js answers OPTIONS itself, with no CORS headers.',
      '// It carries no cookies or Authorization, so it must not go through your auth checks.',
      'export function OPTIONS(request: Request): Response {',
      "  const headers = corsHeaders(request.headers.get('origin'));",
      ...preflightHeaders(plan, '  ', 'headers'),
      '  return new Response(null, { status: 204, headers });',
      '}',
      '',
      '// Every response of this route (401 and 500 included) needs the headers, or the page cannot',
      '// read it. Wrap each handler, before any auth check in it:',
      '//   export async function GET(request: Request) { return withCors(request, await yourGet(request)); }',
      'function withCors(request: Request, response: Response): Response {',
      "  corsHeaders(request.headers.get('origin')).forEach((value, name) => response.headers.set(name, value));",
      '  return response;',
      '}',
    ]);
  },
};

export const nextMiddleware: SnippetGenerator = {
  id: 'next-middleware',
  label: 'Next.js (middleware)',
  language: 'ts',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const base = plan.path.replace(/\/+$/, '');
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in Next.js middleware: middleware.ts at the project root (src/ if you use it).`)),
      '// Next.js 16 calls this file proxy.ts and the function proxy: rename both, the rest is the same.',
      "import { NextResponse, type NextRequest } from 'next/server';",
      '',
      ...corsHeadersFunction(plan),
      'export function middleware(request: NextRequest) {',
      "  const cors = corsHeaders(request.headers.get('origin'));",
      '  // Order matters: the preflight (OPTIONS, no cookies, no Authorization) is answered first, with 204.',
      "  if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {",
      ...preflightHeaders(plan, '    ', 'cors'),
      '    return new NextResponse(null, { status: 204, headers: cors });',
      '  }',
      NEXT_AUTH_MARKER,
      "  //   if (!authorized) return new NextResponse('Unauthorized', { status: 401, headers: cors });",
      '  const response = NextResponse.next();',
      '  cors.forEach((value, name) => response.headers.set(name, value));',
      '  return response;',
      '}',
      '',
      '// Only this path and below (merge into your matcher if you have one).',
      `export const config = { matcher: [${jsString(base === '' ? '/:path*' : `${base}/:path*`)}] };`,
    ]);
  },
};
