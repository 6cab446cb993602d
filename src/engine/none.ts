/**
 * The one empty list the engine hands out wherever a finding, a fix or a diagnosis has nothing
 * to list. Frozen (findings are data no one edits) and shared: a log's findings are kept as long
 * as it is shown, and an empty array made per finding was a good part of a big analysis's
 * allocations.
 */
export const NONE: readonly never[] = Object.freeze([]);
