#!/usr/bin/env node
/**
 * Prints the size of the JavaScript the DevTools panel loads when it opens (its entry script and
 * every chunk that imports statically), raw and gzip, against the target: 50 KB gzip. Chunks
 * loaded later (dynamic import) are listed apart. Over the target it warns; with --strict it
 * fails (exit 1), for a CI that wants the target to be a gate.
 *
 *   node scripts/report-bundle-size.mjs [--strict] [distDir]     (default: dist/)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 50 * 1024;
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const distDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'dist');
const panelHtml = join(distDir, 'src/panel/panel.html');
if (!existsSync(panelHtml)) {
  console.error(`report-bundle-size: no ${relative(process.cwd(), panelHtml)}; run the extension build first.`);
  process.exit(1);
}

/** Files a module pulls in: statically (import … from "./x.js") and lazily (import("./x.js")). */
function importsOf(file) {
  const code = readFileSync(file, 'utf8');
  const at = (spec) => (spec.startsWith('/') ? join(distDir, spec) : resolve(dirname(file), spec));
  const staticImports = [...code.matchAll(/(?:\bimport|\bexport)\s*(?:[^'"()]*?\bfrom\s*)?["']([^"']+\.js)["']/g)].map((m) => at(m[1]));
  // Minified output may quote the lazy chunk's path with backticks: import(`./x.js`).
  const lazyImports = [...code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)].map((m) => at(m[1]));
  return { staticImports, lazyImports };
}

const html = readFileSync(panelHtml, 'utf8');
const entries = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)]
  .map((match) => (match[1].startsWith('/') ? join(distDir, match[1]) : resolve(dirname(panelHtml), match[1])));
const initial = new Set();
const lazy = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.shift();
  if (initial.has(file) || !existsSync(file)) continue;
  initial.add(file);
  const { staticImports, lazyImports } = importsOf(file);
  queue.push(...staticImports);
  for (const chunk of lazyImports) lazy.add(chunk);
}
// Lazy chunks and what they import in turn, minus what the panel already loaded at start.
const lazyQueue = [...lazy];
while (lazyQueue.length > 0) {
  const file = lazyQueue.shift();
  if (!existsSync(file)) continue;
  for (const next of [...importsOf(file).staticImports, ...importsOf(file).lazyImports]) {
    if (!lazy.has(next) && !initial.has(next)) { lazy.add(next); lazyQueue.push(next); }
  }
}
for (const file of initial) lazy.delete(file);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
function measure(files, label) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    console.log(`  ${label.padEnd(8)} ${relative(distDir, file).padEnd(40)} ${kb(bytes.length).padStart(9)} raw ${kb(zipped).padStart(9)} gzip`);
  }
  return { raw, gzip };
}

const atStart = measure(initial, 'initial');
const later = measure(lazy, 'lazy');
const within = atStart.gzip <= BUDGET_GZIP_BYTES;
console.log(`Panel JavaScript at start: ${kb(atStart.raw)} raw, ${kb(atStart.gzip)} gzip — ${within ? 'within' : 'OVER'} the ${kb(BUDGET_GZIP_BYTES)} gzip target`
  + ` (${initial.size} file${initial.size === 1 ? '' : 's'})${lazy.size > 0 ? `; loaded on demand: ${kb(later.gzip)} gzip in ${lazy.size} chunk${lazy.size === 1 ? '' : 's'}` : ''}.`);
if (!within) {
  console.warn('Warning: the panel is over its size target. Load features the panel does not need at start with import() (see src/panel/slots.ts).');
  if (strict) process.exit(1);
}
