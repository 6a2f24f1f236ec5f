/**
 * Reminders, escalations and insight spikes from the hub's scheduler, as Slack messages. Core's
 * `reminderRecipient` says who a rung reaches (the owner, the sender, the department's lead, the
 * head of service, or the department's channel); the person gets a direct message with the card's
 * buttons, and when Slack knows no such member, the channel gets it. A failure is thrown so the
 * scheduler keeps the reminder and tries again.
 */
import { reminderRecipient, type Handoff } from '@liaison/core';
import type { webApi } from '@slack/bolt';
import { isSlackUserId } from './library.js';
import type { LiaisonHubPort } from './port.js';
import { slackLimits, userText } from './views/limits.js';
import { reminderMessage, type ReminderNotice } from './views/reminder.js';

/** An insight spike as the scheduler reports it. */
export interface SpikeNotice {
  topicId: string;
  recent: number;
  baselineMean: number | null;
  reason: { message: string };
}

export interface SlackNotifier {
  remind(reminder: ReminderNotice, handoff: Handoff): Promise<void>;
  spike(finding: SpikeNotice): Promise<void>;
  /** A direct message to one member of staff (a return summary); nothing when Slack knows no such member. */
  tell(contact: string, text: string): Promise<void>;
}

export interface NotifierDeps {
  port: Pick<LiaisonHubPort, 'policy' | 'cards' | 'now'>;
  clientFor(teamId?: string | null): Promise<webApi.WebClient>;
  logger: { warn(...message: unknown[]): void };
}

export function createSlackNotifier({ port, clientFor, logger }: NotifierDeps): SlackNotifier {
  /** A Slack member id for a contact written as an id or an e-mail address; null when Slack knows nobody. */
  async function memberId(client: webApi.WebClient, contact: string | null | undefined): Promise<string | null> {
    if (!contact) return null;
    if (isSlackUserId(contact)) return contact;
    if (!contact.includes('@')) return null;
    try {
      const found = await client.users.lookupByEmail({ email: contact });
      return found.user?.id ?? null;
    } catch {
      logger.warn('a reminder recipient named by e-mail is not a Slack member');
      return null;
    }
  }

  return {
    async remind(reminder, handoff) {
      const card = await port.cards.get(handoff.id);
      const client = await clientFor(card?.teamId);
      // The hub names the recipient when someone covers for the person the rung names (they are away).
      const recipient = reminder.recipient ?? reminderRecipient(reminder.notify, handoff, { departments: port.policy.departments, head_of_service: port.policy.handoff.head_of_service });
      const person = recipient.kind === 'person' ? await memberId(client, recipient.contact) : null;
      const department = port.policy.departments.find((d) => d.id === handoff.department);
      const channel = person ?? card?.channel ?? department?.slack_channel;
      if (!channel) throw new Error(`nobody to remind about ${handoff.id}: no Slack member and no channel`);
      const message = reminderMessage(reminder, handoff, port.policy, port.now());
      const options = { channel, text: message.text, blocks: message.blocks as never, unfurl_links: false };
      await client.chat.postMessage(card && channel === card.channel ? { ...options, thread_ts: card.ts, reply_broadcast: true } : options);
    },
    async tell(contact, text) {
      const client = await clientFor(null);
      const member = await memberId(client, contact);
      if (!member) return;
      // The text is core's summary of hand-off numbers and summaries staff typed: escaped, so it mentions nobody.
      await client.chat.postMessage({ channel: member, text: userText(text, slackLimits.sectionText), unfurl_links: false });
    },
    async spike(finding) {
      const client = await clientFor(null);
      const head = await memberId(client, port.policy.handoff.head_of_service);
      if (!head) return;
      const usual = finding.baselineMean === null ? 'no usual rate yet' : `usually ${finding.baselineMean.toFixed(1)} a week`;
      await client.chat.postMessage({
        channel: head,
        text: `:chart_with_upwards_trend: Questions about *${finding.topicId}* are up: ${finding.recent} recently (${usual}). ${finding.reason.message}`,
      });
    },
  };
}
