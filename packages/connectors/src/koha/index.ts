/** Koha as the policy file configures it: patrons through the staff REST API (/api/v1). */
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createKohaClient } from './client.js';
import { kohaHoldings } from './holdings.js';
import { kohaPatrons } from './patrons.js';
import { kohaPatronsSchema } from './schemas.js';
import { kohaSecretVariables, kohaSettingsSchema, type KohaSettings } from './settings.js';

export { kohaSettingsSchema, type KohaSettings } from './settings.js';
export { createKohaClient, type KohaClient } from './client.js';
export { kohaPatrons, kohaPatronQuery } from './patrons.js';
export { kohaHoldings, kohaBiblioQuery } from './holdings.js';

export const kohaSystem: SystemDefinition<KohaSettings> = {
  type: 'koha',
  schema: kohaSettingsSchema,
  build(settings, context, issues) {
    const [idVariable, secretVariable] = kohaSecretVariables(settings);
    const idField = settings.auth === 'basic' ? 'username_env' : 'client_id_env';
    const secretField = settings.auth === 'basic' ? 'password_env' : 'client_secret_env';
    const id = secretFrom(context, idField, idVariable, issues);
    const secret = secretFrom(context, secretField, secretVariable, issues);
    const koha = createKohaClient(settings, { id, secret }, { now: context.now, http: context.http });
    return {
      name: context.name,
      system: 'Koha',
      patrons: kohaPatrons(koha, { currency: settings.currency, now: context.now, illRequests: settings.ill_requests }),
      holdings: kohaHoldings(koha, { now: context.now }),
      matchBy: settings.match_by,
      // The secret is the likelier culprit, so it is named first.
      secretVariables: [secretVariable, idVariable],
      describe: () => `Koha REST API at ${settings.base_url}/api/v1 (${settings.auth === 'oauth' ? 'OAuth2 client credentials' : 'basic authentication'})`,
      async check({ signal } = {}) {
        const patrons = await koha.get('GET /patrons', '/patrons', { params: { _per_page: 1 }, schema: kohaPatronsSchema, signal });
        return `${patrons.length} patron found for a test query`;
      },
    };
  },
};
