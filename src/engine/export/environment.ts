/**
 * Where a report comes from: the browser, the tool and its version, the page's origin, when the
 * requests were made and when the report was written. The caller passes what only it knows (the
 * panel: navigator and the manifest; the CLI: its version and the clock); the rest is read from
 * the diagnoses.
 */
import type { Diagnosis } from '../types.ts';

export interface ExportEnvironment {
  /** e.g. "Chrome 156.0.8078.79", or null when nothing says. */
  browser: string | null;
  /** e.g. "CORS Lens extension 0.1.0", "cors-lens CLI 0.1.0". */
  tool: string;
  /** Where the requests were read from: "live capture", "imported HAR x.har", "HAR file x.har". */
  source: string;
  /** Origin of the page that made the requests (the first one's), or null. */
  pageOrigin: string | null;
  /** Time of the earliest request in the report (ISO 8601), or null. */
  capturedAt: string | null;
  /** When the report was written (ISO 8601). */
  exportedAt: string;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
  [/\bOPR\/([\d.]+)/, 'Opera'],
  [/\bFirefox\/([\d.]+)/, 'Firefox'],
  [/\bHeadlessChrome\/([\d.]+)/, 'Chrome (headless)'],
  [/\bChrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
  [/\bVersion\/([\d.]+).*\bSafari\//, 'Safari'],
];

/** "Mozilla/5.0 … Chrome/156.0.0.0 Safari/537.36" → "Chrome 156.0.0.0". */
export function browserFromUserAgent(userAgent: string): string | null {
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return null;
}

export function environmentFor(
  diagnoses: readonly Diagnosis[],
  known: { browser?: string | null; tool: string; source: string; exportedAt: string },
): ExportEnvironment {
  const firsts = diagnoses.map((d) => d.transaction.redirectHops[0] ?? d.transaction.actualRequest);
  const times = firsts.filter((e) => Number.isFinite(e.startedMs)).sort((a, b) => a.startedMs - b.startedMs);
  let browser = known.browser ?? null;
  if (browser === null) {
    // A HAR names no browser (Chrome writes "WebInspector"): the requests' User-Agent does.
    for (const first of firsts) {
      const ua = first.requestHeaders.find((h) => h.name.toLowerCase() === 'user-agent');
      browser = ua ? browserFromUserAgent(ua.value) : null;
      if (browser) break;
    }
  }
  return {
    browser,
    tool: known.tool,
    source: known.source,
    pageOrigin: diagnoses.find((d) => d.transaction.requestOrigin !== null)?.transaction.requestOrigin ?? null,
    capturedAt: times[0]?.startedDateTime ?? null,
    exportedAt: known.exportedAt,
  };
}
