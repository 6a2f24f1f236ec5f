/** FOLIO as the policy file configures it: patrons (mod-users, mod-circulation, mod-feesfines, mod-patron-blocks) and holdings (mod-search). */
import { z } from 'zod';
import { probeAccess, probeUuid, type AccessProbe } from '../access.js';
import { secretFrom } from '../settings.js';
import type { SystemDefinition } from '../system.js';
import { createFolioClient } from './client.js';
import { folioHoldings } from './holdings.js';
import { folioPatrons } from './patrons.js';
import { folioSettingsSchema, type FolioSettings } from './settings.js';
import { usersSchema } from './schemas.js';
import type { FolioClient } from './client.js';

/** One call per FOLIO API the connector reads, each on a record no one has (a 404 there means allowed). */
function folioProbes(folio: FolioClient): AccessProbe[] {
  const none = `id==${JSON.stringify(probeUuid)}`;
  const read = (reads: string, call: string, path: string, params?: Record<string, string | number>): AccessProbe => ({
    reads,
    call,
    run: (signal) => folio.get(call, path, { ...(params ? { params } : {}), schema: z.unknown(), signal }),
  });
  return [
    read('patrons', 'GET /users', '/users', { query: none, limit: 0 }),
    read('patron groups', 'GET /groups/{id}', `/groups/${probeUuid}`),
    read('departments (the affiliation)', 'GET /departments', '/departments', { query: none, limit: 0 }),
    read('loans', 'GET /circulation/loans', '/circulation/loans', { query: none, limit: 0 }),
    read('requests', 'GET /circulation/requests', '/circulation/requests', { query: none, limit: 0 }),
    read('fees and fines', 'GET /accounts', '/accounts', { query: none, limit: 0 }),
    read('manual blocks', 'GET /manualblocks', '/manualblocks', { query: none, limit: 0 }),
    read('automated blocks', 'GET /automated-patron-blocks/{id}', `/automated-patron-blocks/${probeUuid}`),
    read('holdings (inventory search)', 'GET /search/instances', '/search/instances', { query: none, limit: 0 }),
  ];
}

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
      checkAccess: ({ signal } = {}) =>
        probeAccess(
          folioProbes(folio),
          {
            grant: (permissions) =>
              `give ${settings.username_env}'s FOLIO user the permission ${permissions.join(' or ')} (Settings › Users › Permission sets, or Users › the user › User permissions)`,
            forbidden: `give ${settings.username_env}'s FOLIO user the permissions to read this (Users › the user › User permissions)`,
          },
          signal ? { signal } : {},
        ),
    };
  },
};
