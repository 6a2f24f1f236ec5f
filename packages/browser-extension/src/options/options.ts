/**
 * The options page: the hub's address, the staff token, and the request systems to badge
 * with their sites. Saving asks the browser for access to exactly those sites (and the hub),
 * at that moment — the extension holds no host permission until the library turns a site on.
 */
import { matchPatternOf, originOf, readSettings, writeSettings, type SiteSetting, type TaughtPage } from '../settings.js';
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

/** A list item with its words and one button. */
function itemWithButton(words: string, buttonWords: string, onClick: () => void): HTMLLIElement {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = buttonWords;
  button.addEventListener('click', onClick);
  item.append(words, button);
  return item;
}

function describeTaught(page: TaughtPage): string {
  const optional = [page.titleHeading && `titles under "${page.titleHeading}"`, page.isbnHeading && `ISBNs under "${page.isbnHeading}"`].filter(Boolean);
  return `${page.origin}: request numbers under "${page.numberHeading}"${optional.length > 0 ? `, ${optional.join(', ')}` : ''}`;
}

async function showTaughtPages(): Promise<void> {
  const settings = await readSettings();
  const list = byId('taughtPages');
  list.replaceChildren(
    ...settings.taughtPages.map((page) =>
      itemWithButton(describeTaught(page), 'Forget', () => {
        void readSettings()
          .then((current) => writeSettings({ ...current, taughtPages: current.taughtPages.filter((known) => known.origin !== page.origin) }))
          .then(showTaughtPages);
      }),
    ),
  );
  if (settings.taughtPages.length === 0) list.textContent = 'None yet.';
}

/** Open tabs on the sites turned on (the extension sees the addresses of those tabs only), each with a Teach button. */
async function showTeachableTabs(): Promise<void> {
  const settings = await readSettings();
  const allowed = new Set(settings.sites.map((site) => site.origin));
  const tabs = (await chrome.tabs.query({})).filter((tab) => tab.id !== undefined && tab.url && allowed.has(originOf(tab.url) ?? ''));
  const list = byId('teachTabs');
  list.replaceChildren(
    ...tabs.map((tab) =>
      itemWithButton(`${tab.title || tab.url}`, 'Teach', () => {
        void chrome.scripting
          .executeScript({ target: { tabId: tab.id! }, files: ['teach.js'] })
          .then(() => chrome.tabs.update(tab.id!, { active: true }))
          .catch((error: unknown) => (list.textContent = `Could not open the picker on that page: ${String(error)}`));
      }),
    ),
  );
  if (tabs.length === 0) list.textContent = 'No page of the sites above is open; open the request list in a tab, then look again.';
}

void load();
void showTaughtPages();
void showTeachableTabs();
byId('form').addEventListener('submit', (event) => void save(event));
byId('findTabs').addEventListener('click', () => void showTeachableTabs());
chrome.storage.onChanged.addListener(() => void showTaughtPages());
