/**
 * The "fixed" variant of a lab scenario is the server after applying the fix CORS Lens itself
 * suggests — never hand-written headers. The suggestion comes from the engine run on the
 * scenario's recorded failing exchange (test/fixtures/chromium/<id>.har, real Chromium); the
 * server then behaves like the hand-written middleware snippet CORS Lens generates
 * (src/engine/snippets/express-middleware.ts), registered before the scenario's own routes:
 *  - it owns the CORS headers the fix configures (the route's own copies are dropped);
 *  - it answers preflights itself (204) when the fix says so, before auth or redirects run.
 * Scenarios whose remedy is not a server CORS change (client code, not CORS at all) get a note.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeHar } from '../src/engine/diagnose.ts';
import { planFix, type SnippetPlan } from '../src/engine/snippets/common.ts';
import type { CorsPolicyFix, Diagnosis } from '../src/engine/types.ts';
import type { HeaderList, Reply, Scenario } from './scenarios.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../test/fixtures/chromium/', import.meta.url));

/** Stands for the lab's page origin in a fix read from a recording made on other ports. */
const PAGE_ORIGIN = '{pageOrigin}';

export type LabFix =
  | {
    kind: 'server';
    /** The rule whose fix this is (and the warnings' rules merged in). */
    ruleIds: string[];
    /** CORS Lens's fix, its page origin replaced by PAGE_ORIGIN. */
    fix: CorsPolicyFix;
    /** The page code after the client-side part of the fix, when the fix has one. */
    code?: string;
    /** CORS Lens's note asks for Set-Cookie with SameSite=None; Secure (rule cookie-samesite). */
    crossSiteCookies?: true;
  }
  | { kind: 'none'; ruleIds: string[]; reason: string };

/**
 * Rules whose remedy CORS Lens places in the page, not in the server's CORS policy (its fix
 * notes say so): a cross-origin redirect makes the Origin "null", which no safe policy allows.
 */
const CLIENT_SIDE = new Set(['redirect-tainted-origin', 'null-origin-allowed']);

/**
 * The fix CORS Lens suggests for a scenario, from the engine on its recorded HAR.
 * `harText` undefined: not recorded yet.
 */
export function labFixFromHar(scenario: Scenario, harText: string | undefined): LabFix {
  if (harText === undefined) {
    return { kind: 'none', ruleIds: [], reason: 'not recorded yet: run `npm run record:fixtures` so CORS Lens can diagnose it.' };
  }
  const { diagnoses } = analyzeHar(JSON.parse(harText) as unknown);
  const problems = diagnoses.filter((d) => d.verdict !== 'ok');
  const ruleIds = [...new Set(problems.map((d) => d.ruleId))];
  if (diagnoses.length === 0) {
    return { kind: 'none', ruleIds: [], reason: 'the browser refused it before it reached the network: no server is involved.' };
  }
  if (problems.length === 0) return { kind: 'none', ruleIds: diagnoses.map((d) => d.ruleId), reason: 'nothing to fix: CORS Lens finds this exchange ok.' };
  const clientSide = problems.find((d) => CLIENT_SIDE.has(d.ruleId));
  if (clientSide) {
    const notes = clientSide.finding.fix?.notes ?? [];
    return { kind: 'none', ruleIds, reason: `the fix is in the page. CORS Lens: ${notes.join(' ') || 'see the explanation in the panel.'}` };
  }
  const fixes = problems.flatMap((d) => [withPageOrigin(d.finding.fix, d), ...d.warnings.map((w) => withPageOrigin(w.finding.fix, d))])
    .filter((fix): fix is CorsPolicyFix => fix !== null);
  if (fixes.length === 0) {
    const notCors = problems.every((d) => d.verdict === 'not-cors');
    return {
      kind: 'none', ruleIds,
      reason: notCors ? 'not a CORS problem: no CORS header would change it (see the explanation in the panel).'
        : 'CORS Lens suggests no server change for this one (see the explanation in the panel).',
    };
  }
  const fix = mergeFixes(fixes);
  const code = clientCode(scenario, fix);
  const allRules = [...new Set([...ruleIds, ...problems.flatMap((d) => d.warnings.map((w) => w.ruleId))])];
  return {
    kind: 'server', ruleIds: allRules, fix,
    ...(code ? { code } : {}),
    ...(allRules.includes('cookie-samesite') ? { crossSiteCookies: true as const } : {}),
  };
}

