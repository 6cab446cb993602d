/**
 * The Firefox manifest, derived from manifest.json (the one the Chromium build uses) so the two
 * never drift: same name, version, pages, icons and CSP; Firefox's add-on id and minimum version
 * added, Chromium-only keys removed.
 */

/** The add-on id Firefox signs and updates under (AMO needs one for Manifest V3). */
export const GECKO_ID = 'cors-lens@cors-lens.dev';
/**
 * 140 = the ESR that Debian 12 ships in bookworm (140.x esr; security updates bring 153 esr).
 * It is also the first Firefox that reads data_collection_permissions.
 */
export const FIREFOX_MIN_VERSION = '140.0';

const CHROMIUM_ONLY_KEYS = ['minimum_chrome_version', 'key', 'update_url'];

export function firefoxManifest(chromium: Record<string, unknown>): Record<string, unknown> {
  const manifest: Record<string, unknown> = { ...chromium };
  for (const key of CHROMIUM_ONLY_KEYS) delete manifest[key];
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // The extension sends nothing anywhere: declared so Firefox shows "no data collected".
      data_collection_permissions: { required: ['none'] },
    },
  };
  return manifest;
}
