import { parseArgs } from 'node:util';
import { openStoreFor } from '../config/store-location.js';
import type { Command } from '../command.js';
import { staffRoles, type StaffRole } from '../hub/auth.js';

export const tokenCreateCommand: Command = {
  usage: [
    'Usage: liaison token create --name NAME [--role staff|coordinator|admin] [--data-dir DIR]',
    '',
    'Prints a new token once; the store keeps only its hash, so copy it now.',
    'staff: hand-offs, patron context, buy-or-borrow. coordinator: also quality summaries and calibration.',
    'admin: everything.',
  ].join('\n'),
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { name: { type: 'string' }, role: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true }));
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
    const opened = await openStoreFor('token create', io, values['data-dir']);
    if (!opened) return 1;
    const { store } = opened;
    try {
      const { token, record } = await store.tokens.create(values.name.trim(), role, new Date());
      io.stdout.write(`${token}\n`);
      io.stderr.write(`Created ${role} token "${record.name}" (id ${record.id}). It is shown only this once.\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
