/**
 * Carrying a scenario from the teacher to the students: a JSON file, or a share link whose URL
 * fragment holds the scenario as base64url of that JSON (a fragment never reaches a server).
 * Loading accepts either and validates it, with a message that says what is wrong.
 * Secrets are redacted by default: a scenario taken from a live capture may hold an API key.
 */
import { redactHeaders, redactText } from '../export/redact.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type WhatIfScenario } from './scenario.ts';
import { shown, toScenario, validateScenario } from './validate.ts';

/** Fragment key of a share link: …#scenario=<base64url>. */
export const SHARE_KEY = 'scenario';
/** Largest scenario text accepted from a file or link (a real one is a few hundred bytes). */
/**
 * The longest scenario text (file or link) read: bounded, and above the largest scenario the
 * limits let one write (LIMITS: 3 lists of 40 headers of 2,100 characters, base64url-encoded).
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Decodes base64url (padding optional); null when the text is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(clean) || clean.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const chunk = clean.slice(i, i + 4);
    let n = 0;
    for (let c = 0; c < 4; c++) n = (n << 6) | (c < chunk.length ? ALPHABET.indexOf(chunk[c]!) : 0);
    const count = chunk.length - 1;
    for (let b = 0; b < count; b++) bytes.push((n >> (16 - 8 * b)) & 255);
  }
  return Uint8Array.from(bytes);
}

/**
 * The scenario as the exports redact (export/redact.ts): secret header values (Authorization keeps
 * its scheme, cookies their names), and tokens or passwords in the URL, the title and any value.
 */
export function redactScenario(scenario: WhatIfScenario): WhatIfScenario {
  return {
    ...scenario,
    title: redactText(scenario.title),
    url: redactText(scenario.url),
    requestHeaders: redactHeaders(scenario.requestHeaders),
    preflightResponse: { ...scenario.preflightResponse, headers: redactHeaders(scenario.preflightResponse.headers) },
    actualResponse: { ...scenario.actualResponse, headers: redactHeaders(scenario.actualResponse.headers) },
  };
}

export interface ShareOptions {
  /** Keep secret header values as typed (off by default). */
  includeSecrets?: boolean;
}

/** The JSON file: a format marker and version first, then the scenario's fields. */
export function scenarioToJson(scenario: WhatIfScenario, options: ShareOptions = {}): string {
  const shared = options.includeSecrets ? scenario : redactScenario(scenario);
  return `${JSON.stringify({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...shared }, null, 2)}\n`;
}

/** `base` (a page URL, any fragment dropped) + #scenario=<base64url of the compact JSON>. */
export function scenarioToShareLink(scenario: WhatIfScenario, base: string, options: ShareOptions = {}): string {
  const shared = options.includeSecrets ? scenario : redactScenario(scenario);
  const json = JSON.stringify({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...shared });
  return `${base.replace(/#.*$/s, '')}#${SHARE_KEY}=${base64UrlEncode(new TextEncoder().encode(json))}`;
}

export type ParsedScenario = { ok: true; scenario: WhatIfScenario } | { ok: false; error: string };

const fail = (error: string): ParsedScenario => ({ ok: false, error });

function fromJsonText(text: string, source: string): ParsedScenario {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(`${source} is JSON but not a CORS Lens scenario (expected an object).`);
  const record = parsed as Record<string, unknown>;
  if (record.format !== SCENARIO_FORMAT) {
    return fail(`${source} is JSON but not a CORS Lens scenario (no "format": "${SCENARIO_FORMAT}"). A HAR file opens with "Open HAR" instead.`);
  }
  if (record.version !== SCENARIO_VERSION) {
    return fail(`${source} is a scenario of version ${shown(record.version)}; this CORS Lens reads version ${SCENARIO_VERSION}.`);
  }
  const errors = validateScenario(record);
  if (errors.length > 0) return fail(`${source} has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}: ${errors.join(' ')}`);
  return { ok: true, scenario: toScenario(record) };
}

/**
 * Reads what a student pasted or opened: a scenario JSON file, a share link, or the fragment of
 * one (#scenario=… or the bare base64url text).
 */
export function parseScenario(input: string): ParsedScenario {
  const text = input.trim();
  if (text === '') return fail('Nothing to open: paste a share link or choose a scenario .json file.');
  if (text.length > MAX_SCENARIO_BYTES) return fail(`This is too large for a scenario (${text.length} characters; at most ${MAX_SCENARIO_BYTES}).`);
  if (text.startsWith('{')) return fromJsonText(text, 'The file');

  const marker = `${SHARE_KEY}=`;
  const at = text.indexOf(`#${marker}`);
  let encoded: string;
  if (at >= 0) encoded = text.slice(at + marker.length + 1);
  else if (text.startsWith(marker)) encoded = text.slice(marker.length);
  else if (/^[A-Za-z0-9_-]+=*$/.test(text)) encoded = text;
  else return fail(`This is not a scenario link: a share link ends in #${marker}… (and a scenario file is JSON).`);
  encoded = encoded.split('&')[0]!;
  const bytes = base64UrlDecode(encoded);
  if (bytes === null || bytes.length === 0) return fail('The link is damaged: the part after #scenario= is not base64url. Copy the whole link again.');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('The link is damaged: its scenario is not UTF-8 text. Copy the whole link again.');
  }
  if (!json.trimStart().startsWith('{')) return fail('The link is damaged (cut short, or not made by CORS Lens): its scenario is not JSON.');
  return fromJsonText(json, 'The link');
}
