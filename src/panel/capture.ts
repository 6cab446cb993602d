/**
 * One capture (live, or an imported HAR) and its diagnoses, kept up to date as entries arrive.
 *
 * Re-diagnosing the whole log for every new entry would be O(n²) over a long session. A new
 * entry can only change transactions near it in time: pairing looks at most
 * PREFLIGHT_AFTER_REQUEST_MS (2 s) ahead and redirect hops follow within moments. So a batch
 * re-pairs only the transactions that began within REPAIR_WINDOW_MS before its earliest entry
 * (plus the new entries) and keeps every older diagnosis as it was. Live entries arrive in time
 * order, so the work per batch stays proportional to the batch, not to the log.
 *
 * The capture holds at most `cap` exchanges: when full, the oldest transactions are dropped
 * whole (a ring buffer by transaction) and counted, so the UI can say so.
 */
import { diagnoseTransaction } from '../engine/diagnose.ts';
import { EARLIER_CONTEXT } from '../engine/history.ts';
import { pairTransactions } from '../engine/pair.ts';
import type { CorsTransaction, Diagnosis, Exchange } from '../engine/types.ts';

/** Generous: redirect chains and late-logged preflights settle well within this. */
export const REPAIR_WINDOW_MS = 10_000;
export const DEFAULT_CAPTURE_CAP = 20_000;

const timeOf = (e: Exchange) => (Number.isFinite(e.startedMs) ? e.startedMs : 0);
const byTime = (a: Exchange, b: Exchange) => (timeOf(a) - timeOf(b)) || (a.index - b.index);
export const firstHop = (d: Diagnosis): Exchange => d.transaction.redirectHops[0] ?? d.transaction.actualRequest;
const exchangesOf = (d: Diagnosis): Exchange[] => {
  const { preflight, redirectHops, actualRequest } = d.transaction;
  // An orphan preflight's "actual request" is a stand-in built from it: hand back the preflight.
  if (preflight && actualRequest.index === preflight.index) return [preflight];
  return preflight ? [...redirectHops, actualRequest, preflight] : [...redirectHops, actualRequest];
};

/** Which exchanges make up a transaction, in which roles. */
function signature(tx: CorsTransaction): string {
  return `${tx.preflight?.index ?? '-'}|${tx.redirectHops.map((e) => e.index).join(',')}|${tx.actualRequest.index}`;
}

