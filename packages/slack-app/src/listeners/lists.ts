/** `/handoffs`, `/handoffs H-1042`, and the App Home tab. */
import { openStates, unfinishedStates, type Handoff } from '@liaison/core';
import type { App } from '@slack/bolt';
import type { LiaisonHubPort } from '../port.js';
import type { StaffDirectory } from '../staff-directory.js';
import { describeSlackError } from '../slack-errors.js';
import { appHomeView, handoffDetailMessage, handoffListMessage, overdueFirst, type HandoffLists } from '../views/handoff-list.js';

/**
 * My hand-offs (sent or owned) that still ask something of someone — a returned one asks its
 * sender to decide — and my departments' queues of what they still owe, overdue first.
 */
export async function listsFor(port: LiaisonHubPort, userId: string, departments: readonly string[]): Promise<HandoffLists> {
  const now = port.now();
  const [owned, sent] = await Promise.all([
    port.listHandoffs({ owner: userId, states: [...unfinishedStates], limit: 100 }),
    port.listHandoffs({ sender: userId, states: [...unfinishedStates], limit: 100 }),
  ]);
  const mine = new Map<string, Handoff>();
  for (const handoff of [...owned, ...sent]) mine.set(handoff.id, handoff);
  const queues = await Promise.all(
    departments.map(async (department) => ({
      department,
      handoffs: overdueFirst(await port.listHandoffs({ departments: [department], states: [...openStates], limit: 200 }), now),
    })),
  );
  return { policy: port.policy, now, mine: overdueFirst([...mine.values()], now), queues };
}

/** `/handoffs H-1042`: the one hand-off asked for (its details are for staff only). */
export const handoffNumber = /^\s*(H-\d+)\s*$/i;

export function registerListListeners(app: App, port: LiaisonHubPort, directory: StaffDirectory): void {
  app.command('/handoffs', async ({ command, ack, respond, client }) => {
    await ack();
    const asked = handoffNumber.exec(command.text);
    if (asked) {
      const id = asked[1]!.toUpperCase();
      const handoff = await port.getHandoff(id);
      if (!handoff) {
        await respond({ response_type: 'ephemeral', text: `There is no hand-off ${id}.` });
        return;
      }
      await respond({ response_type: 'ephemeral', text: `${handoff.id}: ${handoff.summary}`, blocks: handoffDetailMessage(handoff, port.policy, port.now()) as never });
      // The detail carries the history (notes may name the patron) and the card's patron line.
      await port.recordPatronView(handoff, { id: command.user_id }, ['slack_detail.card', 'slack_detail.history']);
      return;
    }
    const lists = await listsFor(port, command.user_id, await directory.departmentsOf(client, command.user_id));
    await respond({ response_type: 'ephemeral', text: 'Your hand-offs and your departments’ queues', blocks: handoffListMessage(lists) as never });
  });

  app.event('app_home_opened', async ({ event, client, logger }) => {
    if (event.tab !== 'home') return;
    const lists = await listsFor(port, event.user, await directory.departmentsOf(client, event.user));
    try {
      await client.views.publish({ user_id: event.user, view: appHomeView({ ...lists, dashboardUrl: port.dashboardUrl }) as never });
    } catch (error) {
      logger.warn(`App Home not published: ${describeSlackError(error).code}`);
    }
  });

  // The dashboard button only opens a link; Slack still expects an acknowledgement.
  app.action('home.dashboard', async ({ ack }) => {
    await ack();
  });
}
