/**
 * What the log says before a transaction: the exchanges its history rules may cite (a cookie
 * the API set, an origin it echoed with credentials), each read once per log with the facts
 * those rules compare. Rules scan up to EARLIER_CONTEXT of them for every request that passed,
 * so reading headers and parsing URLs there, per scan, was most of a big log's rule time.
 */
import { corsHeadersOf } from './cors-headers.ts';
import { targetOf } from './origin.ts';
import type { Exchange } from './types.ts';

/** How many exchanges before a transaction its rules may look back at. */
export const EARLIER_CONTEXT = 500;

export interface EarlierExchange {
  exchange: Exchange;
  /** Origin of the exchange's URL. */
  apiOrigin: string | null;
  /** Its Set-Cookie, or null. */
  setCookie: string | null;
  /** The Origin it was sent with, when the response echoed exactly that origin and allowed credentials. */
  credentialedEcho: string | null;
}

/**
 * The facts of an exchange a rule may cite as context, or null when it is none: only exchanges
 * that set a cookie or allowed credentials matter (cookie-not-sent,
 * reflected-origin-with-credentials), so handing rules only these, in order, gives the same
 * findings as the whole window.
 */
export function describeEarlier(exchange: Exchange): EarlierExchange | null {
  const headers = corsHeadersOf(exchange);
  const { setCookie } = headers;
  const credentialed = headers.allowCredentials === 'true';
  if (setCookie === null && !credentialed) return null;
  const origin = credentialed ? headers.origin : null;
  const echoed = origin !== null && headers.allowOrigin === origin;
  return { exchange, apiOrigin: targetOf(exchange)?.origin ?? null, setCookie, credentialedEcho: echoed ? origin : null };
}

/** The context facts of a window of exchanges (the panel's, or a test's), in order. */
export function describeWindow(exchanges: readonly Exchange[]): EarlierExchange[] {
  const described: EarlierExchange[] = [];
  for (const exchange of exchanges) {
    const facts = describeEarlier(exchange);
    if (facts) described.push(facts);
  }
  return described;
}
