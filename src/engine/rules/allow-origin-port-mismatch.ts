import { originMismatchRule } from './origin-mismatch.ts';

/** Same host, different port: a dev server on :5173 is not the :3000 the server allows. */
export default originMismatchRule('allow-origin-port-mismatch', 'Port differs from the allowed origin', ['port']);
