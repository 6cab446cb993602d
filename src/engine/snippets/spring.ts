import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, cString, headerComments, joinLines, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

const javaList = (items: readonly string[]): string => `List.of(${items.map(cString).join(', ')})`;

export const spring: SnippetGenerator = {
  id: 'spring',
  label: 'Spring (CorsConfigurationSource)',
  language: 'java',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const base = plan.path.replace(/\/+$/, '');
    const standard = plan.methods.filter((m) => ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'].includes(m));
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in Spring (Spring MVC / Boot), in a @Configuration class.`)),
      '// Spring echoes a listed origin and adds Vary: Origin itself; others get no CORS headers.',
      '@Bean',
      'CorsConfigurationSource corsConfigurationSource() {',
      '    CorsConfiguration config = new CorsConfiguration();',
      ...(plan.anyOrigin
        ? ['    config.setAllowedOrigins(List.of("*")); // public, no credentials: a literal *']
        : [
            `    // ${allowlistComment(plan)}`,
            plan.origins.length > 0
              ? `    config.setAllowedOrigins(${javaList(plan.origins)});`
              : `    config.setAllowedOrigins(List.of(/* ${cString(EXAMPLE_ORIGIN)} */));`,
          ]),
      plan.credentials && '    config.setAllowCredentials(true); // the request sends cookies or Authorization',
      // Spring's default is GET, HEAD, POST.
      plan.methods.length > 0 && `    config.setAllowedMethods(${javaList(plan.methods)}); // exactly as the request sends them`,
      plan.headers.length > 0 && `    config.setAllowedHeaders(${javaList(plan.headers)});`,
      plan.expose.length > 0 && `    config.setExposedHeaders(${javaList(plan.expose)}); // response headers the page's script reads`,
      plan.maxAge !== null && `    config.setMaxAge(${plan.maxAge}L); // seconds the browser may cache the preflight`,
      '    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();',
      `    source.registerCorsConfiguration(${cString(base === '' ? '/**' : base)}, config);`,
      ...(base === '' ? [] : [`    source.registerCorsConfiguration(${cString(`${base}/**`)}, config);`]),
      '    return source;',
      '}',
      '',
      '// Order matters: with Spring Security, enable CORS in the filter chain so the CorsFilter runs',
      '// before authentication and answers the preflight (which carries no credentials):',
      '//   http.cors(Customizer.withDefaults());  // picks up the bean above',
      '// Without Spring Security, or per controller, the same with @CrossOrigin:',
      `//   @CrossOrigin(origins = {${plan.anyOrigin ? '"*"' : plan.origins.map(cString).join(', ')}}${
        plan.credentials ? ', allowCredentials = "true"' : ''}${
        standard.length > 0 ? `, methods = {${standard.map((m) => `RequestMethod.${m}`).join(', ')}}` : ''}${
        plan.headers.length > 0 ? `, allowedHeaders = {${plan.headers.map(cString).join(', ')}}` : ''}${
        plan.expose.length > 0 ? `, exposedHeaders = {${plan.expose.map(cString).join(', ')}}` : ''}${
        plan.maxAge !== null ? `, maxAge = ${plan.maxAge}` : ''})`,
    ]);
  },
};
