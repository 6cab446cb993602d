/**
 * The WebExtension API for both browsers, through webextension-polyfill. Where the browser has a
 * native `browser` namespace (Firefox; Chromium 156 too) the polyfill hands it over untouched.
 * Older Chromium gets a wrapper over chrome.* that turns the methods listed in its metadata into
 * promises (devtools.inspectedWindow.eval, devtools.panels.create, …) and passes every other
 * member through as it is (devtools.network.getHAR keeps its callback). The three answer
 * differently in places: see callback-or-promise.ts and inspected-window.ts.
 *
 * The polyfill throws when loaded outside an extension page, so only the modules the devtools page
 * and the panel load in the browser import this one: never the engine, the CLI, or anything the
 * panel's component tests load (they build the platform from fakes).
 */
import browser from 'webextension-polyfill';

export { browser };
