import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, cString, headerComments, headerList, joinLines, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const go: SnippetGenerator = {
  id: 'go',
  label: 'Go (net/http)',
  language: 'go',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const width = Math.max(0, ...plan.origins.map((o) => cString(o).length + 1));
    const set = (indent: string, name: string, value: string): string => `${indent}w.Header().Set(${cString(name)}, ${value})`;
    const perResponse = (indent: string): string[] => [
      ...(plan.credentials ? [set(indent, 'Access-Control-Allow-Credentials', '"true"')] : []),
      ...(plan.expose.length > 0 ? [set(indent, 'Access-Control-Expose-Headers', cString(headerList(plan.expose)))] : []),
    ];
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in Go (net/http). Needs imports "net/http" and "strings".`)),
      '// Order matters: wrap OUTSIDE your auth middleware, so the preflight is answered before auth',
      '// and 401s carry the headers:  http.ListenAndServe(addr, withCORS(requireAuth(mux)))',
      '',
      ...(plan.anyOrigin
        ? []
        : [
            `// ${allowlistComment(plan)}`,
            'var allowedOrigins = map[string]bool{',
            // Values aligned as gofmt does.
            plan.origins.length > 0
              ? plan.origins.map((o) => `\t${`${cString(o)}:`.padEnd(width)} true,`).join('\n')
              : `\t// ${cString(EXAMPLE_ORIGIN)}: true,`,
            '}',
            '',
          ]),
      'func withCORS(next http.Handler) http.Handler {',
      '\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {',
      `\t\tif !strings.HasPrefix(r.URL.Path, ${cString(plan.path)}) {`,
      '\t\t\tnext.ServeHTTP(w, r)',
      '\t\t\treturn',
      '\t\t}',
      ...(plan.anyOrigin
        ? [set('\t\t', 'Access-Control-Allow-Origin', '"*"') + ' // public, no credentials: a literal * (no echo)', ...perResponse('\t\t')]
        : [
            '\t\tw.Header().Add("Vary", "Origin") // the answer depends on Origin: caches must keep origins apart',
            '\t\tif origin := r.Header.Get("Origin"); allowedOrigins[origin] {',
            '\t\t\t// Echo a listed origin only; never reflect an arbitrary Origin.',
            set('\t\t\t', 'Access-Control-Allow-Origin', 'origin'),
            ...perResponse('\t\t\t'),
            '\t\t}',
          ]),
      ...(plan.handlesPreflight
        ? [
            '\t\t// The preflight carries no cookies or Authorization: answer it here, before auth.',
            '\t\tif r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {',
            ...(plan.methods.length > 0 ? [set('\t\t\t', 'Access-Control-Allow-Methods', cString(headerList(plan.methods)))] : []),
            ...(plan.headers.length > 0 ? [set('\t\t\t', 'Access-Control-Allow-Headers', cString(headerList(plan.headers)))] : []),
            ...(plan.maxAge !== null ? [set('\t\t\t', 'Access-Control-Max-Age', cString(String(plan.maxAge)))] : []),
            '\t\t\tw.WriteHeader(http.StatusNoContent)',
            '\t\t\treturn',
            '\t\t}',
          ]
        : []),
      '\t\tnext.ServeHTTP(w, r)',
      '\t})',
      '}',
    ]);
  },
};
