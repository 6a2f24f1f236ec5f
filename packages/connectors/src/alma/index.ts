/** Alma as the policy file configures it: patrons through the Users API. */
import { createHttpClient } from '../http.js';
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createAlmaClient } from './client.js';
import { almaHoldings } from './holdings.js';
import { almaPatrons } from './patrons.js';
import { almaUserListSchema } from './schemas.js';
import { almaSettingsSchema, type AlmaSettings } from './settings.js';

export { almaSettingsSchema, type AlmaSettings } from './settings.js';
export { createAlmaClient } from './client.js';
export { almaPatrons, almaUserQuery } from './patrons.js';
export { almaHoldings, almaSruQuery } from './holdings.js';

export const almaSystem: SystemDefinition<AlmaSettings> = {
  type: 'alma',
  schema: almaSettingsSchema,
  build(settings, context, issues) {
    const apiKey = secretFrom(context, 'api_key_env', settings.api_key_env, issues);
    const alma = createAlmaClient(settings, apiKey, { now: context.now, http: context.http });
    return {
      name: context.name,
      system: 'Alma',
      patrons: almaPatrons(alma, { now: context.now }),
      ...(settings.sru_url
        ? {
            holdings: almaHoldings(
              createHttpClient({ system: 'Alma', baseURL: settings.sru_url, timeoutMs: settings.timeout_ms, now: context.now, ...context.http }),
              { now: context.now },
            ),
          }
        : {}),
      matchBy: settings.match_by,
      secretVariables: [settings.api_key_env],
      describe: () => `Alma Users API at ${settings.base_url}`,
      async check({ signal } = {}) {
        const list = await alma.get('GET /users', '/users', { params: { limit: 1, offset: 0 }, schema: almaUserListSchema, signal });
        return `${list.total_record_count} users found for a test query`;
      },
    };
  },
};
