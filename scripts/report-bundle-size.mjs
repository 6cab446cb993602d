#!/usr/bin/env node
/**
 * Prints the size of the JavaScript the DevTools panel loads (its entry script and every chunk
 * it imports), raw and gzip, against the budget: 50 KB gzip. Fails (exit 1) over budget, so a
 * change that bloats the panel is noticed at build time, not by users opening DevTools.
 *
 *   node scripts/report-bundle-size.mjs [distDir]     (default: dist/)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 50 * 1024;
const distDir = resolve(process.argv[2] ?? 'dist');
const panelHtml = join(distDir, 'src/panel/panel.html');
if (!existsSync(panelHtml)) {
  console.error(`report-bundle-size: no ${relative(process.cwd(), panelHtml)}; run the extension build first.`);
  process.exit(1);
}

/** Files a module pulls in statically (import … from "./x.js", import "./x.js"), resolved in dist. */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const found = [];
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[^'"()]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
    const spec = match[1];
    found.push(spec.startsWith('/') ? join(distDir, spec) : resolve(dirname(file), spec));
  }
  return found;
}

const html = readFileSync(panelHtml, 'utf8');
const entries = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)]
  .map((match) => (match[1].startsWith('/') ? join(distDir, match[1]) : resolve(dirname(panelHtml), match[1])));
const files = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.shift();
  if (files.has(file) || !existsSync(file)) continue;
  files.add(file);
  queue.push(...staticImports(file));
}

let raw = 0;
let gzip = 0;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const file of files) {
  const bytes = readFileSync(file);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`  ${relative(distDir, file).padEnd(40)} ${kb(bytes.length).padStart(9)} raw ${kb(zipped).padStart(9)} gzip`);
}
const verdict = gzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER';
console.log(`Panel JavaScript: ${kb(raw)} raw, ${kb(gzip)} gzip — ${verdict} the ${kb(BUDGET_GZIP_BYTES)} gzip budget (${files.size} file${files.size === 1 ? '' : 's'}).`);
if (gzip > BUDGET_GZIP_BYTES) process.exit(1);
