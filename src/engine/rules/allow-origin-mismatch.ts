import { originMismatchRule } from './origin-mismatch.ts';

/** The server allows some other origin: the page's origin is not on its allowlist. */
export default originMismatchRule('allow-origin-mismatch', 'Origin not in the allowlist', ['host', 'case', 'other']);
