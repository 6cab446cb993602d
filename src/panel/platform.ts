/**
 * What the panel needs from its host, in one object: the network log, the inspected page (for
 * retries), the theme, the clipboard and preferences. main.tsx builds it from src/platform;
 * component tests build it from fakes. Components never reach chrome.* any other way.
 */
import type { InspectedPage } from '../platform/inspected-window.ts';
import type { NetworkSource } from '../platform/network-source.ts';
import type { Preferences } from '../platform/preferences.ts';
import type { PanelTheme } from '../platform/theme.ts';

export interface PanelPlatform {
  network: NetworkSource;
  /** Null where there is no inspected page (an imported HAR viewed outside DevTools). */
  inspectedPage: InspectedPage | null;
  theme: PanelTheme;
  onThemeChange?(cb: (theme: PanelTheme) => void): void;
  copyText(text: string): Promise<boolean>;
  preferences: Preferences;
}
