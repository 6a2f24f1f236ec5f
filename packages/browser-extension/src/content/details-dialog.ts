/**
 * The details of one badge, opened by a click: the reasons, the facts used and where each
 * came from, and the two actions — "Suggest purchase" (a hand-off to acquisitions through the
 * hub) and "Override" (the staff member's own verdict and reason, kept by the hub).
 */
import type { BackgroundMessage, HubReply } from '../hub/messages.js';
import { formatMoney, purchaseVerdicts, type PurchaseVerdict } from '../purchase/rules.js';
import { verdictWords, type BadgeState } from './badge-state.js';
import { detailsCss } from './badge-style.js';

type Send = (message: BackgroundMessage) => Promise<HubReply<unknown>>;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  return made;
}

function factRows(state: BadgeState): [string, string, string][] {
  const { facts } = state.evaluation;
  const unknown = state.isLimited ? 'unknown (needs the hub)' : 'unknown';
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const source = (fact: { source: string; asOf?: string } | null) => (fact ? `${fact.source}${fact.asOf ? `, ${fact.asOf.slice(0, 10)}` : ''}` : '—');
  return [
    ['Held by the library?', facts.held ? yesNo(facts.held.value) : unknown, source(facts.held)],
    ['Price', facts.price ? formatMoney(facts.price.value, facts.price.currency ?? 'USD') : unknown, source(facts.price)],
    ['In print?', facts.available ? yesNo(facts.available.value) : unknown, source(facts.available)],
    ['Requests in the demand window', facts.demand.isAssumed ? `1 (only this request is known)` : String(facts.demand.value), facts.demand.source],
    ['Publication year', facts.publicationYear ? String(facts.publicationYear.value) : unknown, source(facts.publicationYear)],
    ['ISBNs', facts.isbns.value.join(', ') || 'none', facts.isbns.source],
  ];
}

/** Opens the details of a badge in a modal dialog; returns when it is shown. */
export function openDetails(state: BadgeState, send: Send, signal: AbortSignal): void {
  const host = element('div');
  host.className = 'liaison-details-host';
  const root = host.attachShadow({ mode: 'open' });
  root.append(element('style', detailsCss));
  const dialog = element('dialog');
  dialog.setAttribute('aria-labelledby', 'title');
  const { evaluation, request } = state;
  const title = element('h2', `${verdictWords[evaluation.verdict]} · score ${evaluation.score} — ${request.LoanTitle ?? request.PhotoJournalTitle ?? `Request ${request.TransactionNumber}`}`);
  title.id = 'title';
  dialog.append(title, element('div', `Transaction ${request.TransactionNumber}`, 'source'));

  if (state.isLimited) dialog.append(element('p', `Limited data: ${state.missing.join(' ')}`, 'limited'));

  const reasons = element('ul');
  for (const reason of evaluation.reasons) reasons.append(element('li', reason.message, reason.isDeciding ? 'deciding' : undefined));
  dialog.append(element('h3', 'Why'), reasons);

  if (evaluation.facts.openAccess) {
    const link = element('a', evaluation.facts.openAccess.value.title ?? evaluation.facts.openAccess.value.url);
    link.href = evaluation.facts.openAccess.value.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const free = element('p', 'Free copy: ');
    free.append(link);
    dialog.append(free);
  }

  const table = element('table');
  const head = element('tr');
  head.append(element('th', 'Fact'), element('th', 'Value'), element('th', 'Source'));
  table.append(head);
  for (const [label, value, source] of factRows(state)) {
    const row = element('tr');
    row.append(element('th', label), element('td', value), element('td', source, 'source'));
    table.append(row);
  }
  dialog.append(element('h3', 'Facts used'), table);

  const status = element('div');
  status.setAttribute('role', 'status');
  const suggest = element('button', 'Suggest purchase');
  suggest.type = 'button';
  const verdictLabel = element('label', 'Your verdict ');
  const verdictChoice = element('select');
  for (const verdict of purchaseVerdicts) {
    const option = element('option', verdictWords[verdict]);
    option.value = verdict;
    verdictChoice.append(option);
  }
  verdictChoice.value = evaluation.verdict === 'buy' ? 'borrow' : 'buy';
  verdictLabel.append(verdictChoice);
  const reasonLabel = element('label', 'Reason ');
  const reasonInput = element('input');
  reasonInput.required = true;
  reasonInput.size = 30;
  reasonLabel.append(reasonInput);
  const override = element('button', 'Override');
  override.type = 'button';
  const close = element('button', 'Close');
  close.type = 'button';
  const actions = element('div', undefined, 'actions');
  actions.append(suggest, verdictLabel, reasonLabel, override, close);
  dialog.append(actions, status);

  const run = async (button: HTMLButtonElement, message: BackgroundMessage, done: (value: unknown) => string) => {
    button.disabled = true;
    status.textContent = 'Sending to the hub…';
    try {
      const reply = await send(message);
      status.textContent = reply.ok ? done(reply.value) : reply.message;
    } catch {
      status.textContent = 'The extension could not reach its background worker; reload the page.';
    } finally {
      button.disabled = false;
    }
  };
  suggest.addEventListener('click', () => {
    void run(suggest, { type: 'suggest-purchase', request, evaluation, pageUrl: location.href }, (value) => {
      const reply = value as { handoff?: { id?: string }; isReplay?: boolean };
      return reply.isReplay ? `Already suggested (hand-off ${reply.handoff?.id ?? ''}).` : `Suggested to acquisitions (hand-off ${reply.handoff?.id ?? ''}).`;
    });
  }, { signal });
  override.addEventListener('click', () => {
    const reason = reasonInput.value.trim();
    if (!reason) {
      status.textContent = 'Say why you overrule the rules.';
      reasonInput.focus();
      return;
    }
    const verdict = verdictChoice.value as PurchaseVerdict;
    void run(override, { type: 'override', transactionNumber: request.TransactionNumber, verdict, reason }, () => `Your verdict, ${verdictWords[verdict]}, is recorded.`);
  }, { signal });
  const remove = () => host.remove();
  close.addEventListener('click', () => dialog.close(), { signal });
  dialog.addEventListener('close', remove, { signal });
  signal.addEventListener('abort', remove, { once: true });
  root.append(dialog);
  document.body.append(host);
  dialog.showModal();
}
