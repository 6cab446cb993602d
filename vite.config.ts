/**
 * Builds the extension into dist/ (the CLI build is vite.cli.config.ts).
 * crxjs follows manifest.json (devtools_page → its script); the panel page is not referenced
 * by the manifest — devtools.ts names it at runtime — so it is an extra rollup input.
 */
import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as ManifestV3Export;

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // DevTools extension pages run in the browser that loads them: no need to down-level.
    target: 'chrome120',
    // Chromium preloads modules natively: skip Vite's polyfill script.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { panel: 'src/panel/panel.html' },
    },
  },
  // No dev-server/HMR: the extension is always loaded from a real build.
  server: { host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
});
