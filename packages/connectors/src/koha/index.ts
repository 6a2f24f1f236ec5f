/** Koha as the policy file configures it: patrons through the staff REST API (/api/v1). */
import { z } from 'zod';
import { probeAccess, type AccessProbe } from '../access.js';
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createKohaClient } from './client.js';
import { kohaHoldings } from './holdings.js';
import { kohaIllRequests } from './ill-requests.js';
import { kohaPatrons } from './patrons.js';
import { kohaPatronsSchema } from './schemas.js';
import { kohaSecretVariables, kohaSettingsSchema, type KohaSettings } from './settings.js';
import type { KohaClient } from './client.js';

// A patron id no library has: Koha checks permissions before it looks the patron up, so 404 means allowed.
const probePatronId = 0;

/** One call per Koha endpoint the connector reads. */
function kohaProbes(koha: KohaClient, settings: KohaSettings): AccessProbe[] {
  const read = (reads: string, call: string, path: string, params: Record<string, string | number>, headers?: Record<string, string>): AccessProbe => ({
    reads,
    call,
    run: (signal) => koha.get(call, path, { params, schema: z.unknown(), signal, ...(headers ? { headers } : {}) }),
  });
  return [
    read('patrons', 'GET /patrons', '/patrons', { _per_page: 1 }),
    read('checkouts', 'GET /patrons/{id}/checkouts', `/patrons/${probePatronId}/checkouts`, { _per_page: 1 }),
    read('holds', 'GET /holds', '/holds', { patron_id: probePatronId, _per_page: 1 }),
    read('fines (the patron account)', 'GET /patrons/{id}/account', `/patrons/${probePatronId}/account`, {}),
    read('titles and holdings (the catalogue)', 'GET /biblios', '/biblios', { _per_page: 1 }, { Accept: 'application/json' }),
    ...(settings.ill_requests
      ? [
          {
            ...read('ILL requests', 'GET /ill/requests', '/ill/requests', { _per_page: 1 }),
            notFoundMeans: 'turn on the ILLModule system preference (Koha 23.11 or later), or set ill_requests: false for this system',
          },
        ]
      : []),
  ];
}

export { kohaSettingsSchema, type KohaSettings } from './settings.js';
export { createKohaClient, type KohaClient } from './client.js';
export { kohaPatrons, kohaPatronQuery } from './patrons.js';
export { kohaHoldings, kohaBiblioQuery } from './holdings.js';
export { kohaIllRequests } from './ill-requests.js';

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
      patrons: kohaPatrons(koha, { currency: settings.currency, now: context.now, illRequests: settings.ill_requests, patronTypes: settings.patron_types }),
      holdings: kohaHoldings(koha, { now: context.now }),
      // Named in the policy's `ill` list, Koha is where the hub looks up a request its pages show in part.
      ...(settings.ill_requests ? { illRequests: kohaIllRequests(koha) } : {}),
      matchBy: settings.match_by,
      // The secret is the likelier culprit, so it is named first.
      secretVariables: [secretVariable, idVariable],
      describe: () => `Koha REST API at ${settings.base_url}/api/v1 (${settings.auth === 'oauth' ? 'OAuth2 client credentials' : 'basic authentication'})`,
      async check({ signal } = {}) {
        const patrons = await koha.get('GET /patrons', '/patrons', { params: { _per_page: 1 }, schema: kohaPatronsSchema, signal });
        return `${patrons.length} patron found for a test query`;
      },
      checkAccess: ({ signal } = {}) =>
        probeAccess(
          kohaProbes(koha, settings),
          {
            grant: (permissions) =>
              `in Koha, open the API user's patron record › More › Set permissions and tick ${permissions.join(' or ')}`,
            forbidden: "give the API user the permission Koha's API documentation names for this endpoint (More › Set permissions)",
          },
          signal ? { signal } : {},
        ),
    };
  },
};
