// The DevTools page only registers the panel; everything else lives in the panel page, which
// DevTools loads the first time the panel is shown.
import { browser } from '../platform/extension-api.ts';

// Paths from the extension root, where crxjs keeps the source layout in both builds (dist/ and
// dist-firefox/). create() returns a promise in both browsers (the polyfill wraps Chromium's).
browser.devtools.panels.create('CORS Lens', '/icons/icon-32.png', '/src/panel/panel.html')
  .catch((error: unknown) => console.error('CORS Lens: DevTools refused the panel', error));
