/**
 * The background worker: registers the content script on exactly the sites the library
 * turned on (and granted), and is the only part that talks to the hub.
 */
import { evaluateOnHub, hubHealth, recordOverride, suggestPurchase } from './hub/hub-client.js';
import type { BackgroundMessage, HubReply } from './hub/messages.js';
import { matchPatternOf, readSettings, settingsKey, withTaughtPage, writeSettings } from './settings.js';

const scriptId = 'liaison-badges';

/** Registers the content script for the turned-on sites whose host permission is granted. */
async function registerContentScript(): Promise<void> {
  const settings = await readSettings();
  const patterns = [...new Set(settings.sites.map((site) => matchPatternOf(site.origin)))];
  const granted: string[] = [];
  for (const pattern of patterns) if (await chrome.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [scriptId] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [scriptId] });
  if (granted.length === 0) return;
  await chrome.scripting.registerContentScripts([{ id: scriptId, matches: granted, js: ['content.js'], runAt: 'document_idle', persistAcrossSessions: true }]);
}

// One registration at a time: settings can change while one is under way.
let registering: Promise<void> = Promise.resolve();
function reregister(): void {
  registering = registering.then(registerContentScript, registerContentScript).catch((error) => console.warn('Liaison: could not register the content script', error));
}

chrome.runtime.onInstalled.addListener(reregister);
chrome.runtime.onStartup.addListener(reregister);
chrome.permissions.onAdded.addListener(reregister);
chrome.permissions.onRemoved.addListener(reregister);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[settingsKey]) reregister();
});

/** Keeps a page staff taught, when `withTaughtPage` accepts it for the tab it came from. */
async function teachPage(page: unknown, senderUrl: string | undefined): Promise<HubReply<unknown>> {
  const settings = await readSettings();
  const outcome = withTaughtPage(settings, page, senderUrl);
  if (!outcome.ok) return { ok: false, problem: 'failed', message: outcome.message };
  await writeSettings(outcome.settings);
  return { ok: true, value: outcome.page };
}

async function handle(message: BackgroundMessage, senderUrl: string | undefined): Promise<HubReply<unknown>> {
  const settings = await readSettings();
  switch (message.type) {
    case 'evaluate':
      return evaluateOnHub(settings, message.requests, message.source);
    case 'suggest-purchase':
      return suggestPurchase(settings, message.request, message.evaluation, message.pageUrl);
    case 'override':
      return recordOverride(settings, message.transactionNumber, message.verdict, message.reason);
    case 'hub-status':
      return hubHealth(settings);
    case 'teach-page':
      return teachPage(message.page, senderUrl);
  }
}

chrome.runtime.onMessage.addListener((message: BackgroundMessage, sender, reply) => {
  if (!message || typeof message !== 'object' || !('type' in message)) return false;
  handle(message, sender.tab?.url).then(reply, (error: unknown) => reply({ ok: false, problem: 'failed', message: String(error) }));
  return true; // the reply comes later
});
