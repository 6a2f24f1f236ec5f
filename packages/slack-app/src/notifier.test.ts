/**
 * The notifier: who each rung of the escalation ladder reaches in Slack, with core's words.
 * msw stands in for Slack's Web API; the messages it receives are checked against Block Kit.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { remindersDue, type EscalationRecipient, type Handoff } from '@liaison/core';
import { createSlackNotifier } from './notifier.js';
import { blockKit } from './test-support/block-kit.js';
import { testHandoff, testPolicy } from './test-support/policy.js';
import type { CardLocation } from './port.js';

const posted: Record<string, unknown>[] = [];
const slackApi = setupServer(
  http.post('https://slack.com/api/chat.postMessage', async ({ request }) => {
    const args = Object.fromEntries(new URLSearchParams(await request.text()));
    posted.push({ ...args, blocks: JSON.parse(String(args.blocks)) });
    return HttpResponse.json({ ok: true, channel: String(args.channel), ts: '1700000000.000100' });
  }),
);
beforeAll(() => slackApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  posted.length = 0;
});
afterAll(() => slackApi.close());

const policy = testPolicy();
const card: CardLocation = { teamId: 'T024NORTH', channel: 'C024ERES', ts: '1699999999.000001' };

function notifier(cardOf: CardLocation | null = card) {
  return createSlackNotifier({
    port: { policy, now: () => new Date('2026-10-13T18:00:00.000Z'), cards: { get: async () => cardOf, save: async () => undefined } },
    clientFor: async () => new webApi.WebClient('xoxb-test-token', { retryConfig: { retries: 0 } }),
    logger: { warn: () => undefined },
  });
}

/** Core's reminder for one rung of `handoff`, reached at 75% of its 4 opening hours. */
function reminderFor(handoff: Handoff, notify: EscalationRecipient) {
  const [reminder] = remindersDue([handoff], [{ at: 75, notify }], new Date('2026-10-13T18:00:00.000Z'), policy.library);
  return reminder!;
}

describe('reminders reach whom the rung names', () => {
  const owned = testHandoff({ state: 'accepted', owner: 'U024ERM0001' });
  it.each([
    ['owner', owned, 'U024ERM0001'],
    // `notify: sender` once went to the department's channel: the sender is told directly.
    ['sender', owned, 'U024REF0001'],
    ['department_lead', owned, 'U024ERMLEAD'],
    ['head_of_service', owned, 'U024HEAD'],
    // Nobody owns it yet: the department's channel, in the card's thread.
    ['owner', testHandoff(), 'C024ERES'],
    ['department_channel', owned, 'C024ERES'],
  ] as const)('%s of %#', async (notify, handoff, channel) => {
    const reminder = reminderFor(handoff, notify);
    await notifier().remind(reminder, handoff);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channel, text: `:alarm_clock: ${reminder.message}` });
    if (channel === card.channel) expect(posted[0]).toMatchObject({ thread_ts: card.ts });
    if (blockKit) expect(blockKit(posted[0]!.blocks)).toEqual([]);
  });

  it('goes to the policy\'s channel for the department when there is no card yet', async () => {
    const handoff = testHandoff();
    await notifier(null).remind(reminderFor(handoff, 'department_channel'), handoff);
    expect(posted[0]).toMatchObject({ channel: '#e-resources' });
  });
});
