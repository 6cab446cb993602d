// Lint: typescript-eslint's recommended rules, plus the one architectural rule that matters most:
// src/engine stays pure (no DOM, no chrome.*, no Preact, no Node), so it runs anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserGlobals = ['window', 'document', 'chrome', 'browser', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'process', 'require']
  .map((name) => ({ name, message: 'src/engine is pure: pass data in instead (only src/platform touches browser APIs).' }));

export default tseslint.config(
  { ignores: ['dist/', 'dist-firefox/', 'artifacts/', 'dist-cli/', 'node_modules/', 'test-results/', 'public/', '.tmp/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Header bytes are the subject matter: control characters in patterns are deliberate.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...browserGlobals],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['preact', 'preact/*', '@preact/*'], message: 'src/engine is pure: no Preact.' },
          { group: ['webextension-polyfill'], message: 'src/engine is pure: no extension APIs.' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https'], message: 'src/engine is pure: no Node APIs.' },
          { group: ['**/platform/**', '**/panel/**', '**/cli/**', '**/devtools/**'], message: 'Arrows point one way: nothing in src/engine imports the layers above it.' },
        ],
      }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs,ts}', 'lab/**/*.ts', 'test/**/*.ts', '*.config.ts', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
