/**
 * Reminders, escalations and insight spikes from the hub's scheduler, as Slack messages. A
 * reminder reaches the person its rung names (the owner, the department's lead, the head of
 * service) by direct message, with the card's buttons; when nobody is named, the department's
 * channel. A failure is thrown so the scheduler keeps the reminder and tries again.
 */
import type { Handoff } from '@liaison/core';
import type { webApi } from '@slack/bolt';
import { isSlackUserId } from './library.js';
import type { LiaisonHubPort } from './port.js';
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
}

export interface NotifierDeps {
  port: LiaisonHubPort;
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

  function contactFor(reminder: ReminderNotice, handoff: Handoff): string | null | undefined {
    const department = port.policy.departments.find((d) => d.id === handoff.department);
    switch (reminder.notify) {
      case 'owner':
        return handoff.owner;
      case 'department_lead':
        return department?.lead;
      case 'head_of_service':
        return port.policy.handoff.head_of_service;
      default:
        return null;
    }
  }

  return {
    async remind(reminder, handoff) {
      const card = await port.cards.get(handoff.id);
      const client = await clientFor(card?.teamId);
      const person = await memberId(client, contactFor(reminder, handoff));
      const department = port.policy.departments.find((d) => d.id === handoff.department);
      const channel = person ?? card?.channel ?? department?.slack_channel;
      if (!channel) throw new Error(`nobody to remind about ${handoff.id}: no Slack member and no channel`);
      const message = reminderMessage(reminder, handoff, port.policy, port.now());
      const options = { channel, text: message.text, blocks: message.blocks as never, unfurl_links: false };
      await client.chat.postMessage(card && channel === card.channel ? { ...options, thread_ts: card.ts, reply_broadcast: true } : options);
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
