import { expect, it } from 'vitest';
import { forEachBackend } from './backends-for-tests.js';
import { migrations } from './migrations.js';

forEachBackend('migrations', (backend) => {
  it('applies every migration on open, records it, and does nothing the second time', async () => {
    const store = await backend.open();
    const recorded = await store.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(recorded).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(await store.migrate()).toEqual([]);
    const reopened = await backend.open(store.schema);
    expect(await reopened.migrate()).toEqual([]);
    expect(await store.db.selectFrom('schema_migrations').select('version').execute()).toHaveLength(migrations.length);
  });

  it('lets several hubs starting at once migrate one empty schema without errors, each migration applied once', async () => {
    const schema = backend.newSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => backend.open(schema)));
    const rows = await stores[0]!.db.selectFrom('schema_migrations').select('version').execute();
    expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    // Every hub sees the same, working tables.
    await stores[1]!.cache.set('k', { v: 1 }, new Date('2100-01-01T00:00:00Z'));
    expect(await stores[3]!.cache.get('k', new Date('2025-01-01T00:00:00Z'))).toEqual({ v: 1 });
  });

  it('keeps each schema to itself', async () => {
    const one = await backend.open();
    const two = await backend.open();
    await one.cache.set('only-in-one', true, new Date('2100-01-01T00:00:00Z'));
    expect(await two.cache.get('only-in-one', new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});
