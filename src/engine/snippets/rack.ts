import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, joinLines, planFix, prefixLines, singleQuoted } from './common.ts';
import type { SnippetGenerator } from './types.ts';

const rubyList = (items: readonly string[]): string => `[${items.map(singleQuoted).join(', ')}]`;

export const rack: SnippetGenerator = {
  id: 'rack',
  label: 'Ruby (rack-cors)',
  language: 'ruby',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const options = [
      plan.methods.length > 0 && `methods: [${plan.methods.map((m) => `:${m.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`).join(', ')}]`,
      plan.headers.length > 0 && `headers: ${rubyList(plan.headers)}`,
      plan.credentials && 'credentials: true',
      plan.expose.length > 0 && `expose: ${rubyList(plan.expose)}`,
      plan.maxAge !== null && `max_age: ${plan.maxAge}`,
    ].filter((o): o is string => typeof o === 'string');
    const resource = singleQuoted(`${plan.path}*`);
    return joinLines([
      ...prefixLines('# ', headerComments(plan, `CORS for ${plan.path} with rack-cors (gem 'rack-cors'), in config.ru.`)),
      '# Rails: config.middleware.insert_before 0, Rack::Cors do ... end (config/initializers/cors.rb).',
      "require 'rack/cors'",
      '',
      '# Order matters: the first middleware, before Warden/Devise or any auth, so the preflight',
      '# (OPTIONS, no cookies, no Authorization) is answered first and 401s carry the headers.',
      'use Rack::Cors do',
      '  allow do',
      ...(plan.anyOrigin
        ? ["    origins '*' # public, no credentials"]
        : [
            `    # ${allowlistComment(plan)} Strings match exactly.`,
            plan.origins.length > 0 ? `    origins ${plan.origins.map(singleQuoted).join(', ')}` : `    origins # ${singleQuoted(EXAMPLE_ORIGIN)}`,
          ]),
      plan.methods.some((m) => m !== m.toUpperCase()) && '    # rack-cors sends methods upper-cased.',
      options.length > 0 ? `    resource ${resource}, # this path and below` : `    resource ${resource} # this path and below`,
      ...options.map((o, i) => `      ${o}${i < options.length - 1 ? ',' : ''}`),
      '  end',
      'end',
    ]);
  },
};
