/**
 * The sidebar's life: on `app.registered`, and again whenever the ticket's requester changes,
 * read the requester's e-mail, ask the hub for the patron's context, paint it, then ask the
 * routing rules where the ticket should go and offer the hand-off. A slow answer for a previous
 * requester never overwrites the current one.
 */
import type { RedactedPatronContext } from '@liaison/core';
import { h } from './dom.js';
import { illStatusReply } from './ill-status-reply.js';
import {
  createHandoffRequest,
  internalNoteRequest,
  patronContextRequest,
  routeRequest,
  type Agent,
  type TicketForHandoff,
} from './hub-requests.js';
import { localeFor, translator, type Translator } from './messages.js';
import { renderContext, renderError, renderMessage } from './render.js';
import type { ZafClient, ZafRequestFailure } from './zaf-client.js';

type PatronContextAnswer = { found: true; context: RedactedPatronContext } | { found: false; message: string };

interface RouteSuggestion {
  department: string;
  departmentName: string;
  ruleId: string | null;
  explanation: string;
}

interface CreatedHandoff {
  handoff: { id: string; state: string; department: string };
  statusLink: string | null;
}

/** Marks in the iframe's performance timeline; the bench reads the time between them. */
export const registeredMark = 'liaison:app-registered';
export const paintedMark = 'liaison:context-painted';

interface Subject {
  email: string | undefined;
  agent: Agent;
  t: Translator;
  ticket?: TicketForHandoff;
}

