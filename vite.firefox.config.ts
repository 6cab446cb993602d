/**
 * Builds the Firefox extension into dist-firefox/ from the same sources as dist/ (Chromium).
 * Only the manifest differs (firefoxManifest: gecko id, minimum version, no Chromium-only keys)
 * and the JS target; the platform layer has one code path for both browsers.
 */
import { readFileSync } from 'node:fs';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, mergeConfig } from 'vite';
import chromiumConfig from './vite.config.ts';
import { firefoxManifest } from './scripts/firefox-manifest.ts';

const chromiumManifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const manifest = firefoxManifest(chromiumManifest) as unknown as ManifestV3Export;

const base = { ...chromiumConfig, plugins: (chromiumConfig.plugins ?? []).filter((plugin) => !isCrx(plugin)) };

export default mergeConfig(base, defineConfig({
  plugins: [crx({ manifest, browser: 'firefox' })],
  build: {
    outDir: 'dist-firefox',
    // Firefox ESR 140 is the oldest Firefox the manifest accepts.
    target: 'firefox140',
  },
}));

/** crxjs returns an array of plugins whose names start with "crx:". */
function isCrx(plugin: unknown): boolean {
  const first = Array.isArray(plugin) ? plugin[0] : plugin;
  return typeof first === 'object' && first !== null && String((first as { name?: unknown }).name ?? '').startsWith('crx:');
}
