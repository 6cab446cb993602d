// The DevTools page only registers the panel; everything else lives in the panel page, which
// DevTools loads the first time the panel is shown.
// Path is relative to the extension root, where crxjs keeps the source layout.
chrome.devtools.panels.create('CORS Lens', '/icons/icon-32.png', '/src/panel/panel.html');
