/**
 * Registers the CORS Lens panel in DevTools. Paths are from the extension root, where crxjs keeps
 * the source layout in both builds (dist/ and dist-firefox/). create() returns a promise in both
 * browsers (the polyfill wraps Chromium's).
 */
import { browser } from './extension-api.ts';

export function createDevtoolsPanel(): void {
  browser.devtools.panels.create('CORS Lens', '/icons/icon-32.png', '/src/panel/panel.html')
    .catch((error: unknown) => console.error('CORS Lens: DevTools refused the panel', error));
}