/** Starts the sidebar in `root`, driven by `client`. */
export function startSidebar(client: ZafClient, root: HTMLElement): void {
  let generation = 0;

  // The iframe follows its content's height, as ZAF sidebar apps must ask for it.
  let lastHeight = '';
  const resize = () => {
    const height = `${Math.ceil(document.documentElement.getBoundingClientRect().height)}px`;
    if (height === lastHeight) return;
    lastHeight = height;
    void client.invoke('resize', { width: '100%', height });
  };
  new ResizeObserver(resize).observe(document.body);
  root.addEventListener('toggle', resize, true);

  async function readSubject(): Promise<Subject & { hubUrl: string }> {
    const [{ location }, metadata] = await Promise.all([client.context(), client.metadata()]);
    const isTicket = location === 'ticket_sidebar';
    const fields = isTicket
      ? ['ticket.requester.email', 'ticket.id', 'ticket.subject', 'ticket.description', 'currentAccount.subdomain']
      : ['user.email'];
    const data = await client.get([...fields, 'currentUser.id', 'currentUser.name', 'currentUser.locale']);
    const t = translator(localeFor(data['currentUser.locale'] as string | undefined));
    const agent: Agent = { id: (data['currentUser.id'] as number | string | undefined) ?? 'unknown', name: String(data['currentUser.name'] ?? '') };
    const email = (isTicket ? data['ticket.requester.email'] : data['user.email']) as string | undefined;
    const subject: Subject & { hubUrl: string } = { email: email || undefined, agent, t, hubUrl: String(metadata.settings['hub_url'] ?? '') };
    if (isTicket) {
      const id = Number(data['ticket.id']);
      subject.ticket = {
        id,
        subject: String(data['ticket.subject'] ?? ''),
        description: String(data['ticket.description'] ?? ''),
        url: `https://${String(data['currentAccount.subdomain'] ?? 'support')}.zendesk.com/agent/tickets/${id}`,
      };
    }
    return subject;
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    const isCurrent = () => mine === generation;
    const subject = await readSubject();
    const { t, hubUrl, email, agent } = subject;
    document.documentElement.lang = t.locale;
    if (!hubUrl) return renderMessage(root, 'empty', t('error_not_configured'));
    if (!email) return renderMessage(root, 'empty', t('no_email'));
    renderMessage(root, 'loading', t('loading'));

    let answer: PatronContextAnswer;
    try {
      answer = await client.request<PatronContextAnswer>(patronContextRequest(hubUrl, agent, email));
    } catch (failure) {
      if (!isCurrent()) return;
      const status = (failure as ZafRequestFailure | undefined)?.status;
      renderError(root, t(status === 401 ? 'error_unauthorized' : 'error_unavailable'), t, () => void load());
      return;
    }
    if (!isCurrent()) return;
    if (!answer.found) return renderMessage(root, 'empty', t('not_found'));

    const actions = renderContext(root, answer.context, t);
    requestAnimationFrame(() => performance.mark(paintedMark));
    renderIllCopy(actions, answer.context, t);
    if (subject.ticket) await offerHandoff(actions, subject, hubUrl, answer.context, isCurrent);
  }

  async function offerHandoff(
    actions: HTMLElement,
    subject: Subject,
    hubUrl: string,
    context: RedactedPatronContext,
    isCurrent: () => boolean,
  ): Promise<void> {
    const { t, agent } = subject;
    const ticket = subject.ticket!;
    const box = h('section', { class: 'handoff', 'data-section': 'handoff' }, h('h2', {}, t('handoff_title')));
    actions.prepend(box);
    let suggestion: RouteSuggestion;
    try {
      suggestion = await client.request<RouteSuggestion>(
        routeRequest(hubUrl, agent, { question: `${ticket.subject}\n\n${ticket.description}`, patronType: context.identity.patronType }),
      );
    } catch {
      if (isCurrent()) box.append(h('p', { class: 'muted' }, t('handoff_no_suggestion')));
      return;
    }
    if (!isCurrent()) return;
    const status = h('p', { class: 'handoff-status', 'data-field': 'handoff_status', role: 'status' });
    const button = h('button', { type: 'button', class: 'primary', 'data-action': 'handoff' }, t('handoff_button', { department: suggestion.departmentName }));
    // One key per click: a retried delivery of the same click is the same hand-off.
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.textContent = t('handoff_sending');
      const patron = {
        ...(subject.email && { email: subject.email }),
        ...(context.identity.patronType && { patronType: context.identity.patronType }),
      };
      let created: CreatedHandoff;
      try {
        created = await client.request<CreatedHandoff>(
          createHandoffRequest(hubUrl, agent, { ticket, department: suggestion.department, patron, idempotencyKey: `zendesk-${ticket.id}-${crypto.randomUUID()}` }),
        );
      } catch {
        status.textContent = t('handoff_failed');
        button.disabled = false;
        return;
      }
      const { handoff, statusLink } = created;
      const state = t.state(handoff.state);
      status.replaceChildren(
        t('handoff_done', { id: handoff.id, state }),
        statusLink ? ' ' : '',
        statusLink ? h('a', { href: statusLink, target: '_blank', rel: 'noopener' }, t('handoff_status_link')) : '',
      );
      button.hidden = true;
      const note = [t('note_body', { department: suggestion.departmentName, id: handoff.id, state })];
      if (statusLink) note.push(t('note_status', { link: statusLink }));
      try {
        await client.request(internalNoteRequest(ticket.id, note.join('\n')));
      } catch {
        status.append(h('span', { class: 'warning' }, ` ${t('note_failed')}`));
      }
    });
    box.append(
      h('p', { 'data-field': 'suggested_department' }, t('handoff_suggested', { department: suggestion.departmentName })),
      h('p', { class: 'muted', 'data-field': 'routing_reason' }, t('handoff_why', { reason: suggestion.explanation })),
      button,
      status,
    );
  }

  client.on('app.registered', () => {
    performance.mark(registeredMark);
    void load();
  });
  client.on('ticket.requester.id.changed', () => void load());
  client.on('ticket.requester.email.changed', () => void load());
}

function renderIllCopy(actions: HTMLElement, context: RedactedPatronContext, t: Translator): void {
  const reply = illStatusReply(context.illRequests, t);
  if (!reply) return;
  const output = h('textarea', { readonly: true, rows: '4', class: 'ill-reply', 'data-field': 'ill_reply', hidden: true });
  const done = h('span', { class: 'muted', role: 'status' });
  const button = h('button', { type: 'button', 'data-action': 'copy-ill' }, t('copy_ill'));
  button.addEventListener('click', async () => {
    output.value = reply;
    output.hidden = false;
    try {
      await navigator.clipboard.writeText(reply);
    } catch {
      // The Zendesk iframe may not be allowed the clipboard; the selected text can be copied by hand.
      output.select();
      document.execCommand('copy');
    }
    done.textContent = ` ${t('copied')}`;
  });
  actions.append(h('div', { class: 'ill-copy' }, button, done, output));
}
