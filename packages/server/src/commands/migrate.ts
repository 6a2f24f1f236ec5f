import { resolve } from 'node:path';
import { migrations, openStore } from '@liaison/store';
import type { Command } from '../command.js';

export const migrateCommand: Command = {
  name: ['migrate'],
  summary: 'apply the store\'s database migrations (the hub also does this when it starts)',
  usage: [
    'Usage: liaison migrate [--data-dir DIR]',
    '',
    'Applies pending migrations to the PostgreSQL server in DATABASE_URL, or to the embedded',
    'database under --data-dir (default ./.liaison, or LIAISON_DATA_DIR). Safe to run twice,',
    'and safe while other hubs start: migrations run under an advisory lock.',
  ].join('\n'),
  async run(args, io) {
    const index = args.indexOf('--data-dir');
    const dataDir = resolve(io.cwd, (index >= 0 ? args[index + 1] : undefined) ?? io.env['LIAISON_DATA_DIR'] ?? '.liaison');
    const databaseUrl = io.env['DATABASE_URL'] || undefined;
    try {
      // Opening the store migrates it; the versions it stamped since this run began are what this run applied.
      const started = new Date();
      const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
      const rows = await store.db.selectFrom('schema_migrations').select(['version', 'applied_at']).orderBy('version').execute();
      await store.close();
      const latest = Math.max(...migrations.map((m) => m.version));
      const applied = rows.filter((row) => new Date(row.applied_at as Date | string) >= started).map((row) => row.version);
      const where = databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : dataDir;
      io.stdout.write(`${where} is at migration ${latest}, the latest${applied.length > 0 ? ` (applied ${applied.join(', ')} now)` : ''}.\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`liaison migrate: ${(error as Error).message}\n`);
      const hint = (error as { hint?: string }).hint;
      if (hint) io.stderr.write(`  ${hint}\n`);
      return 1;
    }
  },
};
