/**
 * Checks a scenario from any source (the editor, a JSON file, a share link) before the model runs
 * it. Every message names the field and says what is expected, so a student who pasted half a
 * link learns what is wrong instead of seeing a blank panel.
 */
import { isForbiddenMethod } from '../fetch-spec.ts';
import { isToken } from '../headers.ts';
import { hasUrlCredentials, parsesAsUrl } from '../origin.ts';
import { shorten } from '../text.ts';
import type { Header } from '../types.ts';
import type { ServerReply, WhatIfScenario } from './scenario.ts';

export const LIMITS = { headers: 40, nameLength: 100, valueLength: 2000, titleLength: 200, urlLength: 2000 } as const;

const CREDENTIALS = new Set(['omit', 'same-origin', 'include']);
const CACHE = new Set(['cold', 'warm']);
/** Bytes a header value may never hold (the Fetch standard: no CR, LF or NUL). */
const FORBIDDEN_VALUE_BYTE = /[\r\n\0]/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A value quoted in an error message: short, and never JSON.stringify of a list or an object
 * (a scenario nested 5,000 deep overflowed the stack there, and a 40 KB name made a 40 KB alert).
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return shorten(text, SHOWN_MAX);
}
/** 80 characters of the value and the "…". */
const SHOWN_MAX = 81;

/** A serialized origin: scheme://host[:port] and nothing else, or "null". */
export function isSerializedOrigin(value: string): boolean {
  if (value === 'null') return true;
  if (!parsesAsUrl(value)) return false;
  const url = new URL(value);
  return url.origin !== 'null' && url.origin === value;
}

function headerErrors(where: string, raw: unknown): string[] {
  if (!Array.isArray(raw)) return [`${where}: expected a list of {name, value} headers.`];
  if (raw.length > LIMITS.headers) return [`${where}: at most ${LIMITS.headers} headers (got ${raw.length}).`];
  const errors: string[] = [];
  raw.forEach((header: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(header)) {
      errors.push(`${at}: expected {"name": …, "value": …}.`);
      return;
    }
    const { name, value } = header;
    if (typeof name !== 'string' || !isToken(name)) errors.push(`${at}.name: ${shown(name)} is not a header name (letters, digits and !#$%&'*+.^_\`|~- only).`);
    else if (name.length > LIMITS.nameLength) errors.push(`${at}.name: longer than ${LIMITS.nameLength} characters.`);
    if (typeof value !== 'string') errors.push(`${at}.value: expected text.`);
    else if (FORBIDDEN_VALUE_BYTE.test(value)) errors.push(`${at}.value: a header value cannot contain a line break or NUL.`);
    else if (value.length > LIMITS.valueLength) errors.push(`${at}.value: longer than ${LIMITS.valueLength} characters.`);
  });
  return errors;
}

function replyErrors(where: string, raw: unknown): string[] {
  if (!isObject(raw)) return [`${where}: expected {"status": …, "headers": […]}.`];
  const errors: string[] = [];
  const { status } = raw;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    const got = typeof status === 'number' && Number.isNaN(status) ? 'no number' : shown(status);
    errors.push(`${where}.status: expected an HTTP status from 100 to 599, got ${got}.`);
  }
  return [...errors, ...headerErrors(`${where}.headers`, raw.headers)];
}

/** Every problem with the scenario, one message each; empty when it can run. */
export function validateScenario(raw: unknown): string[] {
  if (!isObject(raw)) return ['The scenario must be a JSON object.'];
  const errors: string[] = [];
  const text = (field: string, max: number): string | null => {
    const value = raw[field];
    if (typeof value !== 'string') {
      errors.push(`${field}: expected text, got ${shown(value)}.`);
      return null;
    }
    if (value.length > max) {
      errors.push(`${field}: longer than ${max} characters.`);
      return null;
    }
    return value;
  };
  text('title', LIMITS.titleLength);
  const pageOrigin = text('pageOrigin', LIMITS.urlLength);
  if (pageOrigin !== null && !isSerializedOrigin(pageOrigin)) {
    errors.push(`pageOrigin: ${shown(pageOrigin)} is not an origin. Write scheme://host[:port] with no path or trailing slash, e.g. http://localhost:5173 (or "null").`);
  }
  const url = text('url', LIMITS.urlLength);
  if (url !== null && !parsesAsUrl(url)) errors.push(`url: ${shown(url)} is not an absolute URL (e.g. http://localhost:3000/api/data).`);
  // fetch() throws a TypeError for these before anything is sent: no request to predict.
  else if (url !== null && hasUrlCredentials(url)) errors.push('url: fetch() refuses a URL with a user name or password in it (a TypeError, nothing is sent); send credentials in a header instead.');
  const method = text('method', LIMITS.nameLength);
  if (method !== null && !isToken(method)) errors.push(`method: ${shown(method)} is not an HTTP method (a single word such as GET, PUT, PATCH).`);
  else if (method !== null && isForbiddenMethod(method)) errors.push(`method: fetch() refuses ${method} (a forbidden method: a TypeError, nothing is sent).`);
  errors.push(...headerErrors('requestHeaders', raw.requestHeaders));
  if (typeof raw.credentials !== 'string' || !CREDENTIALS.has(raw.credentials)) {
    errors.push(`credentials: expected "omit", "same-origin" or "include", got ${shown(raw.credentials)}.`);
  }
  errors.push(...replyErrors('preflightResponse', raw.preflightResponse));
  errors.push(...replyErrors('actualResponse', raw.actualResponse));
  if (typeof raw.preflightCache !== 'string' || !CACHE.has(raw.preflightCache)) {
    errors.push(`preflightCache: expected "cold" or "warm", got ${shown(raw.preflightCache)}.`);
  }
  return errors;
}

/** A validated copy holding only the scenario's own fields (unknown keys in a file are dropped). */
export function toScenario(raw: Json): WhatIfScenario {
  const headers = (list: unknown): Header[] => (list as Header[]).map(({ name, value }) => ({ name, value }));
  const reply = (r: unknown): ServerReply => ({ status: (r as ServerReply).status, headers: headers((r as ServerReply).headers) });
  return {
    title: raw.title as string,
    pageOrigin: raw.pageOrigin as string,
    url: raw.url as string,
    method: raw.method as string,
    requestHeaders: headers(raw.requestHeaders),
    credentials: raw.credentials as WhatIfScenario['credentials'],
    preflightResponse: reply(raw.preflightResponse),
    actualResponse: reply(raw.actualResponse),
    preflightCache: raw.preflightCache as WhatIfScenario['preflightCache'],
  };
}
