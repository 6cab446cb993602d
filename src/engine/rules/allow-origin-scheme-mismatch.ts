import { originMismatchRule } from './origin-mismatch.ts';

/** The server allows https://host but the page runs on http://host (or the other way round). */
export default originMismatchRule('allow-origin-scheme-mismatch', 'http vs https in the allowed origin', ['scheme']);
