import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { withAdminAccess } from './admin-access.js';

export const tokenRevokeCommand: Command = {
  usage: [
    'Usage: liaison token revoke ID [--data-dir DIR]',
    '',
    'Revokes a staff token by its id (from `liaison token list`): its next request is refused with 401.',
  ].join('\n'),
  async run(args, io) {
    let values;
    let positionals;
    try {
      ({ values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true }));
    } catch (error) {
      io.stderr.write(`liaison token revoke: ${(error as Error).message}\n\n${tokenRevokeCommand.usage}\n`);
      return 1;
    }
    const id = positionals[0]?.trim();
    if (!id || positionals.length > 1) {
      io.stderr.write(`liaison token revoke: give one token id, e.g. liaison token revoke tok_0123456789ab (\`liaison token list\` shows them).\n`);
      return 1;
    }
    return withAdminAccess('token revoke', io, values['data-dir'], async (access) => {
      const revoked = await access.revokeToken(id);
      if (!revoked) {
        io.stderr.write(`liaison token revoke: there is no token ${id}; \`liaison token list\` shows their ids.\n`);
        return 1;
      }
      io.stderr.write(`Revoked ${revoked.role} token "${revoked.name}" (id ${revoked.id}); it is refused from its next request.\n`);
      return 0;
    });
  },
};