export function labFixFor(scenario: Scenario, dir = FIXTURE_DIR): LabFix {
  const file = `${dir}${scenario.id}.har`;
  return labFixFromHar(scenario, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

function withPageOrigin(fix: CorsPolicyFix | null, diagnosis: Diagnosis): CorsPolicyFix | null {
  if (!fix) return null;
  const recorded = diagnosis.transaction.requestOrigin;
  return { ...fix, allowOrigins: fix.allowOrigins.map((origin) => (origin === recorded ? PAGE_ORIGIN : origin)) };
}

/** One policy that satisfies every finding on the scenario (main verdicts and warnings). */
export function mergeFixes(fixes: readonly CorsPolicyFix[]): CorsPolicyFix {
  const union = (pick: (fix: CorsPolicyFix) => readonly string[]) => [...new Set(fixes.flatMap(pick))];
  const ages = fixes.map((fix) => fix.maxAgeSeconds).filter((age): age is number => age !== null);
  return {
    allowOrigins: union((fix) => fix.allowOrigins),
    allowMethods: union((fix) => fix.allowMethods),
    allowHeaders: union((fix) => fix.allowHeaders),
    allowCredentials: fixes.some((fix) => fix.allowCredentials),
    exposeHeaders: union((fix) => fix.exposeHeaders),
    maxAgeSeconds: ages.length > 0 ? Math.min(...ages) : null,
    answerPreflightBeforeAuth: fixes.some((fix) => fix.answerPreflightBeforeAuth),
    varyOrigin: fixes.some((fix) => fix.varyOrigin),
    path: fixes[0]!.path,
    notes: union((fix) => fix.notes),
  };
}

/**
 * The client-side half of a fix, when CORS Lens's note asks for one the lab can apply
 * mechanically: a method the page must write in upper case (fetch sends 'patch' as written).
 */
function clientCode(scenario: Scenario, fix: CorsPolicyFix): string | undefined {
  let code = scenario.code;
  for (const method of fix.allowMethods) {
    if (method !== method.toUpperCase()) continue;
    code = code.replace(new RegExp(`method: '${method.toLowerCase()}'`, 'g'), `method: '${method}'`);
  }
  return code === scenario.code ? undefined : code;
}

/** What the fixed server needs from a request. */
export interface FixRequest {
  method: string;
  /** Lower-case names. */
  headers: ReadonlyMap<string, string>;
}

const lower = (name: string) => name.toLowerCase();

/**
 * The scenario's reply as the fixed server sends it: the middleware's CORS headers on top of the
 * route's reply, or the middleware's own 204 for a preflight.
 */
export function applyFix(labFix: Extract<LabFix, { kind: 'server' }>, pageOrigin: string, req: FixRequest, reply: Reply): Reply {
  const { fix } = labFix;
  const plan = planFix({ ...fix, allowOrigins: fix.allowOrigins.map((o) => (o === PAGE_ORIGIN ? pageOrigin : o)) });
  const cors = corsHeaders(plan, req.headers.get('origin'));
  if (req.method === 'OPTIONS' && req.headers.has('access-control-request-method') && plan.handlesPreflight) {
    return {
      status: 204,
      headers: [
        ...cors,
        ...(plan.methods.length > 0 ? [['Access-Control-Allow-Methods', plan.methods.join(', ')] as const] : []),
        ...(plan.headers.length > 0 ? [['Access-Control-Allow-Headers', plan.headers.join(', ')] as const] : []),
        // A fix without a max-age leaves the server's own as it was.
        ...(plan.maxAge !== null ? [['Access-Control-Max-Age', String(plan.maxAge)] as const]
          : (reply.headers ?? []).filter(([name]) => lower(name) === 'access-control-max-age')),
      ],
    };
  }
  const owned = new Set(cors.map(([name]) => lower(name)));
  // The middleware now owns the allow-origin decision, even when it decides to send none.
  if (!plan.originsUnchanged) owned.add('access-control-allow-origin');
  const kept = (reply.headers ?? []).filter(([name]) => !owned.has(lower(name)))
    .map(([name, value]) => (labFix.crossSiteCookies && lower(name) === 'set-cookie' ? [name, crossSiteCookie(value)] as const : [name, value] as const));
  return { ...reply, headers: [...kept, ...cors] };
}

/** Headers the middleware sets on every response to a request from `origin`. */
function corsHeaders(plan: SnippetPlan, origin: string | undefined): HeaderList {
  const headers: [string, string][] = [];
  if (plan.vary) headers.push(['Vary', 'Origin']);
  const allowed = plan.anyOrigin || (origin !== undefined && plan.origins.includes(origin));
  if (!allowed) return headers;
  headers.push(['Access-Control-Allow-Origin', plan.anyOrigin ? '*' : origin!]);
  if (plan.credentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
  if (plan.expose.length > 0) headers.push(['Access-Control-Expose-Headers', plan.expose.join(', ')]);
  return headers;
}

/** A Set-Cookie the browser sends back cross-site: SameSite=None; Secure, as CORS Lens's note says. */
function crossSiteCookie(value: string): string {
  const attributes = value.split(';').map((part) => part.trim()).filter((part) => !/^(samesite|secure)\b/i.test(part));
  return [...attributes, 'SameSite=None', 'Secure'].join('; ');
}