/** Index of the first element for which `isAfter` is true (the array is sorted by it). */
function lowerBound<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class Capture {
  /** Every exchange held, in time order. */
  private exchanges: Exchange[] = [];
  /** One per transaction, in the order of their first hop. */
  private diagnosisList: Diagnosis[] = [];
  /** Exchanges dropped to stay under the cap. */
  dropped = 0;
  /** Index the next normalized entry gets (stable for the life of the capture). */
  nextIndex = 0;
  /** Entries skipped as unreadable, one line each (from normalize). */
  readonly problems: string[] = [];

  constructor(readonly cap = DEFAULT_CAPTURE_CAP) {}

  get size(): number {
    return this.exchanges.length;
  }

  get diagnoses(): readonly Diagnosis[] {
    return this.diagnosisList;
  }

  /** Adds normalized exchanges (indexes from `nextIndex` on) and re-diagnoses what they can change. */
  add(fresh: readonly Exchange[]): void {
    if (fresh.length === 0) return;
    for (const exchange of fresh) this.nextIndex = Math.max(this.nextIndex, exchange.index + 1);
    let sortedFresh = [...fresh].sort(byTime);
    // A batch larger than the capture (a huge HAR): only its newest `cap` entries could stay.
    if (sortedFresh.length > this.cap) {
      this.dropped += sortedFresh.length - this.cap;
      sortedFresh = sortedFresh.slice(sortedFresh.length - this.cap);
    }
    this.insertExchanges(sortedFresh);
    this.repair(sortedFresh[0]!, sortedFresh, new Map());
    this.enforceCap();
  }

  /** The held exchange logged with this start, method and URL, searched from the newest. */
  find(startedDateTime: string, method: string, url: string): Exchange | undefined {
    for (let i = this.exchanges.length - 1; i >= 0; i--) {
      const e = this.exchanges[i]!;
      if (e.startedDateTime === startedDateTime && e.method === method && e.url === url) return e;
    }
    return undefined;
  }

  /**
   * The diagnoses whose actual request is one of `indexes`, searched from the newest back to
   * REPAIR_WINDOW_MS before `since` (older diagnoses were not redone by adding those exchanges).
   */
  diagnosesOfActual(indexes: ReadonlySet<number>, since: number): Map<number, Diagnosis> {
    const found = new Map<number, Diagnosis>();
    for (let i = this.diagnosisList.length - 1; i >= 0 && found.size < indexes.size; i--) {
      const diagnosis = this.diagnosisList[i]!;
      if (timeOf(firstHop(diagnosis)) < since - REPAIR_WINDOW_MS) break;
      const index = diagnosis.transaction.actualRequest.index;
      if (indexes.has(index)) found.set(index, diagnosis);
    }
    return found;
  }

  /**
   * Puts newer versions of held exchanges in their place (same index: DevTools handed the entry
   * over before its response, and a later read has it) and re-diagnoses what they change.
   */
  replace(newer: readonly Exchange[]): void {
    const byIndex = new Map(newer.filter((e) => this.exchanges.some((held) => held.index === e.index)).map((e) => [e.index, e]));
    if (byIndex.size === 0) return;
    this.exchanges = this.exchanges.map((e) => byIndex.get(e.index) ?? e);
    const earliest = [...byIndex.values()].sort(byTime)[0]!;
    this.repair(earliest, [], byIndex);
  }

  /**
   * Re-pairs the transactions that began within REPAIR_WINDOW_MS before `from`, with `fresh` (new
   * exchanges) and `replaced` (newer versions by index), and re-diagnoses those that changed.
   */
  private repair(from: Exchange, fresh: readonly Exchange[], replaced: ReadonlyMap<number, Exchange>): void {
    const earliest = timeOf(from);
    // Transactions that began inside the window are paired again, with the new entries.
    const cut = lowerBound(this.diagnosisList, (d) => timeOf(firstHop(d)) >= earliest - REPAIR_WINDOW_MS);
    const reopened = this.diagnosisList.slice(cut);
    const repairing = [...reopened.flatMap(exchangesOf).map((e) => replaced.get(e.index) ?? e), ...fresh];

    // A transaction that pairs as before, began before every new entry and holds no replaced
    // exchange has the same inputs (its exchanges, and the log before it): keep its diagnosis.
    const before = new Map(reopened.map((d) => [signature(d.transaction), d]));
    const redone = pairTransactions(repairing).map((tx) => {
      const first = tx.redirectHops[0] ?? tx.actualRequest;
      const touched = [tx.preflight, ...tx.redirectHops, tx.actualRequest].some((e) => e && replaced.has(e.index));
      const unchanged = !touched && byTime(first, from) < 0 ? before.get(signature(tx)) : undefined;
      return unchanged ?? diagnoseTransaction(tx, this.earlierThan(first));
    });
    const last = this.diagnosisList[cut - 1];
    // The reopened transactions are exactly the tail: replace it in place (no spread: it can be long).
    this.diagnosisList.length = cut;
    for (const diagnosis of redone) this.diagnosisList.push(diagnosis);
    // An orphan preflight older than the window can sort before kept ones: rare, so sort then.
    if (last && redone.length > 0 && byTime(firstHop(redone[0]!), firstHop(last)) < 0) {
      this.diagnosisList.sort((a, b) => byTime(firstHop(a), firstHop(b)));
    }
  }

  private insertExchanges(sortedFresh: readonly Exchange[]): void {
    const tail = this.exchanges[this.exchanges.length - 1];
    if (!tail || byTime(tail, sortedFresh[0]!) <= 0) {
      for (const exchange of sortedFresh) this.exchanges.push(exchange);
      return;
    }
    for (const exchange of sortedFresh) {
      const at = lowerBound(this.exchanges, (e) => byTime(e, exchange) > 0);
      this.exchanges.splice(at, 0, exchange);
    }
  }

  /** The exchanges logged before `first` began (the last EARLIER_CONTEXT), as diagnoseLog hands them to the rules. */
  private earlierThan(first: Exchange): Exchange[] {
    const seen = lowerBound(this.exchanges, (e) => !(timeOf(e) < timeOf(first) || (e.index < first.index && timeOf(e) === timeOf(first))));
    return this.exchanges.slice(Math.max(0, seen - EARLIER_CONTEXT), seen);
  }

  private enforceCap(): void {
    if (this.exchanges.length <= this.cap) return;
    let excess = this.exchanges.length - this.cap;
    let drop = 0;
    const droppedIndexes = new Set<number>();
    while (excess > 0 && drop < this.diagnosisList.length) {
      for (const exchange of exchangesOf(this.diagnosisList[drop]!)) {
        droppedIndexes.add(exchange.index);
        excess--;
      }
      drop++;
    }
    this.diagnosisList = this.diagnosisList.slice(drop);
    const before = this.exchanges.length;
    this.exchanges = this.exchanges.filter((e) => !droppedIndexes.has(e.index));
    this.dropped += before - this.exchanges.length;
  }
}
