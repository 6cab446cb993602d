import type { CorsPolicyFix } from '../types.ts';
import { EXAMPLE_ORIGIN, allowlistComment, headerComments, headerList, joinLines, listOf, planFix, prefixLines, singleQuoted } from './common.ts';
import type { SnippetGenerator } from './types.ts';

/** "?>" ends PHP mode even inside a // comment. */
const phpComment = (line: string): string => line.replace(/\?>/g, '? >');

export const php: SnippetGenerator = {
  id: 'php',
  label: 'PHP',
  language: 'php',
  render(fix: CorsPolicyFix): string {
    const plan = planFix(fix);
    const header = (indent: string, name: string, value: string): string => `${indent}header(${singleQuoted(`${name}: ${value}`)});`;
    const perResponse = (indent: string): string[] => [
      ...(plan.credentials ? [header(indent, 'Access-Control-Allow-Credentials', 'true')] : []),
      ...(plan.expose.length > 0 ? [header(indent, 'Access-Control-Expose-Headers', headerList(plan.expose))] : []),
    ];
    return joinLines([
      '<?php',
      ...prefixLines('// ', headerComments(plan, `CORS for ${plan.path} in plain PHP.`).map(phpComment)),
      '// Order matters: put this at the very top of your front controller (index.php), before',
      '// session_start(), auth checks and any output.',
      '',
      `if (str_starts_with(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '', ${singleQuoted(plan.path)})) {`,
      ...(plan.anyOrigin
        ? [header('    ', 'Access-Control-Allow-Origin', '*') + ' // public, no credentials: a literal * (no echo)', ...perResponse('    ')]
        : [
            `    // ${allowlistComment(plan)}`,
            plan.origins.length > 0
              ? `    $allowedOrigins = ${listOf(plan.origins, singleQuoted)};`
              : `    $allowedOrigins = [/* ${singleQuoted(EXAMPLE_ORIGIN)} */];`,
            "    header('Vary: Origin', false); // the answer depends on Origin: caches must keep origins apart",
            "    $origin = $_SERVER['HTTP_ORIGIN'] ?? null;",
            '    if ($origin !== null && in_array($origin, $allowedOrigins, true)) {',
            '        // Echo a listed origin only; never reflect an arbitrary Origin.',
            "        header('Access-Control-Allow-Origin: ' . $origin);",
            ...perResponse('        '),
            '    }',
          ]),
      ...(plan.handlesPreflight
        ? [
            '    // The preflight carries no cookies or Authorization: answer it here, before auth.',
            "    if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS' && isset($_SERVER['HTTP_ACCESS_CONTROL_REQUEST_METHOD'])) {",
            ...(plan.methods.length > 0 ? [header('        ', 'Access-Control-Allow-Methods', headerList(plan.methods))] : []),
            ...(plan.headers.length > 0 ? [header('        ', 'Access-Control-Allow-Headers', headerList(plan.headers))] : []),
            ...(plan.maxAge !== null ? [header('        ', 'Access-Control-Max-Age', String(plan.maxAge))] : []),
            '        http_response_code(204);',
            '        exit;',
            '    }',
          ]
        : []),
      '}',
    ]);
  },
};
