/**
 * Findings are built when first read, the rule's evidence and own parts as well as the common
 * params, inferences and fix (src/engine/rules/support.ts RuleFinding). What a reader sees must not change: the same values
 * on every read, built once, and an export that sees the four fields and nothing of the
 * transaction the finding keeps to build them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHarText, diagnoseTransaction } from '../../src/engine/diagnose.ts';
import { normalizeHar } from '../../src/engine/normalize.ts';
import { pairTransactions } from '../../src/engine/pair.ts';
import type { RuleContext } from '../../src/engine/rule.ts';
import { redactDiagnosis } from '../../src/engine/export/redact.ts';
import { ruleById } from '../../src/engine/rules/index.ts';
import { har, preflightedRequest } from '../support/har-builder.ts';

const fixtures = new URL('../fixtures/chromium/', import.meta.url);
const recordings = readdirSync(fixtures).filter((f) => f.endsWith('.har'));

describe('a finding read later', () => {
  it('is built once: every read hands the same evidence, params, inferences and fix', () => {
    const [diagnosis] = analyzeHarText(readFileSync(new URL('header-not-allowed.har', fixtures), 'utf8')).diagnoses;
    const { finding } = diagnosis!;
    expect(finding.evidence).toBe(finding.evidence);
    expect(finding.evidence.map((e) => e.label)).toEqual(['access-control-request-headers', 'access-control-allow-headers']);
    expect(finding.params).toBe(finding.params);
    expect(finding.inferences).toBe(finding.inferences);
    expect(finding.fix).toBe(finding.fix);
    expect(finding.params.header).toBe('x-api-key');
    expect(finding.fix?.allowHeaders).toContain('x-api-key');
  });

  it('builds nothing until read: an analysis keeps one small object per finding (bench/engine.bench.ts)', () => {
    const { diagnoses } = analyzeHarText(readFileSync(new URL('credentials-without-allow-credentials.har', fixtures), 'utf8'));
    const findings = diagnoses.flatMap((d) => [d.finding, ...d.warnings.map((w) => w.finding)]);
    const built = (finding: object) => (finding as unknown as { built: { found: { evidence: unknown } } | null }).built;
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(built(finding)).toBeNull();
    const evidence = findings[0]!.evidence;
    expect(built(findings[0]!)?.found.evidence).toBe(evidence);
  });

  it('reads complete on every real recording: the common params, and a fix for the same path', () => {
    let compared = 0;
    for (const file of recordings) {
      for (const diagnosis of analyzeHarText(readFileSync(new URL(file, fixtures), 'utf8')).diagnoses) {
        const { finding } = diagnosis;
        // The common params are all there, with the rule's own on top.
        for (const name of ['origin', 'url', 'apiOrigin', 'path', 'method', 'credentialsMode']) {
          expect(finding.params[name], `${file} ${name}`).toBeTypeOf('string');
        }
        if (finding.fix) expect(finding.fix.path, file).toBe(finding.params.path);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(50);
  });

  it('a rule that changes the base fix gets the base fix with its changes, and null means no fix', () => {
    const entries = preflightedRequest({
      method: 'PUT', credentials: true,
      preflightHeaders: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT' },
    });
    const diagnosis = analyzeHarText(JSON.stringify(har(entries))).diagnoses.at(-1)!;
    expect(ruleById.get(diagnosis.ruleId)?.meta.id).toBe('wildcard-with-credentials');
    expect(diagnosis.finding.fix).toMatchObject({ allowOrigins: ['http://localhost:3000'], allowMethods: ['PUT'], allowCredentials: true });
    const ok = analyzeHarText(readFileSync(new URL('ok-simple.har', fixtures), 'utf8')).diagnoses.find((d) => d.ruleId === 'cors-ok');
    expect(ok?.finding.fix).toBeNull();
  });

  it('exports see the four fields, not the transaction the finding keeps', () => {
    const [diagnosis] = analyzeHarText(readFileSync(new URL('credentials-without-allow-credentials.har', fixtures), 'utf8')).diagnoses;
    const redacted = redactDiagnosis(diagnosis!).finding;
    expect(Object.keys(redacted).sort()).toEqual(['evidence', 'fix', 'inferences', 'params']);
    expect(JSON.stringify(redacted)).not.toMatch(/"(context|found|tx|requestHeaders)"/);
  });

  it('keeps the transaction, not the earlier exchanges the rules looked at (the panel hands 500)', () => {
    const log = normalizeHar(JSON.parse(readFileSync(new URL('ok-reflected-with-credentials.har', fixtures), 'utf8')));
    const tx = pairTransactions(log.exchanges).at(-1)!;
    const window = Array.from({ length: 500 }, () => log.exchanges[0]!);
    const { finding } = diagnoseTransaction(tx, window);
    // What the finding keeps to build itself, and nothing else it could reach.
    const kept = finding as unknown as RuleContext & Record<string, unknown>;
    expect(kept.tx).toBe(tx);
    expect(kept.earlier).toEqual([]);
    // Nothing it keeps, nor anything those hold, is a list of 500.
    const reachable = Object.values(kept).flatMap((value) => (value && typeof value === 'object' ? [value, ...Object.values(value)] : []));
    expect(reachable.filter((value) => Array.isArray(value) && value.length >= 500)).toEqual([]);
    expect(finding.params.url).toBe(tx.actualRequest.url);
  });
});
