/**
 * The toolbar popup: the connection to the hub, the current page's badges counted by
 * verdict (or that the page was not recognised), and a switch to pause badges on this site.
 */
import type { BackgroundMessage, HubReply, PageStatus } from '../hub/messages.js';
import { verdictWords } from '../content/badge-state.js';
import { purchaseVerdicts } from '../purchase/rules.js';
import { readSettings, writeSettings } from '../settings.js';

const byId = (id: string) => document.getElementById(id)!;

async function showHub(): Promise<void> {
  const hub = byId('hub');
  const settings = await readSettings();
  if (!settings.hubUrl) {
    hub.textContent = 'No hub set up: badges use the page’s own data (limited data).';
    return;
  }
  const reply = (await chrome.runtime.sendMessage({ type: 'hub-status' } satisfies BackgroundMessage)) as HubReply<{ status: string }>;
  hub.textContent = reply.ok ? `Connected to the hub at ${settings.hubUrl}.` : reply.message;
  hub.classList.toggle('problem', !reply.ok);
}

async function showPage(): Promise<void> {
  const page = byId('page');
  // `?tab=ID` shows another tab's page (the browser tests open the popup as a page).
  const tabParameter = Number(new URLSearchParams(location.search).get('tab'));
  const tab = Number.isInteger(tabParameter) && tabParameter > 0 ? await chrome.tabs.get(tabParameter) : (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return;
  let status: PageStatus | undefined;
  try {
    status = (await chrome.tabs.sendMessage(tab.id, { type: 'page-status' })) as PageStatus;
  } catch {
    page.textContent = 'Liaison is not turned on for this site (see Options), or the page needs a reload.';
    return;
  }
  const settings = await readSettings();
  const origin = tab.url ? new URL(tab.url).origin : null;
  if (origin) {
    const pause = byId('pause') as HTMLInputElement;
    byId('pause-label').hidden = false;
    pause.checked = status.isPaused;
    pause.addEventListener('change', async () => {
      const paused = new Set(settings.pausedOrigins);
      if (pause.checked) paused.add(origin);
      else paused.delete(origin);
      await writeSettings({ ...settings, pausedOrigins: [...paused] });
      void showPage();
    });
  }
  const counts = byId('counts');
  counts.replaceChildren();
  if (status.isPaused) {
    page.textContent = 'Badges are paused on this site.';
    return;
  }
  if (!status.isRecognised) {
    page.textContent = 'This page was not recognised: no borrowing requests found in a known layout.';
    return;
  }
  page.textContent = `${status.systems.join(', ')} — ${status.hubMessage}${status.limitedCount > 0 ? ` ${status.limitedCount} badge(s) from limited data.` : ''}`;
  for (const verdict of purchaseVerdicts) {
    const item = document.createElement('li');
    const word = document.createElement('span');
    word.textContent = verdictWords[verdict];
    const count = document.createElement('span');
    count.textContent = String(status.counts[verdict]);
    count.dataset.verdict = verdict;
    item.append(word, count);
    counts.append(item);
  }
}

void showHub();
void showPage();
