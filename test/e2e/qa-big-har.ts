/**
 * A large, realistic HAR for import tests: the real Chromium recordings repeated with fresh times
 * (every request keeps its real headers, preflight and verdict), padded with response bodies the
 * way real captures are (bodies are most of a real HAR's bytes). Deterministic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'fixtures', 'chromium');

export function bigHarText(targetBytes: number): { text: string; entries: number } {
  const recordings = readdirSync(dir).filter((f) => f.endsWith('.har')).sort()
    .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { log: { entries: Record<string, unknown>[] } }).log.entries);
  const body = 'x'.repeat(1500);
  const parts: string[] = [];
  let bytes = 0;
  let count = 0;
  let clock = Date.parse('2026-11-23T08:00:00.000Z');
  for (let round = 0; bytes < targetBytes && round < 100_000; round++) {
    const recording = recordings[round % recordings.length]!;
    const base = Math.min(...recording.map((e) => Date.parse(e.startedDateTime as string)));
    for (const entry of recording) {
      const copy = structuredClone(entry) as Record<string, unknown> & { response: { content?: Record<string, unknown> } };
      copy.startedDateTime = new Date(clock + (Date.parse(entry.startedDateTime as string) - base)).toISOString();
      delete copy.pageref;
      copy.response.content = { size: body.length, mimeType: 'application/json', text: `{"round":${round},"pad":"${body}"}` };
      const json = JSON.stringify(copy);
      parts.push(json);
      bytes += json.length + 1;
      count++;
    }
    clock += 5_000; // apart from the previous round, so pairing keeps recordings apart
  }
  return { text: `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[\n${parts.join(',\n')}\n]}}`, entries: count };
}
