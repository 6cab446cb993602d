/**
 * Wires the panel: the store, the real DevTools platform (src/platform), and the render. All
 * captured data is rendered as text through JSX: nothing from the network is parsed as HTML.
 */
import { render } from 'preact';
import { copyText } from '../platform/clipboard.ts';
import { createDevtoolsNetworkSource } from '../platform/devtools-network.ts';
import { createInspectedPage } from '../platform/inspected-window.ts';
import { evalInInspectedWindow } from '../platform/inspected-window-eval.ts';
import { createPreferences } from '../platform/preferences.ts';
import { devtoolsTheme, type PanelTheme } from '../platform/theme.ts';
import { App } from './App.tsx';
import { connectCapture } from './connect.ts';
import type { PanelPlatform } from './platform.ts';
import { createPanelStore } from './store.ts';
import './panel.css';

const theme = devtoolsTheme();
const preferences = createPreferences();
const platform: PanelPlatform = {
  network: createDevtoolsNetworkSource(),
  inspectedPage: createInspectedPage(evalInInspectedWindow),
  theme: theme.current,
  onThemeChange: theme.onChange,
  copyText,
  preferences,
};

const applyTheme = (name: PanelTheme) => { document.documentElement.dataset.theme = name; };
applyTheme(platform.theme);
platform.onThemeChange?.(applyTheme);

const store = createPanelStore({ preferences });
connectCapture(store, platform.network);

const root = document.getElementById('app');
if (root) render(<App store={store} platform={platform} />, root);

// A handle on the panel's state for end-to-end tests and for debugging the panel with
// DevTools-on-DevTools. The panel page is the extension's own: no web page can reach it.
(globalThis as { corsLens?: unknown }).corsLens = { store };
