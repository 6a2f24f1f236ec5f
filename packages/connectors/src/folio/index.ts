/** FOLIO as the policy file configures it: patrons (mod-users, mod-circulation, mod-feesfines, mod-patron-blocks) and holdings (mod-search). */
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createFolioClient } from './client.js';
import { folioHoldings } from './holdings.js';
import { folioPatrons } from './patrons.js';
import { folioSettingsSchema, type FolioSettings } from './settings.js';
import { usersSchema } from './schemas.js';

export { folioSettingsSchema, type FolioSettings } from './settings.js';
export { createFolioClient, type FolioClient } from './client.js';
export { folioPatrons, folioUserQuery } from './patrons.js';
export { folioHoldings, folioInstanceQuery } from './holdings.js';

export const folioSystem: SystemDefinition<FolioSettings> = {
  type: 'folio',
  schema: folioSettingsSchema,
  build(settings, context, issues) {
    const username = secretFrom(context, 'username_env', settings.username_env, issues);
    const password = secretFrom(context, 'password_env', settings.password_env, issues);
    const folio = createFolioClient(settings, { username, password }, { now: context.now, http: context.http });
    return {
      name: context.name,
      system: 'FOLIO',
      patrons: folioPatrons(folio, { currency: settings.currency, now: context.now }),
      holdings: folioHoldings(folio, { now: context.now }),
      matchBy: settings.match_by,
      secretVariables: [settings.username_env, settings.password_env],
      describe: () => `FOLIO at ${settings.base_url} (tenant ${settings.tenant})`,
      async check({ signal } = {}) {
        const answer = await folio.get('GET /users', '/users', { params: { query: 'cql.allRecords=1', limit: 1 }, schema: usersSchema, signal });
        return `${answer.totalRecords} users found for a test query`;
      },
    };
  },
};
