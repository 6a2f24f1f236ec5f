/** Reminders and escalations from the hub's scheduler, as Slack messages with the card's buttons. */
import type { Handoff } from '@liaison/core';
import { departmentName, type SlackPolicy } from '../library.js';
import { section, type Block } from './blocks.js';
import { handoffCard } from './handoff-card.js';
import { slackLimits } from './limits.js';

/** One rung of the escalation ladder reached for one hand-off (the scheduler's reminder). */
export interface ReminderNotice {
  handoffId: string;
  /** The rung, as the policy writes it: "75%", "100%", "200%". */
  rung: string;
  /** Who the rung tells: `owner`, `department_lead`, `head_of_service`. */
  notify: string;
}

/** Words for how far along the due time a rung is. */
function rungWords(rung: string): string {
  const percent = Number.parseFloat(rung);
  if (Number.isFinite(percent) && percent < 100) return `is ${rung} of the way to its due time`;
  if (percent === 100) return 'is due now';
  return `is past its due time (${rung} of the time allowed)`;
}

/** The reminder's text line, then the card with its buttons, so it can be acted on where it lands. */
export function reminderMessage(reminder: ReminderNotice, handoff: Handoff, policy: SlackPolicy, now: Date): { text: string; blocks: Block[] } {
  const who = reminder.notify === 'owner' ? 'You own it.' : `You are told as ${reminder.notify.replace(/_/g, ' ')}.`;
  const text = `:alarm_clock: ${handoff.id} for ${departmentName(policy, handoff.department)} ${rungWords(reminder.rung)}. ${who}`;
  const card = handoffCard(handoff, { policy, now });
  return { text, blocks: [section(text), ...card].slice(0, slackLimits.messageBlocks) };
}
