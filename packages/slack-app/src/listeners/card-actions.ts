/**
 * The card's buttons. Accept acts at once; the others open a small modal for the words the event
 * needs (a resolution, a reason, a department). Refusals (someone else already accepted it) are
 * told to the person who clicked, privately, in the hub's own words.
 */
import type { Handoff, HandoffEventInput } from '@liaison/core';
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { CardPublisher } from '../card-publisher.js';
import { HubRefusal, type LiaisonHubPort } from '../port.js';
import { describeSlackError } from '../slack-errors.js';
import { eventModal, eventModalCallback, readEventMetadata, readEventModal, type WordedEvent } from '../views/event-modal.js';
import { cardActions } from '../views/handoff-card.js';
import type { ViewValues } from '../views/handoff-modal.js';
import type { Actor } from '@liaison/core';
import type { StaffDirectory } from '../staff-directory.js';

const wordedActions: Record<string, WordedEvent> = {
  [cardActions.reassign]: 'reassigned',
  [cardActions.askForInformation]: 'info_requested',
  [cardActions.waitingOnVendor]: 'waiting_on_vendor',
  [cardActions.resolve]: 'resolved',
  [cardActions.returnToSender]: 'returned',
};

/** Applies an event through the hub; a refusal becomes a private message, anything else is logged and told plainly. */
async function applyOrExplain(
  port: LiaisonHubPort,
  handoffId: string,
  event: HandoffEventInput,
  actor: Actor,
  tell: (text: string) => Promise<unknown>,
): Promise<Handoff | null> {
  try {
    return await port.applyEvent(handoffId, event, actor);
  } catch (error) {
    await tell(error instanceof HubRefusal ? error.message : `${handoffId} could not be changed just now; please try again.`).catch(() => undefined);
    return null;
  }
}

export function registerCardActions(app: App, port: LiaisonHubPort, publisher: CardPublisher, directory: StaffDirectory): void {
  const privately = (respond: RespondFn) => (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });

  app.action<BlockAction<ButtonAction>>(cardActions.accept, async ({ ack, action, body, client, respond }) => {
    await ack();
    const handoff = await applyOrExplain(port, action.value ?? '', { type: 'accepted' }, await directory.actorFor(client, body.user), privately(respond));
    if (handoff) await publisher.changed(client, handoff, body.team?.id ?? null);
  });

  for (const [actionId, event] of Object.entries(wordedActions)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, client, respond, logger }) => {
      await ack();
      const handoff = await port.getHandoff(action.value ?? '');
      if (!handoff) {
        await privately(respond)(`There is no hand-off ${action.value ?? ''} any more.`);
        return;
      }
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: eventModal(event, handoff, port.policy) as never });
      } catch (error) {
        const problem = describeSlackError(error);
        logger.warn(`event modal not opened: ${problem.code}`);
        await privately(respond)(`The form did not open. ${problem.message}`).catch(() => undefined);
      }
    });
  }

  app.view(eventModalCallback, async ({ ack, view, body, client }) => {
    const metadata = readEventMetadata(view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const read = readEventModal(metadata.event, view.state.values as ViewValues, metadata.department);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const tell = (text: string) => client.chat.postMessage({ channel: body.user.id, text });
    const handoff = await applyOrExplain(port, metadata.handoffId, read.event, await directory.actorFor(client, body.user), tell);
    if (handoff) await publisher.changed(client, handoff, body.team?.id ?? null);
  });
}
