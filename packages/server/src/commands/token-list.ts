import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import type { StaffToken } from '../hub/staff-tokens.js';
import { withAdminAccess } from './admin-access.js';

/** One token as a line of the table: live, expired or revoked, and when it was last used. */
function describeToken(token: StaffToken, now: Date): string[] {
  const state = token.revokedAt
    ? `revoked ${token.revokedAt}`
    : token.expiresAt && new Date(token.expiresAt) <= now
      ? `expired ${token.expiresAt}`
      : token.expiresAt
        ? `expires ${token.expiresAt}`
        : 'no expiry';
  return [token.id, token.role, token.name, token.createdAt, token.lastUsedAt ?? 'never', state];
}

export const tokenListCommand: Command = {
  usage: [
    'Usage: liaison token list [--json] [--data-dir DIR]',
    '',
    'Every staff token: id, role, name, when it was made, when it was last used (to the minute),',
    'and whether it expires or was revoked. Tokens themselves are never shown; the store has only hashes.',
  ].join('\n'),
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, strict: true }));
    } catch (error) {
      io.stderr.write(`liaison token list: ${(error as Error).message}\n\n${tokenListCommand.usage}\n`);
      return 1;
    }
    return withAdminAccess('token list', io, values['data-dir'], async (access) => {
      const tokens = await access.listTokens();
      if (values.json) {
        io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
        return 0;
      }
      if (tokens.length === 0) {
        io.stderr.write('No staff tokens yet; make one with `liaison token create --name NAME`.\n');
        return 0;
      }
      const rows = [['id', 'role', 'name', 'created', 'last used', 'expiry'], ...tokens.map((token) => describeToken(token, new Date()))];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      for (const row of rows) io.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`);
      return 0;
    });
  },
};
