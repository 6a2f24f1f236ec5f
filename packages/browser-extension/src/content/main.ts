/**
 * The content script, injected only on the sites the library turned on. It runs the site
 * adapters the library chose for this site whose URL patterns match, each in its own
 * try/catch (one failing never stops the others), with an AbortSignal that is aborted when
 * the page navigates (single-page apps change URL without reloading) or badges are paused.
 */
import type { BackgroundMessage, HubReply, PageStatus, PageStatusRequest } from '../hub/messages.js';
import { settingsKey, readSettings, parseSettings, type Settings } from '../settings.js';
import { sites } from '../sites/index.js';
import { isIncluded, type Site } from '../sites/site.js';
import { taughtSite } from '../sites/taught.js';
import { openDetails } from './details-dialog.js';
import { createPageBadges, type PageBadges } from './page-badges.js';

const send = (message: BackgroundMessage): Promise<HubReply<unknown>> => chrome.runtime.sendMessage(message);

let settings: Settings;
let badges: PageBadges | null = null;
let running: AbortController | null = null;
let runningSystems: string[] = [];
let lastHref = location.href;

function isPaused(): boolean {
  return settings.pausedOrigins.includes(location.origin);
}

function start(): void {
  running?.abort();
  running = new AbortController();
  runningSystems = [];
  lastHref = location.href;
  if (isPaused()) return;
  const chosen = new Set(settings.sites.filter((site) => site.origin === location.origin).map((site) => site.system));
  badges ??= createPageBadges({
    hasHub: Boolean(settings.hubUrl && settings.token),
    askHub: (requests, source) => send({ type: 'evaluate', requests, source }) as never,
    onOpen: (state, signal) => openDetails(state, send, signal),
    // For the bench and the browser tests: how long badging took, in ms.
    onScan: (_site, milliseconds, isFirst) => {
      document.documentElement.dataset[isFirst ? 'liaisonFirstScanMs' : 'liaisonLastScanMs'] = milliseconds.toFixed(2);
    },
  });
  // A page staff taught for this site replaces the built-in adapters here: they chose its columns.
  const taught = settings.taughtPages.find((page) => page.origin === location.origin);
  const adapters: Site[] = taught ? [taughtSite(taught)] : sites.filter((site) => chosen.has(site.id) && isIncluded(site, location));
  for (const site of adapters) {
    try {
      badges.watch(site, running.signal);
      runningSystems.push(site.name);
    } catch (error) {
      console.debug(`Liaison: the ${site.name} adapter failed on this page`, error);
    }
  }
}

function status(): PageStatus {
  const counted = badges?.counts() ?? { counts: { free: 0, owned: 0, buy: 0, review: 0, borrow: 0 }, limitedCount: 0, total: 0 };
  const hub = badges?.hubState() ?? { state: 'not-configured' as const, message: 'Badges are paused on this site.' };
  return {
    isRecognised: runningSystems.length > 0 && counted.total > 0,
    systems: runningSystems,
    counts: counted.counts,
    limitedCount: counted.limitedCount,
    hub: hub.state,
    hubMessage: hub.message,
    isPaused: isPaused(),
  };
}

function watchNavigation(): void {
  const check = () => {
    if (location.href !== lastHref) start();
  };
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  // pushState is invisible to an isolated world; the app's re-render after it is not.
  new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true });
}

async function main(): Promise<void> {
  settings = await readSettings();
  chrome.runtime.onMessage.addListener((message: PageStatusRequest, _sender, reply) => {
    if (message?.type === 'page-status') reply(status());
    return false;
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[settingsKey]) return;
    settings = parseSettings(changes[settingsKey].newValue);
    // A new hub address or token: forget what the old one said.
    running?.abort();
    badges = null;
    start();
  });
  start();
  watchNavigation();
}

void main().catch((error) => console.debug('Liaison: could not start on this page', error));
