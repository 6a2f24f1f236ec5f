import { migrations } from '@liaison/store';
import { openStoreFor } from '../config/store-location.js';
import type { Command } from '../command.js';

export const migrateCommand: Command = {
  usage: [
    'Usage: liaison migrate [--data-dir DIR]',
    '',
    'Applies pending migrations to the PostgreSQL server in DATABASE_URL, or to the embedded',
    'database under --data-dir (default ./.liaison, or LIAISON_DATA_DIR). Safe to run twice,',
    'and safe while other hubs start: migrations run under an advisory lock.',
  ].join('\n'),
  async run(args, io) {
    const index = args.indexOf('--data-dir');
    // Opening the store migrates it; the versions it stamped since this run began are what this run applied.
    const started = new Date();
    const opened = await openStoreFor('migrate', io, index >= 0 ? args[index + 1] : undefined);
    if (!opened) return 1;
    const { store, description } = opened;
    const rows = await store.db.selectFrom('schema_migrations').select(['version', 'applied_at']).orderBy('version').execute();
    await store.close();
    const latest = Math.max(...migrations.map((m) => m.version));
    const applied = rows.filter((row) => new Date(row.applied_at as Date | string) >= started).map((row) => row.version);
    io.stdout.write(`${description} is at migration ${latest}, the latest${applied.length > 0 ? ` (applied ${applied.join(', ')} now)` : ''}.\n`);
    return 0;
  },
};
