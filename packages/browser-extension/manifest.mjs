// The extension's manifest for each browser, from one description. Chrome/Edge run the
// background as a service worker; Firefox runs it as a background script and needs its
// add-on id. Host access is optional everywhere and asked for at run time (options page).
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * @param {'chrome' | 'firefox'} browser
 * @param {{ grantHosts?: string[], updateUrl?: string }} options updateUrl: where Chrome and Edge
 *   look for updates of a self-hosted extension (the library's update manifest XML)
 */
export function manifestFor(browser, options = {}) {
  const manifest = {
    manifest_version: 3,
    name: 'Liaison: buy or borrow',
    short_name: 'Liaison',
    version,
    description: 'Shows ILL staff whether to buy, borrow or point to a copy the library owns or a free one, beside each borrowing request.',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: { default_title: 'Liaison', default_popup: 'popup.html', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    options_ui: { page: 'options.html', open_in_tab: true },
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: options.grantHosts ?? [],
  };
  if (browser === 'chrome') {
    manifest.background = { service_worker: 'background.js' };
    manifest.minimum_chrome_version = '111';
    if (options.updateUrl) manifest.update_url = options.updateUrl;
  } else {
    manifest.background = { scripts: ['background.js'] };
    manifest.browser_specific_settings = {
      gecko: {
        id: 'liaison-buy-or-borrow@liaison.example',
        strict_min_version: '140.0',
        // Nothing goes to the extension's makers; requests go only to the library's own hub.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  if (manifest.host_permissions.length === 0) delete manifest.host_permissions;
  return manifest;
}
