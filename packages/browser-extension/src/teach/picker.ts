/**
 * The teaching picker, put into a staff page from the options page ("Teach a page"): a bar at
 * the top of the page asks staff to click the column with the request numbers, then (or skip)
 * the title and ISBN columns, shows how many requests each choice finds, and saves the headings
 * for the site through the background worker. Clicks go to the picker, not the page, until it
 * is saved or cancelled.
 */
import type { BackgroundMessage, HubReply } from '../hub/messages.js';
import { headingOfColumn } from '../page/column-heading.js';
import type { TaughtPage } from '../settings.js';
import { taughtSite } from '../sites/taught.js';

type Step = 'number' | 'title' | 'isbn' | 'done';

const prompts: Record<Step, string> = {
  number: 'Click the heading, or any cell, of the column with the request numbers.',
  title: 'Now click the title column, or Skip.',
  isbn: 'Now click the ISBN column, or Skip.',
  done: 'Save to badge this list, and lists with these headings on this site, from now on.',
};

function startPicker(): void {
  const root = document.documentElement;
  if (root.dataset.liaisonTeaching === 'on') return; // already open in this tab
  root.dataset.liaisonTeaching = 'on';

  const host = document.createElement('div');
  host.className = 'liaison-teach-host';
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<style>
    :host { all: initial; position: fixed; inset: 0 0 auto 0; z-index: 2147483647; }
    section { font: 14px/1.4 system-ui, sans-serif; background: #17324d; color: #fff; padding: 10px 14px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; box-shadow: 0 2px 8px #0006; }
    h2 { font-size: 14px; margin: 0; }
    p { margin: 0; flex: 1 1 20em; }
    output { flex-basis: 100%; color: #ffe08a; }
    button { font: inherit; padding: 3px 10px; }
  </style>
  <section role="dialog" aria-label="Teach Liaison this page">
    <h2>Liaison: teach this page</h2>
    <p id="prompt"></p>
    <button type="button" id="skip">Skip</button>
    <button type="button" id="save">Save</button>
    <button type="button" id="cancel">Cancel</button>
    <output id="found" role="status"></output>
  </section>`;
  const byId = (id: string) => shadow.getElementById(id) as HTMLElement;
  const taught: Partial<TaughtPage> = { origin: location.origin };
  let step: Step = 'number';

  const show = () => {
    byId('prompt').textContent = prompts[step];
    byId('skip').hidden = step !== 'title' && step !== 'isbn';
    byId('save').hidden = step !== 'done';
  };
  const say = (text: string) => (byId('found').textContent = text);
  const next = () => {
    step = step === 'number' ? 'title' : step === 'title' ? 'isbn' : 'done';
    show();
  };
  const close = () => {
    document.removeEventListener('click', onClick, true);
    host.remove();
    delete root.dataset.liaisonTeaching;
  };

  function onClick(event: MouseEvent): void {
    if (event.composedPath().includes(host)) return;
    event.preventDefault();
    event.stopPropagation();
    if (step === 'done' || !(event.target instanceof Element)) return;
    const heading = headingOfColumn(event.target);
    if (!heading) {
      say('That is not in a table with column headings; click a cell of the request list.');
      return;
    }
    if (step === 'number') {
      const count = taughtSite({ origin: location.origin, numberHeading: heading }).findRequests(document).length;
      if (count === 0) {
        say(`No request numbers under "${heading}"; click the column that holds them.`);
        return;
      }
      taught.numberHeading = heading;
      say(`Request numbers under "${heading}": ${count} found.`);
    } else if (step === 'title') {
      taught.titleHeading = heading;
      say(`Titles under "${heading}".`);
    } else {
      taught.isbnHeading = heading;
      say(`ISBNs under "${heading}".`);
    }
    next();
  }

  byId('skip').addEventListener('click', next);
  byId('cancel').addEventListener('click', close);
  byId('save').addEventListener('click', () => {
    const message: BackgroundMessage = { type: 'teach-page', page: taught as TaughtPage };
    void (chrome.runtime.sendMessage(message) as Promise<HubReply<unknown>>).then((reply) => {
      if (!reply.ok) {
        say(reply.message);
        return;
      }
      say('Saved. Badges appear on this site’s lists with these headings.');
      setTimeout(close, 1500);
    });
  });
  document.addEventListener('click', onClick, true);
  show();
  root.append(host);
}

startPicker();
