/** ILLiad as the policy file configures it: the patron's ILL side and borrowing requests by number. */
import { isConnectorError } from '../errors.js';
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createIlliadClient } from './client.js';
import { illiadPatrons } from './patrons.js';
import { illiadTransactionsSchema } from './schemas.js';
import { illiadSettingsSchema, type IlliadSettings } from './settings.js';
import { illiadRequests } from './transactions.js';

export { illiadSettingsSchema, type IlliadSettings } from './settings.js';
export { createIlliadClient } from './client.js';
export { illiadPatrons } from './patrons.js';
export { illiadRequests } from './transactions.js';

export const illiadSystem: SystemDefinition<IlliadSettings> = {
  type: 'illiad',
  schema: illiadSettingsSchema,
  build(settings, context, issues) {
    const apiKey = secretFrom(context, 'api_key_env', settings.api_key_env, issues);
    const illiad = createIlliadClient(settings, apiKey, { now: context.now, http: context.http });
    return {
      name: context.name,
      system: 'ILLiad',
      // ILLiad keeps no money; the ILS's currency wins in a merged context.
      patrons: illiadPatrons(illiad, { currency: 'USD' }),
      illRequests: illiadRequests(illiad),
      matchBy: settings.match_by,
      secretVariables: [settings.api_key_env],
      describe: () => `ILLiad Web Platform at ${settings.base_url} (patrons matched by ${settings.match_by})`,
      async check({ signal } = {}) {
        // A user name no library gives: the key is checked, and the answer is an empty list.
        try {
          const requests = await illiad.get('GET /Transaction/UserRequests/{username}', '/Transaction/UserRequests/liaison-connection-check', {
            params: { $top: 1 },
            schema: illiadTransactionsSchema,
            signal,
          });
          return `${requests.length} requests found for a test user`;
        } catch (error) {
          // Some releases answer 404 for a user they do not have: the key was still accepted.
          if (isConnectorError(error, 'connector_not_found')) return 'key accepted; the test user is unknown, as expected';
          throw error;
        }
      },
    };
  },
};
