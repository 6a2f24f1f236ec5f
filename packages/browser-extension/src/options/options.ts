/**
 * The options page: the hub's address, the staff token, and the request systems to badge
 * with their sites. Saving asks the browser for access to exactly those sites (and the hub),
 * at that moment — the extension holds no host permission until the library turns a site on.
 */
import { matchPatternOf, originOf, readSettings, writeSettings, type SiteSetting } from '../settings.js';
import { sites } from '../sites/index.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function load(): Promise<void> {
  const settings = await readSettings();
  byId<HTMLInputElement>('hubUrl').value = settings.hubUrl;
  byId<HTMLInputElement>('token').value = settings.token;
  const systems = byId('systems');
  for (const site of sites) {
    const row = document.createElement('div');
    row.className = 'system';
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `use-${site.id}`;
    const origin = document.createElement('input');
    origin.type = 'text';
    origin.id = `origin-${site.id}`;
    origin.placeholder = 'https://ill.library.edu';
    origin.setAttribute('aria-label', `${site.name} site address`);
    const current = settings.sites.filter((entry) => entry.system === site.id);
    box.checked = current.length > 0;
    origin.value = current.map((entry) => entry.origin).join(' ');
    label.append(box, ` ${site.name}`);
    row.append(label, origin);
    systems.append(row);
  }
}

async function save(event: Event): Promise<void> {
  event.preventDefault();
  const status = byId('status');
  const hubText = byId<HTMLInputElement>('hubUrl').value.trim();
  const hubOrigin = hubText ? originOf(hubText) : null;
  if (hubText && !hubOrigin) {
    status.textContent = `"${hubText}" is not a web address; write it as https://liaison.library.edu`;
    return;
  }
  const chosen: SiteSetting[] = [];
  for (const site of sites) {
    if (!byId<HTMLInputElement>(`use-${site.id}`).checked) continue;
    const texts = byId<HTMLInputElement>(`origin-${site.id}`).value.split(/[\s,]+/).filter(Boolean);
    if (texts.length === 0) {
      status.textContent = `Give the address of your ${site.name} site, or untick it.`;
      return;
    }
    for (const text of texts) {
      const origin = originOf(text);
      if (!origin) {
        status.textContent = `"${text}" is not a web address (${site.name}).`;
        return;
      }
      chosen.push({ system: site.id, origin });
    }
  }
  const origins = [...new Set([...chosen.map((entry) => matchPatternOf(entry.origin)), ...(hubOrigin ? [matchPatternOf(hubOrigin)] : [])])];
  // Asked in the click that saved, before any other await (Firefox forgets the click after
  // one), as browsers require; only for the sites named here.
  const isGranted = origins.length === 0 || (await chrome.permissions.request({ origins }));
  if (!isGranted) {
    status.textContent = 'The browser did not give access to those sites; nothing was saved.';
    return;
  }
  const previous = await readSettings();
  await writeSettings({ ...previous, hubUrl: hubText.replace(/\/+$/, ''), token: byId<HTMLInputElement>('token').value.trim(), sites: chosen });
  status.textContent = 'Saved. Reload your request system’s pages to see badges.';
}

void load();
byId('form').addEventListener('submit', (event) => void save(event));
