/**
 * The server whose fix is shown until the user names one: the first in the registry. A module of
 * its own so the panel can name it without loading the generators.
 */
export const DEFAULT_STACK = 'express';
