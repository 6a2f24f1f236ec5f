import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { staffRoles, type StaffRole } from '../hub/auth.js';
import { parseExpiresIn } from '../hub/staff-tokens.js';
import { withAdminAccess } from './admin-access.js';

export const tokenCreateCommand: Command = {
  usage: [
    'Usage: liaison token create --name NAME [--role staff|coordinator|admin] [--expires-in 90d] [--data-dir DIR]',
    '',
    'Prints a new token once; the store keeps only its hash, so copy it now.',
    'staff: hand-offs, patron context, buy-or-borrow. coordinator: also quality summaries and calibration.',
    'admin: everything, including tokens and the audit log.',
    '--expires-in: the token stops working after so many minutes, hours or days (30m, 12h, 90d);',
    'without it, it works until `liaison token revoke ID`.',
    'While the hub runs on the embedded store, the token is made by the running hub.',
  ].join('\n'),
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { name: { type: 'string' }, role: { type: 'string' }, 'expires-in': { type: 'string' }, 'data-dir': { type: 'string' } },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`liaison token create: ${(error as Error).message}\n\n${tokenCreateCommand.usage}\n`);
      return 1;
    }
    if (!values.name?.trim()) {
      io.stderr.write('liaison token create: say who or what the token is for, e.g. --name "ILL office extension"\n');
      return 1;
    }
    const role = (values.role ?? 'staff') as StaffRole;
    if (!staffRoles.includes(role)) {
      io.stderr.write(`liaison token create: --role must be one of ${staffRoles.join(', ')}, not "${values.role}".\n`);
      return 1;
    }
    let expiresInMs: number | undefined;
    if (values['expires-in'] !== undefined) {
      const parsed = parseExpiresIn(values['expires-in']);
      if (!parsed.ok) {
        io.stderr.write(`liaison token create: --expires-in ${parsed.message}.\n`);
        return 1;
      }
      expiresInMs = parsed.milliseconds;
    }
    const name = values.name.trim();
    return withAdminAccess('token create', io, values['data-dir'], async (access) => {
      const { token, record } = await access.createToken({ name, role, ...(expiresInMs !== undefined && { expiresInMs }) });
      io.stdout.write(`${token}\n`);
      const expiry = record.expiresAt ? `, expires ${record.expiresAt}` : '';
      io.stderr.write(`Created ${role} token "${record.name}" (id ${record.id}${expiry}). It is shown only this once.\n`);
      return 0;
    });
  },
};
