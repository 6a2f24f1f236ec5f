/**
 * Starting a hand-off: `/handoff <text>`, `/handoff @dept <text>`, and the "Hand off this message"
 * shortcut open the modal; its submission stores the hand-off and posts the department's card.
 * Every listener acknowledges Slack first and works after, and opens the modal at once, while the
 * trigger (valid for three seconds) is fresh.
 */
import type { App } from '@slack/bolt';
import type { CardPublisher } from '../card-publisher.js';
import type { LiaisonHubPort } from '../port.js';
import { HubRefusal } from '../port.js';
import { describeSlackError } from '../slack-errors.js';
import { formatLibraryTime } from '../views/due.js';
import { handoffModal, handoffModalCallback, readHandoffCommand, readHandoffForm, readOrigin, type ViewValues } from '../views/handoff-modal.js';
import { departmentName } from '../library.js';
import type { StaffDirectory } from '../staff-directory.js';

export const handoffShortcutCallback = 'handoff_message';

/** Resolves after the requests already received have had their turn (the event loop's next check phase). */
export const yieldToWaitingRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export function registerHandoffListeners(app: App, port: LiaisonHubPort, publisher: CardPublisher, directory: StaffDirectory): void {
  app.command('/handoff', async ({ command, ack, client, respond, logger }) => {
    const { department, question } = readHandoffCommand(command.text, port.policy);
    if (!question) {
      await ack({ response_type: 'ephemeral', text: 'Write the question after the command, e.g. `/handoff patron cannot open JSTOR off campus` or `/handoff @ill where is my loan?`' });
      return;
    }
    await ack();
    // Let acknowledgements already waiting go out before this request's work (a burst of commands).
    await yieldToWaitingRequests();
    const suggestion = department ? null : port.suggestRoute(question);
    const view = handoffModal({
      question,
      policy: port.policy,
      suggestion,
      department: department ?? suggestion!.department,
      origin: { via: 'command', channelId: command.channel_id },
    });
    try {
      await client.views.open({ trigger_id: command.trigger_id, view: view as never });
    } catch (error) {
      const problem = describeSlackError(error);
      logger.warn(`/handoff modal not opened: ${problem.code}`);
      await respond({ response_type: 'ephemeral', text: `The hand-off form did not open. ${problem.message}` });
    }
  });

  app.shortcut({ callback_id: handoffShortcutCallback, type: 'message_action' }, async ({ shortcut, ack, client, logger }) => {
    await ack();
    const question = shortcut.message.text?.trim() || '(the message had no text)';
    const suggestion = port.suggestRoute(question);
    const view = handoffModal({
      question,
      policy: port.policy,
      suggestion,
      department: suggestion.department,
      origin: { via: 'shortcut', channelId: shortcut.channel.id, messageTs: shortcut.message.ts },
    });
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: view as never });
    } catch (error) {
      const problem = describeSlackError(error);
      logger.warn(`shortcut modal not opened: ${problem.code}`);
      await client.chat.postMessage({ channel: shortcut.user.id, text: `The hand-off form did not open. ${problem.message}` }).catch(() => undefined);
    }
  });

  app.view(handoffModalCallback, async ({ ack, view, body, client, logger }) => {
    const read = readHandoffForm(view.state.values as ViewValues, port.policy);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const origin = readOrigin(view.private_metadata);
    const actor = await directory.actorFor(client, body.user);
    const teamId = body.team?.id ?? null;
    let slackPermalink: string | undefined;
    if (origin.via === 'shortcut' && origin.channelId && origin.messageTs) {
      const link = await client.chat.getPermalink({ channel: origin.channelId, message_ts: origin.messageTs }).catch(() => null);
      slackPermalink = link?.permalink;
    }
    let created;
    try {
      // One modal makes one hand-off: a redelivered submission carries the same view id.
      created = await port.createHandoff(
        { ...read.form, links: { ...read.form.links, ...(slackPermalink && { slackPermalink }) } },
        actor,
        `slack:${teamId ?? 'workspace'}:${view.id}`,
      );
    } catch (error) {
      const reason = error instanceof HubRefusal ? error.message : 'the hub could not save it just now';
      logger.error(`hand-off not stored: ${(error as Error).message}`);
      // Give the words back so nothing typed is lost.
      await client.chat
        .postMessage({ channel: body.user.id, text: `Your hand-off was not sent: ${reason}. Here is what you wrote, to try again:\n>${read.form.question}` })
        .catch(() => undefined);
      return;
    }
    const { handoff, isReplay } = created;
    // A redelivered submission (Slack retries, a double click) made nothing new: post and send nothing new.
    if (isReplay) return;
    const outcome = await publisher.published(client, handoff, teamId);
    const department = departmentName(port.policy, handoff.department);
    const due = formatLibraryTime(handoff.dueAt, port.policy.library.time_zone);
    const text = outcome.problem
      ? `*${handoff.id}* is saved for ${department} (due ${due}), but its card was not posted: ${outcome.problem.message}`
      : `*${handoff.id}* went to ${department}${outcome.channel ? ` in <#${outcome.channel}>` : ''}, due ${due}. You will hear here when it is accepted, returned or resolved.`;
    await client.chat.postMessage({ channel: body.user.id, text }).catch((error: unknown) => {
      logger.warn(`confirmation not sent: ${describeSlackError(error).code}`);
    });
  });
}
