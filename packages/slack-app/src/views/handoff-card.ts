/**
 * The hand-off card a department's channel receives, and the one-line entries of its thread.
 * Pure functions: a hand-off in, Block Kit out. The same card, with its buttons, is used for
 * reminders and for `/handoffs H-1042`.
 */
import { availableEvents, isFinished, isOpen, isOverdue, redactForSlackCard, type Handoff, type HandoffEvent, type HandoffState, type LifecycleEvent } from '@liaison/core';
import { departmentName, isSlackUserId, type SlackPolicy } from '../library.js';
import { actions, button, capBlocks, context, fields, header, section, type Block } from './blocks.js';
import { describeDue } from './due.js';
import { mrkdwnLink, slackLimits, userText } from './limits.js';

/** The action ids of the card's buttons; the button's value is the hand-off id. */
export const cardActions = {
  accept: 'handoff.accept',
  reassign: 'handoff.reassign',
  askForInformation: 'handoff.ask_for_information',
  waitingOnVendor: 'handoff.waiting_on_vendor',
  resolve: 'handoff.resolve',
  returnToSender: 'handoff.return',
} as const;

const stateWords: Record<HandoffState, string> = {
  open: ':new: Open, waiting for someone to accept it',
  accepted: ':raising_hand: Accepted',
  waiting_on_patron: ':speech_balloon: Waiting for information',
  waiting_on_vendor: ':hourglass_flowing_sand: Waiting on a vendor',
  returned: ':leftwards_arrow_with_hook: Returned to the sender',
  resolved: ':white_check_mark: Resolved',
  cancelled: ':no_entry_sign: Cancelled',
};

/** Staff named the way Slack shows them: a mention for a Slack member, else the name we have. */
export function personName(actor: { id: string; name?: string } | string | null | undefined): string {
  if (!actor) return 'nobody yet';
  const id = typeof actor === 'string' ? actor : actor.id;
  if (isSlackUserId(id)) return `<@${id}>`;
  return userText(typeof actor === 'string' ? actor : (actor.name ?? actor.id), 200);
}

export interface CardContext {
  policy: SlackPolicy;
  now: Date;
}

/** The words of the card's fallback text (notifications, screen readers): number, department, summary. */
export function cardText(handoff: Handoff, policy: SlackPolicy): string {
  return userText(`${handoff.id} for ${departmentName(policy, handoff.department)}: ${handoff.summary}`, slackLimits.messageText);
}

/** The card's fields: patron type (identity only when the policy allows), sender, due time, responsibility. */
function cardFields(handoff: Handoff, { policy, now }: CardContext): string[] {
  const patron = redactForSlackCard(handoff.patron ?? null, policy.privacy);
  const patronWords = [patron.name, patron.email].filter(Boolean).join(', ');
  const patronLine = patron.patronType ? (patronWords ? `${patronWords} (${patron.patronType})` : patron.patronType) : patronWords || 'not given';
  const responsibility =
    handoff.responsibility === 'passed' ? 'Passed: this department answers the patron' : `Retained: ${personName(handoff.sender)} stays the patron's contact`;
  return [
    `*Patron*\n${userText(patronLine, 300)}`,
    `*Sent by*\n${personName(handoff.sender)}`,
    `*Due*\n${isOpen(handoff.state) ? describeDue(handoff, now, policy.library) : isFinished(handoff.state) ? 'done' : 'with the sender'} · ${userText(handoff.serviceLevel, 100)}`,
    `*Responsibility*\n${responsibility}`,
    `*State*\n${stateWords[handoff.state]}`,
    `*Owner*\n${personName(handoff.owner)}`,
  ];
}

/** The card's buttons, in the order shown, each for one lifecycle event. */
const cardButtonFor: [LifecycleEvent, (id: string) => unknown][] = [
  ['accepted', (id) => button('Accept', cardActions.accept, id, { style: 'primary' })],
  ['reassigned', (id) => button('Reassign', cardActions.reassign, id)],
  ['info_requested', (id) => button('Ask for information', cardActions.askForInformation, id)],
  ['waiting_on_vendor', (id) => button('Waiting on vendor', cardActions.waitingOnVendor, id)],
  ['resolved', (id) => button('Resolve', cardActions.resolve, id, { style: 'primary' })],
  ['returned', (id) => button('Return to sender', cardActions.returnToSender, id, { style: 'danger' })],
];

/**
 * The buttons of the events core's lifecycle allows in the hand-off's state, so a card never
 * offers a move the hub would refuse. The card is the department's: none once the department
 * owes nothing (resolved, cancelled, or returned to the sender).
 */
