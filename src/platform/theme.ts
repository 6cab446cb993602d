/** DevTools' own theme, so the panel looks at home in light and dark DevTools. */
export type PanelTheme = 'light' | 'dark';

function fromDevtools(name: string | undefined): PanelTheme {
  return name === 'dark' ? 'dark' : 'light';
}

/** The current theme, and a way to follow changes (DevTools calls back when the user switches). */
export function devtoolsTheme(): { current: PanelTheme; onChange(cb: (theme: PanelTheme) => void): void } {
  const panels = chrome.devtools?.panels;
  return {
    current: fromDevtools(panels?.themeName),
    onChange(cb) {
      // setThemeChangeHandler arrived in Chromium 99; older DevTools reload panels instead.
      if (typeof panels?.setThemeChangeHandler === 'function') panels.setThemeChangeHandler((theme) => cb(fromDevtools(theme)));
    },
  };
}
