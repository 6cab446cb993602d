#!/usr/bin/env node
// Runs the built CLI (npm install builds it; `npm run build:cli` rebuilds it).
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/cors-lens.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('cors-lens: the CLI is not built yet. Run: npm run build:cli\n');
  process.exit(2);
}
await import(built.href);
