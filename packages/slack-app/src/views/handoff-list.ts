/**
 * `/handoffs` and the App Home: my open hand-offs and my departments' queues, overdue first;
 * and one hand-off with its whole history (`/handoffs H-1042`).
 */
import { isOverdue, type Handoff } from '@liaison/core';
import { departmentName, type SlackPolicy } from '../library.js';
import { button, capBlocks, context, divider, header, section, type Block } from './blocks.js';
import { describeDue } from './due.js';
import { eventLine, handoffCard } from './handoff-card.js';
import { slackLimits, userText } from './limits.js';

export interface Queue {
  department: string;
  /** Open hand-offs of the department, overdue first. */
  handoffs: Handoff[];
}

export interface HandoffLists {
  policy: SlackPolicy;
  now: Date;
  /** Hand-offs I sent or own that are still open. */
  mine: Handoff[];
  queues: Queue[];
}

/** Overdue first, then by due time: what needs doing soonest at the top. */
export function overdueFirst(handoffs: Handoff[], now: Date): Handoff[] {
  return [...handoffs].sort((a, b) => {
    const late = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
    return late !== 0 ? late : Date.parse(a.dueAt) - Date.parse(b.dueAt);
  });
}

/** One hand-off as one line of a list. */
export function handoffLine(handoff: Handoff, policy: SlackPolicy, now: Date): string {
  const flag = isOverdue(handoff, now) ? ':warning: ' : '';
  return `${flag}*${handoff.id}* · ${userText(handoff.summary, 300)}\n${departmentName(policy, handoff.department)} · due ${describeDue(handoff, now, policy.library)}`;
}

function listBlocks(handoffs: Handoff[], policy: SlackPolicy, now: Date, max: number): Block[] {
  const shown = overdueFirst(handoffs, now).slice(0, max);
  const blocks = shown.map((handoff) => section(handoffLine(handoff, policy, now)));
  if (handoffs.length > shown.length) blocks.push(context([`and ${handoffs.length - shown.length} more — see the dashboard or \`/handoffs H-…\``]));
  return blocks;
}

/** The `/handoffs` answer: mine, then each of my departments' queues. Stays within 50 blocks. */
export function handoffListMessage(lists: HandoffLists): Block[] {
  const { policy, now } = lists;
  const blocks: Block[] = [header('Your hand-offs')];
  blocks.push(...(lists.mine.length > 0 ? listBlocks(lists.mine, policy, now, 10) : [context(['You have no open hand-offs.'])]));
  for (const queue of lists.queues) {
    const overdue = queue.handoffs.filter((h) => isOverdue(h, now)).length;
    blocks.push(divider(), section(`*${departmentName(policy, queue.department)}* — ${queue.handoffs.length} open${overdue > 0 ? `, :warning: ${overdue} overdue` : ''}`));
    blocks.push(...listBlocks(queue.handoffs, policy, now, 8));
  }
  return capBlocks(blocks, slackLimits.messageBlocks, (hidden) => `${hidden} more lines not shown; the dashboard has everything.`);
}

/** `/handoffs H-1042`: the card (with its buttons) and the history, oldest first. */
export function handoffDetailMessage(handoff: Handoff, policy: SlackPolicy, now: Date): Block[] {
  const card = handoffCard(handoff, { policy, now });
  const history = handoff.history.map((event) => `${new Date(event.at).toISOString().slice(0, 16).replace('T', ' ')} UTC · ${eventLine(event, policy)}`);
  const room = slackLimits.messageBlocks - card.length - 1;
  const blocks: Block[] = [...card, divider()];
  // Several events per section keep a long history inside the 50-block limit.
  for (let i = 0; i < history.length && blocks.length < card.length + room; i += 5) {
    blocks.push(section(history.slice(i, i + 5).join('\n')));
  }
  return capBlocks(blocks, slackLimits.messageBlocks, (hidden) => `${hidden} more history lines not shown`);
}

/** The App Home tab: my hand-offs, my departments' queues with counts and overdue flags, and the dashboard. */
export function appHomeView(lists: HandoffLists & { dashboardUrl: string }): Record<string, unknown> {
  const { policy, now } = lists;
  const blocks: Block[] = [
    header(`Liaison · ${policy.library.name}`),
    {
      type: 'actions',
      block_id: 'home',
      elements: [button('Open the dashboard', 'home.dashboard', 'dashboard', { url: lists.dashboardUrl })],
    },
    header('Your hand-offs'),
  ];
  blocks.push(...(lists.mine.length > 0 ? listBlocks(lists.mine, policy, now, 20) : [context(['You have no open hand-offs. Start one with `/handoff`.'])]));
  if (lists.queues.length === 0) blocks.push(divider(), context(['You are not listed in any department in the policy file.']));
  for (const queue of lists.queues) {
    const overdue = queue.handoffs.filter((h) => isOverdue(h, now)).length;
    blocks.push(
      divider(),
      section(`*${departmentName(policy, queue.department)}*\n${queue.handoffs.length} open${overdue > 0 ? ` · :warning: ${overdue} overdue` : ' · none overdue'}`),
    );
    blocks.push(...listBlocks(queue.handoffs, policy, now, 10));
  }
  return { type: 'home', blocks: capBlocks(blocks, slackLimits.viewBlocks, (hidden) => `${hidden} more lines not shown; the dashboard has everything.`) };
}
