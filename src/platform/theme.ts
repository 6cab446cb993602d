/** DevTools' own theme, so the panel looks at home in light and dark DevTools. */
import { browser } from './extension-api.ts';

export type PanelTheme = 'light' | 'dark';

function fromDevtools(name: string | undefined): PanelTheme {
  return name === 'dark' ? 'dark' : 'light';
}

/** Chromium's way to follow theme changes, which the polyfill's (Firefox's) types do not list. */
type Panels = typeof browser.devtools.panels & { setThemeChangeHandler?: (cb: (theme: string) => void) => void };

/** The current theme, and a way to follow changes (DevTools calls back when the user switches). */
export function devtoolsTheme(): { current: PanelTheme; onChange(cb: (theme: PanelTheme) => void): void } {
  const panels = browser.devtools?.panels as Panels | undefined;
  return {
    current: fromDevtools(panels?.themeName),
    onChange(cb) {
      // Firefox fires onThemeChanged; Chromium (99+) calls setThemeChangeHandler's handler and has
      // no onThemeChanged (the polyfill passes both members through as they are). Older
      // Chromium reloads panels instead.
      if (panels?.onThemeChanged) panels.onThemeChanged.addListener((theme) => cb(fromDevtools(theme)));
      else if (typeof panels?.setThemeChangeHandler === 'function') panels.setThemeChangeHandler((theme) => cb(fromDevtools(theme)));
    },
  };
}
