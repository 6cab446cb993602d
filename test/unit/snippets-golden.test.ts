/**
 * Spring and ASP.NET Core cannot be installed here (no JDK + Spring, no .NET SDK from Debian),
 * so their snippets are checked against reviewed golden text for the six matrix scenarios,
 * plus the rules every snippet keeps (exact origins, CORS before auth, preflight methods and
 * headers). UPDATE_GOLDENS=1 rewrites the files; review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aspnet } from '../../src/engine/snippets/aspnet.ts';
import { spring } from '../../src/engine/snippets/spring.ts';
import { STACK_SCENARIOS } from '../stacks/scenarios.ts';

const PAGE = 'http://localhost:5173';
const golden = (id: string) => new URL(`../stacks/golden/${id}.txt`, import.meta.url);

function renderAll(render: (fix: ReturnType<(typeof STACK_SCENARIOS)[number]['fix']>) => string): string {
  return STACK_SCENARIOS.map((s) => `==== ${s.id}\n${render(s.fix(PAGE))}`).join('\n');
}

describe.each([spring, aspnet])('$id (golden text: not runnable here)', (generator) => {
  it('matches the reviewed golden text for the six scenarios', () => {
    const text = renderAll((fix) => generator.render(fix));
    const file = golden(generator.id);
    if (process.env.UPDATE_GOLDENS) writeFileSync(file, text);
    expect(existsSync(file), `missing ${file.pathname}: run with UPDATE_GOLDENS=1 and review`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it.each(STACK_SCENARIOS.map((s) => [s.id, s] as const))('%s: exact origin, no wildcard, preflight as needed', (_id, scenario) => {
    const fix = scenario.fix(PAGE);
    const text = generator.render(fix);
    expect(text).toContain(`"${PAGE}"`);
    expect(text).not.toMatch(/"\*"|AllowAnyOrigin|allowedOriginPatterns/i);
    expect(text.includes(generator.id === 'spring' ? 'setAllowCredentials(true)' : '.AllowCredentials()')).toBe(fix.allowCredentials);
    const list = (items: readonly string[]) => items.map((v) => `"${v}"`).join(', ');
    if (generator.id === 'spring') {
      if (fix.allowMethods.length > 0) expect(text).toContain(`config.setAllowedMethods(List.of(${list(fix.allowMethods)}));`);
      if (fix.allowHeaders.length > 0) expect(text).toContain(`config.setAllowedHeaders(List.of(${list(fix.allowHeaders)}));`);
      if (fix.exposeHeaders.length > 0) expect(text).toContain(`config.setExposedHeaders(List.of(${list(fix.exposeHeaders)}));`);
      expect(text).toContain(`source.registerCorsConfiguration("${fix.path}/**", config);`);
      expect(text).toMatch(/http\.cors\(Customizer\.withDefaults\(\)\)/);
    } else {
      if (fix.allowMethods.length > 0) expect(text).toContain(`.WithMethods(${list(fix.allowMethods)})`);
      if (fix.allowHeaders.length > 0) expect(text).toContain(`.WithHeaders(${list(fix.allowHeaders)})`);
      if (fix.exposeHeaders.length > 0) expect(text).toContain(`.WithExposedHeaders(${list(fix.exposeHeaders)})`);
      // The order that matters: routing, then CORS, then authentication and authorization.
      const at = (s: string) => text.indexOf(s);
      expect(at('app.UseRouting();')).toBeGreaterThan(-1);
      expect(at('app.UseRouting();')).toBeLessThan(at('app.UseCors("CorsLensFix");'));
      expect(at('app.UseCors("CorsLensFix");')).toBeLessThan(at('app.UseAuthentication();'));
      expect(at('app.UseAuthentication();')).toBeLessThan(at('app.UseAuthorization();'));
      expect(text).toContain('Headers.Append("Vary", "Origin")');
    }
    // Balanced brackets: the snippet is well formed as text.
    for (const [open, close] of [['{', '}'], ['(', ')']] as const) {
      expect(text.split(open).length, `${open}${close} balance`).toBe(text.split(close).length);
    }
  });
});
