/**
 * examples/blocked-requests.har: a handful of real Chromium recordings from test/fixtures/chromium
 * joined into one log, the way a developer's "Save all as HAR" looks after a bad afternoon.
 *   npx tsx scripts/build-example-har.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCENARIOS = [
  'ok-simple', 'missing-allow-origin', 'preflight-401-auth-first', 'allow-origin-trailing-slash',
  'wildcard-with-credentials', 'method-lowercase-patch-listed-upper', 'content-type-json-not-allowed',
  'server-error-without-cors', 'connection-refused', 'expose-headers-missing',
];
const fixtures = new URL('../test/fixtures/chromium/', import.meta.url);
const logs = SCENARIOS.map((id) => (JSON.parse(readFileSync(new URL(`${id}.har`, fixtures), 'utf8')) as { log: { version: string; creator: unknown; pages?: unknown[]; entries: unknown[] } }).log);
const example = {
  log: {
    version: logs[0]!.version,
    creator: logs[0]!.creator,
    pages: logs.flatMap((log) => log.pages ?? []),
    entries: logs.flatMap((log) => log.entries),
  },
};
const out = fileURLToPath(new URL('../examples/blocked-requests.har', import.meta.url));
mkdirSync(fileURLToPath(new URL('../examples/', import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(example, null, 2)}\n`);
console.log(`${out}: ${example.log.entries.length} entries from ${SCENARIOS.length} recordings`);
