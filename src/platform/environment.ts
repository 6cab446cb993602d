/** What a report says about where it was made: the browser and the extension's version. */
import { browserFromUserAgent } from '../engine/export/environment.ts';

export function browserDescription(): string | null {
  return typeof navigator === 'undefined' ? null : browserFromUserAgent(navigator.userAgent);
}

export function extensionVersion(): string {
  try {
    return typeof chrome !== 'undefined' && chrome.runtime?.getManifest ? chrome.runtime.getManifest().version : 'unknown';
  } catch {
    return 'unknown';
  }
}
