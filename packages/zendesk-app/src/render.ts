/**
 * Draws the sidebar's states: loading, no account, error, and the patron's context in sections
 * that collapse (native `<details>`, so the keyboard and screen readers work without extra code).
 * A field group the privacy policy withheld is absent from the hub's answer; its section says so
 * and shows nothing else.
 */
import type { RedactedPatronContext } from '@liaison/core';
import { h } from './dom.js';
import type { Translator } from './messages.js';

/** A one-line state: "loading" while the hub is asked, "empty" when there is nothing to show. */
export function renderMessage(root: HTMLElement, state: 'loading' | 'empty', text: string): void {
  root.replaceChildren(h('p', { class: `state state-${state}`, 'data-state': state, role: 'status' }, text));
}

/** The error state with its "try again" button. */
export function renderError(root: HTMLElement, text: string, t: Translator, retry: () => void): void {
  root.replaceChildren(
    h('p', { class: 'state state-error', 'data-state': 'error', role: 'alert' }, text),
    h('button', { type: 'button', class: 'retry', 'data-action': 'retry', onclick: () => retry() }, t('try_again')),
  );
}

function section(name: string, title: string, ...body: (Node | string | null | false | undefined)[]): HTMLDetailsElement {
  return h('details', { open: true, 'data-section': name }, h('summary', {}, title), ...body);
}

function hidden(name: string, title: string, t: Translator): HTMLDetailsElement {
  return section(name, title, h('p', { class: 'muted', 'data-hidden': 'policy' }, t('hidden_by_policy')));
}

function field(label: string, value: string | undefined, name: string): HTMLElement | null {
  if (value === undefined || value === '') return null;
  return h('div', { class: 'field', 'data-field': name }, h('dt', {}, label), h('dd', {}, value));
}

/** The patron's context; returns the element where the hand-off actions go. */
export function renderContext(root: HTMLElement, context: RedactedPatronContext, t: Translator): HTMLElement {
  const date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const formatDate = (iso: string | null | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? date.format(new Date(iso)) : '');
  const { identity } = context;

  const identitySection = section(
    'identity',
    t('identity'),
    identity.name ? h('p', { class: 'name', 'data-field': 'name' }, identity.name) : null,
    h(
      'dl',
      {},
      field(t('patron_type'), identity.patronType, 'patron_type'),
      field(t('affiliation'), identity.affiliation, 'affiliation'),
      field(t('liaison_librarian'), identity.liaisonLibrarian, 'liaison_librarian'),
      field(t('expires'), identity.expiresOn ? formatDate(identity.expiresOn) : undefined, 'expires'),
    ),
  );

  const standingParts: HTMLElement[] = [];
  if (context.blocks) {
    standingParts.push(
      context.blocks.length === 0
        ? h('p', { 'data-field': 'blocks' }, t('blocks_none'))
        : h(
            'div',
            { 'data-field': 'blocks' },
            h('p', { class: 'warning' }, t('blocks_count', { count: context.blocks.length })),
            h('ul', {}, context.blocks.map((block) => h('li', {}, block.message))),
          ),
    );
  }
  if (context.fines) {
    const money = new Intl.NumberFormat(t.locale, { style: 'currency', currency: context.fines.currency });
    standingParts.push(
      h(
        'p',
        { 'data-field': 'fines' },
        context.fines.count === 0 ? t('fines_none') : `${t('fines_total')}: ${money.format(context.fines.total)}`,
      ),
    );
  }
  const standing =
    standingParts.length > 0 ? section('standing', t('standing'), ...standingParts) : hidden('standing', t('standing'), t);

  const loans = context.loans
    ? section(
        'loans',
        t('loans'),
        h(
          'p',
          { 'data-field': 'loan_counts' },
          t('loans_summary', { count: context.loans.count, overdue: context.loans.overdue, dueSoon: context.loans.dueSoon }),
        ),
        context.loans.nextDueAt ? h('p', { class: 'muted' }, t('next_due', { date: formatDate(context.loans.nextDueAt) })) : null,
        context.loans.items && context.loans.items.length > 0
          ? h(
              'ul',
              {},
              context.loans.items.map((loan) =>
                h('li', {}, `${loan.title} — ${formatDate(loan.dueAt)}${loan.isOverdue ? ` (${t('overdue')})` : ''}`),
              ),
            )
          : null,
      )
    : hidden('loans', t('loans'), t);

  const holds = context.holds
    ? section(
        'holds',
        t('holds'),
        context.holds.count === 0
          ? h('p', {}, t('holds_none'))
          : h(
              'ul',
              { 'data-field': 'holds_by_status' },
              context.holds.items && context.holds.items.length > 0
                ? context.holds.items.map((hold) => h('li', {}, `${hold.title} — ${hold.status}`))
                : context.holds.byStatus.map((group) => h('li', {}, `${group.status}: ${group.count}`)),
            ),
      )
    : hidden('holds', t('holds'), t);

  const ill = context.illRequests
    ? section(
        'ill',
        t('ill'),
        context.illRequests.count === 0
          ? h('p', {}, t('ill_none'))
          : h(
              'ul',
              { 'data-field': 'ill_requests' },
              context.illRequests.items.map((request) =>
                h(
                  'li',
                  { 'data-transaction': request.transactionNumber },
                  h('strong', {}, request.transactionNumber),
                  ` ${request.status}`,
                  request.title ? h('span', { class: 'muted' }, ` — ${request.title}`) : null,
                ),
              ),
            ),
      )
    : hidden('ill', t('ill'), t);

  const handoffs = context.handoffs
    ? section(
        'handoffs',
        t('handoffs'),
        context.handoffs.length === 0
          ? h('p', {}, t('handoffs_none'))
          : h(
              'ul',
              { 'data-field': 'earlier_handoffs' },
              context.handoffs.map((handoff) =>
                h(
                  'li',
                  { 'data-handoff': handoff.id },
                  h('strong', {}, handoff.id),
                  ` ${handoff.department} · ${t.state(handoff.state)}`,
                  h('span', { class: 'muted' }, ` — ${handoff.summary}`),
                ),
              ),
            ),
      )
    : hidden('handoffs', t('handoffs'), t);

  const missing =
    context.missing.length > 0
      ? h('p', { class: 'warning', 'data-field': 'missing' }, t('missing_sources', { sources: context.missing.map((m) => m.source).join(', ') }))
      : null;

  const actions = h('div', { class: 'actions', 'data-section': 'actions' });
  root.replaceChildren(missing ?? '', identitySection, standing, loans, holds, ill, handoffs, actions);
  return actions;
}

