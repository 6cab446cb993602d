import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, cString, headerComments, joinLines, planFix, prefixLines } from './common.ts';
import type { SnippetGenerator } from './types.ts';

export const aspnet: SnippetGenerator = {
  id: 'aspnet',
  label: 'ASP.NET Core (AddCors/UseCors)',
  language: 'csharp',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const args = (items: readonly string[]): string => items.map(cString).join(', ');
    return joinLines([
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in ASP.NET Core, in Program.cs.`)),
      '',
      'builder.Services.AddCors(options =>',
      '{',
      '    options.AddPolicy("CorsLensFix", policy => policy',
      ...(plan.anyOrigin
        ? ['        .AllowAnyOrigin() // public, no credentials: a literal *']
        : [
            `        // ${allowlistComment(plan)}`,
            plan.origins.length > 0 ? `        .WithOrigins(${args(plan.origins)})` : `        .WithOrigins(/* ${cString(EXAMPLE_ORIGIN)} */)`,
          ]),
      plan.credentials && '        .AllowCredentials() // the request sends cookies or Authorization',
      plan.methods.length > 0 && `        .WithMethods(${args(plan.methods)}) // exactly as the request sends them`,
      plan.headers.length > 0 && `        .WithHeaders(${args(plan.headers)})`,
      plan.expose.length > 0 && `        .WithExposedHeaders(${args(plan.expose)}) // response headers the page's script reads`,
      plan.maxAge !== null && `        .SetPreflightMaxAge(TimeSpan.FromSeconds(${plan.maxAge}))`,
      '    );',
      '});',
      '',
      'var app = builder.Build();',
      '',
      '// Order matters: UseRouting, then UseCors, then authentication and authorization, so the',
      '// preflight (OPTIONS, no credentials) is answered before auth and 401s carry the headers.',
      'app.UseRouting();',
      ...(plan.anyOrigin
        ? []
        : [
            '// ASP.NET Core adds Vary: Origin only for several origins; the answer depends on Origin anyway.',
            `app.Use(async (context, next) => { if (context.Request.Path.StartsWithSegments(${cString(plan.path.replace(/\/+$/, '') || '/')})) context.Response.Headers.Append("Vary", "Origin"); await next(); });`,
          ]),
      'app.UseCors("CorsLensFix");',
      'app.UseAuthentication();',
      'app.UseAuthorization();',
      '// UseCors with a policy name covers every endpoint. To limit it to the one above, call',
      `// app.UseCors() without a name and add .RequireCors("CorsLensFix") to the endpoints under ${plan.path}.`,
    ]);
  },
};
