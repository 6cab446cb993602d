#!/usr/bin/env node
// Writes the store-ready zips from the builds (run `npm run build` first; `npm run package` does):
//   artifacts/cors-lens-chromium-<version>.zip   from dist/           (Chrome Web Store, Edge)
//   artifacts/cors-lens-firefox-<version>.zip    from dist-firefox/   (addons.mozilla.org)
// manifest.json sits at the root of each zip, as both stores require. Uses Debian's `zip` (no
// npm dependency); entries are sorted and carry no extra attributes (-X), so rebuilding the same
// files gives the same listing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.env.CORS_LENS_ARTIFACTS_DIR ?? 'artifacts');
const targets = [
  { browser: 'chromium', dir: resolve(root, process.env.CORS_LENS_EXTENSION_DIR ?? 'dist') },
  { browser: 'firefox', dir: resolve(root, process.env.CORS_LENS_FIREFOX_DIR ?? 'dist-firefox') },
];

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

if (spawnSync('zip', ['-v'], { stdio: 'ignore' }).status !== 0) {
  console.error('`zip` is missing: sudo apt-get install -y zip');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
for (const { browser, dir } of targets) {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`${relative(root, dir) || dir}/manifest.json is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const zipPath = join(outDir, `cors-lens-${browser}-${version}.zip`);
  rmSync(zipPath, { force: true });
  // Source maps and dotfiles stay out of the store package.
  const files = filesUnder(dir).map((file) => relative(dir, file))
    .filter((file) => !file.endsWith('.map') && !file.split('/').some((part) => part.startsWith('.'))).sort();
  const zipped = spawnSync('zip', ['-X', '-q', '-9', zipPath, '-@'], { cwd: dir, input: files.join('\n'), stdio: ['pipe', 'inherit', 'inherit'] });
  if (zipped.status !== 0) {
    console.error(`zip failed for ${browser} (exit ${zipped.status})`);
    process.exit(1);
  }
  console.log(`${relative(root, zipPath)}  ${files.length} files, ${(statSync(zipPath).size / 1024).toFixed(1)} KB`);
}
