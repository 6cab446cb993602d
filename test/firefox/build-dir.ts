/** Where the Firefox build is: CORS_LENS_FIREFOX_DIR (private builds) or dist-firefox/ (npm run build). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIREFOX_DIST = resolve(process.env.CORS_LENS_FIREFOX_DIR ?? resolve(__dirname, '../../dist-firefox'));

export function assertFirefoxBuild(): string {
  if (!existsSync(join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${FIREFOX_DIST}: run \`npm run build\` (or vite build -c vite.firefox.config.ts).`);
  }
  return FIREFOX_DIST;
}
