/** npm run package: both store zips, each with manifest.json at its root and the right manifest. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/firefox-manifest.ts';
import { assertFirefoxBuild } from './build-dir.ts';

const SCRIPT = resolve(__dirname, '../../scripts/package.mjs');
const out = mkdtempSync(join(tmpdir(), 'cors-lens-package-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const listZip = (zip: string) => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
const readFromZip = (zip: string, file: string) => execFileSync('unzip', ['-p', zip, file], { encoding: 'utf8' });

describe('scripts/package.mjs', () => {
  it('writes a Chromium and a Firefox zip with manifest.json at the root', () => {
    const firefoxDir = assertFirefoxBuild();
    const run = spawnSync('node', [SCRIPT], { encoding: 'utf8', env: { ...process.env, CORS_LENS_ARTIFACTS_DIR: out, CORS_LENS_FIREFOX_DIR: firefoxDir } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cors-lens-chromium-0.1.0.zip', 'cors-lens-firefox-0.1.0.zip']);

    const chromium = join(out, 'cors-lens-chromium-0.1.0.zip');
    const firefox = join(out, 'cors-lens-firefox-0.1.0.zip');
    for (const zip of [chromium, firefox]) {
      const files = listZip(zip);
      expect(files).toContain('manifest.json');
      expect(files).toContain('src/devtools/devtools.html');
      expect(files).toContain('src/panel/panel.html');
      expect(files.filter((f) => f.startsWith('.') || f.endsWith('.map'))).toEqual([]);
    }
    expect(JSON.parse(readFromZip(chromium, 'manifest.json'))).not.toHaveProperty('browser_specific_settings');
    expect(JSON.parse(readFromZip(firefox, 'manifest.json'))).toMatchObject({ browser_specific_settings: { gecko: { id: GECKO_ID } } });
  });

  it('names the missing build instead of writing an empty zip', () => {
    const run = spawnSync('node', [SCRIPT], { encoding: 'utf8', env: { ...process.env, CORS_LENS_ARTIFACTS_DIR: out, CORS_LENS_FIREFOX_DIR: join(out, 'no-such-build') } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no-such-build\/manifest\.json is missing: run `npm run build` first/);
  });
});
