/** What a report says about where it was made: the browser and the extension's version. */
import { version } from '../../manifest.json';
import { browserFromUserAgent } from '../engine/export/environment.ts';

export function browserDescription(): string | null {
  return typeof navigator === 'undefined' ? null : browserFromUserAgent(navigator.userAgent);
}

/**
 * The version in manifest.json, read at build time: both builds' manifests carry it (the Firefox
 * one is derived from it), so it is what runtime.getManifest() says in either browser. Not the
 * runtime call: the export code imports this module, and the panel's component tests load the
 * export code, where the WebExtension API (and its polyfill) cannot load.
 */
export function extensionVersion(): string {
  return version;
}
