import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { withAdminAccess } from './admin-access.js';

export const auditCommand: Command = {
  usage: [
    'Usage: liaison audit --patron EMAIL|BARCODE [--limit N] [--json] [--data-dir DIR]',
    '',
    'Who looked at this patron, when, and through which surface (the Zendesk sidebar, a staff token,',
    'Slack), with the fields they were shown: the answer to a patron who asks under the library\'s',
    'privacy policy. Views are filed under the patron\'s e-mail in lower case; while the hub runs, it is',
    'asked, and a barcode finds the views filed under the e-mail its patron has (and the other way round).',
  ].join('\n'),
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { patron: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, strict: true }));
    } catch (error) {
      io.stderr.write(`liaison audit: ${(error as Error).message}\n\n${auditCommand.usage}\n`);
      return 1;
    }
    const patron = values.patron?.trim();
    if (!patron) {
      io.stderr.write('liaison audit: name the patron, e.g. --patron amara.okafor@northfield.edu or --patron 21234000012345\n');
      return 1;
    }
    const limit = Number(values.limit ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      io.stderr.write(`liaison audit: --limit must be a whole number from 1 to 1000, not "${values.limit}".\n`);
      return 1;
    }
    return withAdminAccess('audit', io, values['data-dir'], async (access) => {
      const { keys, views } = await access.patronViews(patron, limit);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ keys, views }, null, 2)}\n`);
        return 0;
      }
      if (views.length === 0) {
        io.stderr.write(`No recorded views of ${keys.join(' / ') || patron}.\n`);
        return 0;
      }
      io.stderr.write(`${views.length} view(s) of ${keys.join(' / ')}, newest first:\n`);
      for (const view of views) io.stdout.write(`${view.at}  ${view.surface}  ${view.actor}  ${view.fieldsShown.join(', ')}\n`);
      return 0;
    });
  },
};
