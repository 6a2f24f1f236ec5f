/** `/ill <ISBN or title>`: the purchase-on-demand verdict and its reasons for one title. */
import type { App } from '@slack/bolt';
import type { LiaisonHubPort } from '../port.js';
import { purchaseVerdictMessage } from '../views/purchase-verdict.js';
import type { StaffDirectory } from '../staff-directory.js';

export function registerIllListener(app: App, port: LiaisonHubPort, directory: StaffDirectory): void {
  app.command('/ill', async ({ command, ack, respond, client, logger }) => {
    const query = command.text.trim();
    if (!query) {
      await ack({ response_type: 'ephemeral', text: 'Write an ISBN or a title after the command, e.g. `/ill 9780262046305`.' });
      return;
    }
    await ack();
    try {
      const result = await port.evaluateTitle(query, await directory.actorFor(client, { id: command.user_id, name: command.user_name }));
      await respond({ response_type: 'ephemeral', text: `Buy or borrow: ${result.evaluation.verdict.toUpperCase()}`, blocks: purchaseVerdictMessage({ query, ...result }) as never });
    } catch (error) {
      logger.error(`/ill failed: ${(error as Error).message}`);
      await respond({ response_type: 'ephemeral', text: 'The verdict could not be worked out just now; please try again in a minute.' });
    }
  });
}
