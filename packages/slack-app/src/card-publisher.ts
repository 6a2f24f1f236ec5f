/**
 * Keeps each hand-off's channel card true: posts it when the hand-off is new, updates it in place
 * on every event, adds a line to its thread, and tells the sender when it is accepted, returned or
 * resolved. A card that cannot be posted (the channel is gone, Liaison was not invited) never
 * loses the hand-off: it is already stored, the sender is told in plain words, and the card is
 * posted on the next event once the channel is fixed.
 */
import { redactForSlackCard, type Handoff, type HandoffEvent } from '@liaison/core';
import type { webApi } from '@slack/bolt';
import { departmentName, isSlackUserId } from './library.js';
import type { LiaisonHubPort } from './port.js';
import { describeSlackError, type SlackProblem } from './slack-errors.js';
import { cardText, eventLine, handoffCard, senderUpdate } from './views/handoff-card.js';

type WebClient = webApi.WebClient;

export interface PublishOutcome {
  /** Where the card is now, or null when it could not be posted. */
  channel: string | null;
  problem: SlackProblem | null;
}

export interface CardPublisher {
  /** Posts (or, for a replayed delivery, updates) the card of a hand-off and its first thread line. */
  published(client: WebClient, handoff: Handoff, teamId: string | null): Promise<PublishOutcome>;
  /** After an event: updates the card in place, adds the thread line, and tells the sender when it matters. */
  changed(client: WebClient, handoff: Handoff, teamId: string | null): Promise<PublishOutcome>;
}

export interface PublisherLogger {
  warn(...message: unknown[]): void;
}

export function createCardPublisher(port: LiaisonHubPort, logger: PublisherLogger): CardPublisher {
  const channelOf = (department: string) => port.policy.departments.find((d) => d.id === department)?.slack_channel ?? null;

  async function postCard(client: WebClient, handoff: Handoff, teamId: string | null): Promise<PublishOutcome> {
    const channel = channelOf(handoff.department);
    if (!channel) return { channel: null, problem: { code: 'no_channel', message: `The policy file names no Slack channel for ${handoff.department}.` } };
    try {
      const posted = await client.chat.postMessage({
        channel,
        text: cardText(handoff, port.policy),
        blocks: handoffCard(handoff, { policy: port.policy, now: port.now() }) as never,
        unfurl_links: false,
      });
      // Slack answers with the channel's id; chat.update needs the id, not "#name".
      const location = { teamId, channel: String(posted.channel ?? channel), ts: String(posted.ts) };
      await port.cards.save(handoff.id, location);
      // Everyone in the channel now sees whatever of the patron the policy lets a card show.
      const shown = redactForSlackCard(handoff.patron ?? null, port.policy.privacy).shownFields;
      if (shown.includes('identity')) await port.recordPatronView(handoff, { id: `slack-channel:${location.channel}` }, shown.map((field) => `slack_card.${field}`));
      await threadLines(client, location.channel, location.ts, handoff.history);
      return { channel: location.channel, problem: null };
    } catch (error) {
      const problem = describeSlackError(error, channel);
      logger.warn(`card for ${handoff.id} not posted in ${channel}: ${problem.code}`);
      return { channel: null, problem };
    }
  }

  async function threadLines(client: WebClient, channel: string, ts: string, events: HandoffEvent[]): Promise<void> {
    for (const event of events) {
      await client.chat.postMessage({ channel, thread_ts: ts, text: eventLine(event, port.policy), unfurl_links: false });
    }
  }

  async function tellSender(client: WebClient, handoff: Handoff, event: HandoffEvent): Promise<void> {
    if (!isSlackUserId(handoff.sender.id) || event.actor.id === handoff.sender.id) return;
    const statusLink = event.type === 'resolved' ? await port.statusLink(handoff) : null;
    const text = senderUpdate(handoff, event, port.policy, statusLink);
    if (!text) return;
    try {
      // A user id as the channel is the app's direct-message conversation with that person.
      await client.chat.postMessage({ channel: handoff.sender.id, text, unfurl_links: false });
    } catch (error) {
      logger.warn(`direct message about ${handoff.id} not sent: ${describeSlackError(error).code}`);
    }
  }

  return {
    async published(client, handoff, teamId) {
      const existing = await port.cards.get(handoff.id);
      if (existing) return updateCard(client, handoff, existing.channel, existing.ts);
      return postCard(client, handoff, teamId);
    },
    async changed(client, handoff, teamId) {
      const event = handoff.history[handoff.history.length - 1];
      const existing = await port.cards.get(handoff.id);
      let outcome: PublishOutcome;
      if (!existing) {
        outcome = await postCard(client, handoff, teamId);
      } else {
        outcome = await updateCard(client, handoff, existing.channel, existing.ts);
        if (event && !outcome.problem) {
          await client.chat.postMessage({ channel: existing.channel, thread_ts: existing.ts, text: eventLine(event, port.policy), unfurl_links: false }).catch((error: unknown) => {
            logger.warn(`thread line for ${handoff.id} not posted: ${describeSlackError(error).code}`);
          });
        }
        // The card follows the hand-off: a reassigned one gets a new card in its new department's channel.
        if (event?.type === 'reassigned' && channelOf(handoff.department) !== null) {
          outcome = await postCard(client, handoff, existing.teamId ?? teamId);
        }
      }
      if (event) await tellSender(client, handoff, event);
      return outcome;
    },
  };

  async function updateCard(client: WebClient, handoff: Handoff, channel: string, ts: string): Promise<PublishOutcome> {
    try {
      await client.chat.update({
        channel,
        ts,
        text: cardText(handoff, port.policy),
        blocks: handoffCard(handoff, { policy: port.policy, now: port.now() }) as never,
      });
      return { channel, problem: null };
    } catch (error) {
      const problem = describeSlackError(error, departmentName(port.policy, handoff.department));
      logger.warn(`card for ${handoff.id} not updated: ${problem.code}`);
      return { channel, problem };
    }
  }
}
