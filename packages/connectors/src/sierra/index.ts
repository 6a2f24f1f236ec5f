/** Sierra as the policy file configures it: patrons through the Sierra REST API v6. */
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createSierraClient } from './client.js';
import { sierraHoldings } from './holdings.js';
import { sierraPatrons } from './patrons.js';
import { sierraBibsSchema } from './schemas.js';
import { sierraSettingsSchema, type SierraSettings } from './settings.js';

export { sierraSettingsSchema, type SierraSettings } from './settings.js';
export { createSierraClient, recordIdOf, type SierraClient } from './client.js';
export { sierraPatrons } from './patrons.js';
export { sierraHoldings, sierraIsbnQuery } from './holdings.js';

export const sierraSystem: SystemDefinition<SierraSettings> = {
  type: 'sierra',
  schema: sierraSettingsSchema,
  build(settings, context, issues) {
    const key = secretFrom(context, 'client_key_env', settings.client_key_env, issues);
    const secret = secretFrom(context, 'client_secret_env', settings.client_secret_env, issues);
    const sierra = createSierraClient(settings, { key, secret }, { now: context.now, http: context.http });
    return {
      name: context.name,
      system: 'Sierra',
      patrons: sierraPatrons(sierra, settings, { now: context.now }),
      holdings: sierraHoldings(sierra, { now: context.now }),
      matchBy: settings.match_by,
      secretVariables: [settings.client_secret_env, settings.client_key_env],
      describe: () => `Sierra REST API at ${settings.base_url}/v6`,
      async check({ signal } = {}) {
        const bibs = await sierra.get('GET /bibs', '/bibs', { params: { limit: 1, fields: 'id' }, schema: sierraBibsSchema, signal });
        return `${bibs.entries.length} bib record read for a test query`;
      },
    };
  },
};