export function cardButtons(handoff: Handoff): unknown[] {
  if (!isOpen(handoff.state)) return [];
  const allowed = new Set(availableEvents(handoff.state));
  return cardButtonFor.filter(([event]) => allowed.has(event)).map(([, make]) => make(handoff.id));
}

function linkLines(handoff: Handoff): string[] {
  const lines: string[] = [];
  if (handoff.links.zendeskTicket) lines.push(`Zendesk ticket ${userText(handoff.links.zendeskTicket, 200)}`);
  if (handoff.links.illTransactionNumber) lines.push(`ILL transaction ${userText(handoff.links.illTransactionNumber, 40)}`);
  if (handoff.links.slackPermalink) lines.push(mrkdwnLink(handoff.links.slackPermalink, 'the Slack message it came from'));
  if (handoff.links.url) lines.push(mrkdwnLink(handoff.links.url, 'link'));
  return lines;
}

/** The channel card for one hand-off: header, summary, the facts staff need, and the buttons its state allows. */
export function handoffCard(handoff: Handoff, card: CardContext): Block[] {
  const overdue = isOverdue(handoff, card.now);
  const blocks: Block[] = [
    header(`${overdue ? '⚠️ ' : ''}${handoff.id} · ${departmentName(card.policy, handoff.department)}`),
    section(userText(handoff.summary, slackLimits.sectionText)),
    fields(cardFields(handoff, card)),
  ];
  const notes = [
    ...(handoff.routing ? [`_Why here:_ ${userText(handoff.routing.explanation, 500)}`] : []),
    ...linkLines(handoff),
  ];
  if (notes.length > 0) blocks.push(context(notes));
  const buttons = cardButtons(handoff);
  if (buttons.length > 0) blocks.push(actions(`handoff:${handoff.id}`, buttons));
  return capBlocks(blocks, slackLimits.messageBlocks, (hidden) => `${hidden} more not shown`);
}

/** One line of the card's thread for an event in its history. */
export function eventLine(event: HandoffEvent, policy: SlackPolicy): string {
  const who = personName(event.actor);
  const note = event.note ? `: ${userText(event.note, 2500)}` : '';
  switch (event.type) {
    case 'created':
      return `:incoming_envelope: ${who} handed this off${note}`;
    case 'accepted':
      return `:raising_hand: ${who} accepted it.`;
    case 'info_requested':
      return `:speech_balloon: ${who} asked for information${note}`;
    case 'info_received':
      return `:inbox_tray: ${who} received the information${note}`;
    case 'waiting_on_vendor':
      return `:hourglass_flowing_sand: ${who} is waiting on a vendor${note}`;
    case 'resumed':
      return `:arrow_forward: ${who} resumed it${note}`;
    case 'returned':
      return `:leftwards_arrow_with_hook: ${who} returned it to the sender${note}`;
    case 'reassigned': {
      const to = event.toDepartment ? departmentName(policy, event.toDepartment) : 'another department';
      const owner = event.toOwner ? ` (${personName(event.toOwner)})` : '';
      return `:twisted_rightwards_arrows: ${who} reassigned it to ${to}${owner}${note}`;
    }
    case 'resolved':
      return `:white_check_mark: ${who} resolved it${note}`;
    case 'cancelled':
      return `:no_entry_sign: ${who} cancelled it${note}`;
    case 'reopened':
      return `:arrows_counterclockwise: ${who} reopened it${note}`;
    case 'noted':
      return `:memo: ${who} noted${note}`;
  }
}

/** The direct message the sender gets when their hand-off is accepted, returned or resolved; null for other events. */
export function senderUpdate(handoff: Handoff, event: HandoffEvent, policy: SlackPolicy, statusLink: string | null): string | null {
  const department = departmentName(policy, handoff.department);
  const subject = `*${handoff.id}* (${userText(handoff.summary, 300)})`;
  const note = event.note ? `\n>${userText(event.note, 2500)}` : '';
  switch (event.type) {
    case 'accepted':
      return `${personName(event.actor)} in ${department} accepted ${subject}.`;
    case 'returned':
      return `${personName(event.actor)} returned ${subject} to you${note ? ':' : '.'}${note}`;
    case 'resolved': {
      const link = statusLink ? `\nThe patron can follow it here: ${statusLink}` : '';
      return `${personName(event.actor)} resolved ${subject}${note ? ':' : '.'}${note}${link}`;
    }
    default:
      return null;
  }
}
