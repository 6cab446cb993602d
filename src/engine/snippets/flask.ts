import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, joinLines, listOf, planFix, prefixLines, pyString } from './common.ts';
import type { SnippetGenerator } from './types.ts';

/**
 * flask-cors treats a string holding [ ] ( ) * ? ^ $ \ as a regex; of valid origins only
 * IPv6 literals do, so those become an anchored, escaped compiled pattern.
 */
const needsRegex = (origin: string): boolean => /[[\]]/.test(origin);
const pyOrigin = (origin: string): string =>
  needsRegex(origin) ? `re.compile(${pyString(`${origin.replace(/[.[\]]/g, '\\$&')}\\Z`)})` : pyString(origin);

export const flask: SnippetGenerator = {
  id: 'flask',
  label: 'Flask (flask-cors)',
  language: 'python',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    // Ends in ".*" so flask-cors treats it as a regex and matches it as a prefix.
    const resource = `r"${plan.path.replace(/\./g, '\\.')}.*"`;
    const allowlist = plan.anyOrigin
      ? []
      : plan.origins.length > 0
        ? [`# ${allowlistComment(plan)}`, `ALLOWED_ORIGINS = ${listOf(plan.origins, pyOrigin)}`, '']
        : [`# ${allowlistComment(plan)}`, 'ALLOWED_ORIGINS = [', `    # ${pyString(EXAMPLE_ORIGIN)},`, ']', ''];

    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} with flask-cors (pip install flask-cors). \`app\` is your Flask app.`)),
      plan.origins.some(needsRegex) && 'import re',
      '',
      'from flask_cors import CORS',
      '',
      ...allowlist,
      `# Order matters: call this right after creating the app, before your auth hooks${plan.handlesPreflight ? ' (see below)' : ''}.`,
      'CORS(',
      '    app,',
      `    resources={${resource}: {}},  # this path and below`,
      plan.anyOrigin
        ? '    origins="*",  # public, no credentials\n    send_wildcard=True,  # a literal * rather than echoing every origin'
        : '    origins=ALLOWED_ORIGINS,  # a listed Origin is echoed; others get no CORS headers',
      plan.credentials && '    supports_credentials=True,  # the request sends cookies or Authorization',
      plan.methods.length > 0 && `    methods=${listOf(plan.methods, pyString)},`,
      plan.methods.some((m) => m !== m.toUpperCase()) && '    # flask-cors sends methods upper-cased.',
      plan.headers.length > 0 && `    allow_headers=${listOf(plan.headers, pyString)},`,
      plan.expose.length > 0 && `    expose_headers=${listOf(plan.expose, pyString)},  # response headers the page's script reads`,
      plan.maxAge !== null && `    max_age=${plan.maxAge},  # seconds the browser may cache the preflight`,
      ')',
      ...(plan.vary
        ? [
            '',
            '',
            '@app.after_request',
            'def vary_on_origin(response):',
            '    # The response depends on Origin, so caches must keep origins apart;',
            '    # flask-cors adds Vary: Origin only when several origins are listed.',
            '    response.vary.add("Origin")',
            '    return response',
          ]
        : []),
      ...(plan.handlesPreflight
        ? [
            '',
            '',
            '# The preflight (OPTIONS) never carries cookies or Authorization. Flask answers it without',
            '# calling your view, so view decorators such as @login_required do not run, but',
            '# @app.before_request hooks do: in an auth hook, let preflights through first:',
            '#     if request.method == "OPTIONS":',
            '#         return None',
          ]
        : []),
    ]);
  },
};
