/** Reminders and escalations from the hub's scheduler, as Slack messages with the card's buttons. */
import type { Handoff, Reminder } from '@liaison/core';
import type { SlackPolicy } from '../library.js';
import { section, type Block } from './blocks.js';
import { handoffCard } from './handoff-card.js';
import { slackLimits, userText } from './limits.js';

/** One rung of the escalation ladder reached for one hand-off: core's reminder, with its words. */
export type ReminderNotice = Pick<Reminder, 'handoffId' | 'rung' | 'notify' | 'message' | 'recipient'>;

/** Core's words for the rung, then the card with its buttons, so it can be acted on where it lands. */
export function reminderMessage(reminder: ReminderNotice, handoff: Handoff, policy: SlackPolicy, now: Date): { text: string; blocks: Block[] } {
  // The words quote the summary staff typed: escaped, so it cannot mention a channel.
  const text = `:alarm_clock: ${userText(reminder.message, slackLimits.sectionText - 20)}`;
  const card = handoffCard(handoff, { policy, now });
  return { text, blocks: [section(text), ...card].slice(0, slackLimits.messageBlocks) };
}
