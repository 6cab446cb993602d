import { originMismatchRule } from './origin-mismatch.ts';

/** "http://app.example.com/" is not the origin "http://app.example.com": origins have no path. */
export default originMismatchRule('allow-origin-trailing-slash', 'Trailing slash in the allowed origin', ['trailing-slash', 'path']);
