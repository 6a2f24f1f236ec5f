import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { patronAuditKey, patronAuditKeys, LiaisonError } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { staffRoles } from '../auth.js';
import { parseInput } from '../http-error.js';
import { gatherPatronContext } from '../patron-context.js';
import { parseExpiresIn } from '../staff-tokens.js';

const newToken = z
  .object({
    name: z.string().trim().min(1, 'say who or what the token is for').max(200),
    role: z.enum(staffRoles).default('staff'),
    expiresIn: z.string().max(40).optional(),
  })
  .strict();

const auditQuery = z
  .object({
    patron: z.string().trim().min(1, 'name the patron by e-mail or barcode').max(320),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();

/**
 * The patron's keys in the audit log: the e-mail (lower-cased) and barcode the library's systems
 * know for whoever `asked` names, so a question by barcode finds views filed under the e-mail and
 * the other way round. When no system answers, the key of what was asked.
 */
export async function auditKeysFor(hub: HubContext, asked: string): Promise<string[]> {
  const by = asked.includes('@') ? { email: asked } : { barcode: asked };
  const keys = new Set(patronAuditKeys(by));
  const found = await gatherPatronContext(hub, by).catch(() => null);
  if (found?.kind === 'found') for (const key of patronAuditKeys(found.context.identity)) keys.add(key);
  return [...keys];
}

/** Administration: staff tokens and the audit log's answer to "who looked at this patron". Admin role only. */
export function registerAdminRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/admin/tokens', async (request) => {
    hub.requireRole(request, 'admin');
    return { tokens: await hub.staffTokens.list() };
  });

  app.post('/api/v1/admin/tokens', async (request, reply) => {
    hub.requireRole(request, 'admin');
    const input = parseInput(newToken, request.body, 'token');
    let expiresInMs: number | undefined;
    if (input.expiresIn !== undefined) {
      const parsed = parseExpiresIn(input.expiresIn);
      if (!parsed.ok) throw new LiaisonError('invalid_request', `expiresIn: ${parsed.message}.`, [{ path: ['expiresIn'], message: parsed.message }]);
      expiresInMs = parsed.milliseconds;
    }
    const created = await hub.staffTokens.create({ name: input.name, role: input.role, ...(expiresInMs !== undefined && { expiresInMs }) });
    reply.code(201);
    return created;
  });

  app.delete<{ Params: { id: string } }>('/api/v1/admin/tokens/:id', async (request) => {
    hub.requireRole(request, 'admin');
    const revoked = await hub.staffTokens.revoke(request.params.id);
    if (!revoked) throw new LiaisonError('token_not_found', `There is no token ${request.params.id}; \`liaison token list\` shows their ids.`);
    return { token: revoked };
  });

  app.get('/api/v1/admin/audit', async (request) => {
    hub.requireRole(request, 'admin');
    const query = parseInput(auditQuery, request.query, 'query');
    const keys = await auditKeysFor(hub, query.patron);
    const views = await hub.store.audit.listByPatron(keys, query.limit ?? 200);
    return { patron: patronAuditKey(query.patron.includes('@') ? { email: query.patron } : { barcode: query.patron }), keys, views };
  });
}
