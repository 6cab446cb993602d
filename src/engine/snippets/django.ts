import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, joinLines, listOf, planFix, prefixLines, pyString } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const django: SnippetGenerator = {
  id: 'django',
  label: 'Django (django-cors-headers)',
  language: 'python',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const regex = `r"^${plan.path.replace(/\./g, '\\.')}.*$"`;
    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} with django-cors-headers (pip install django-cors-headers), in settings.py.`)),
      '',
      'INSTALLED_APPS += ["corsheaders"]',
      '# Order matters: first in MIDDLEWARE, before CommonMiddleware and any auth middleware, so the',
      '# preflight (OPTIONS, no cookies, no Authorization) is answered first and 401s carry the headers.',
      'MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")',
      '',
      `CORS_URLS_REGEX = ${regex}  # this path and below`,
      ...(plan.anyOrigin
        ? ['CORS_ALLOW_ALL_ORIGINS = True  # public, no credentials: a literal *']
        : plan.origins.length > 0
          ? [`# ${allowlistComment(plan)}`, `CORS_ALLOWED_ORIGINS = ${listOf(plan.origins, pyString)}  # echoed with Vary: Origin`]
          : [`# ${allowlistComment(plan)}`, 'CORS_ALLOWED_ORIGINS = [', `    # ${pyString(EXAMPLE_ORIGIN)},`, ']']),
      plan.credentials && 'CORS_ALLOW_CREDENTIALS = True  # the request sends cookies or Authorization',
      plan.methods.length > 0 && `CORS_ALLOW_METHODS = ${listOf(plan.methods, pyString)}  # exactly as the request sends them`,
      plan.headers.length > 0 && `CORS_ALLOW_HEADERS = ${listOf(plan.headers, pyString)}`,
      plan.expose.length > 0 && `CORS_EXPOSE_HEADERS = ${listOf(plan.expose, pyString)}  # response headers the page's script reads`,
      plan.maxAge !== null && `CORS_PREFLIGHT_MAX_AGE = ${plan.maxAge}  # seconds the browser may cache the preflight`,
    ]);
  },
};
