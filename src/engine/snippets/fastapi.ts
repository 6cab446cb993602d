import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, joinLines, listOf, planFix, prefixLines, pyString } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const fastapi: SnippetGenerator = {
  id: 'fastapi',
  label: 'FastAPI (CORSMiddleware)',
  language: 'python',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const allowlist = plan.anyOrigin
      ? []
      : plan.origins.length > 0
        ? [`# ${allowlistComment(plan)}`, `ALLOWED_ORIGINS = ${listOf(plan.origins, pyString)}`, '']
        : [`# ${allowlistComment(plan)}`, 'ALLOWED_ORIGINS = [', `    # ${pyString(EXAMPLE_ORIGIN)},`, ']', ''];
    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} with FastAPI's CORSMiddleware (Starlette). \`app\` is your FastAPI() app.`)),
      '# The middleware covers every route of the app (the one that failed is above).',
      '',
      'from fastapi.middleware.cors import CORSMiddleware',
      '',
      ...allowlist,
      '# Order matters: Starlette runs the middleware added LAST first. Add this after your auth',
      '# middleware, so the preflight (OPTIONS, no cookies, no Authorization) is answered before auth',
      '# and error responses (401) get CORS headers too.',
      'app.add_middleware(',
      '    CORSMiddleware,',
      plan.anyOrigin
        ? '    allow_origins=["*"],  # public, no credentials: a literal *'
        : '    allow_origins=ALLOWED_ORIGINS,  # a listed Origin is echoed with Vary: Origin; others get no CORS headers',
      plan.credentials && '    allow_credentials=True,  # the request sends cookies or Authorization',
      // Starlette's default is GET only: always list the methods the page uses.
      `    allow_methods=${listOf(plan.methods.length > 0 ? plan.methods : ['GET'], pyString)},`,
      plan.methods.some((m) => m !== m.toUpperCase()) && '    # Starlette compares methods as given; browsers upper-case only the standard ones.',
      plan.headers.length > 0 && `    allow_headers=${listOf(plan.headers, pyString)},`,
      plan.expose.length > 0 && `    expose_headers=${listOf(plan.expose, pyString)},  # response headers the page's script reads`,
      plan.maxAge !== null && `    max_age=${plan.maxAge},  # seconds the browser may cache the preflight`,
      ')',
    ]);
  },
};
