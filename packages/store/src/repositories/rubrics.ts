/**
 * Rubric definitions, versioned: publishing a changed rubric adds a version and never alters an
 * earlier one, so every evaluation can be read against the rubric it was scored with.
 */
import type { Selectable } from 'kysely';
import { iso, json, type RubricsTable } from '../database.js';
import { isUniqueViolation } from '../errors.js';
import { inTransaction, type Executor } from '../executor.js';

export interface StoredRubric<Definition = unknown> {
  id: string;
  version: number;
  definition: Definition;
  createdAt: string;
}

export class RubricRepository {
  constructor(private readonly db: Executor) {}

  /** Stores `definition` as the next version of rubric `id` (1 for a new rubric). */
  async publish<Definition>(id: string, definition: Definition, now: Date): Promise<StoredRubric<Definition>> {
    // Two coordinators publishing at once: the loser of the unique (id, version) race tries the next number.
    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(this.db, async (trx) => {
          const latest = await trx
            .selectFrom('rubrics')
            .select((eb) => eb.fn.max('version').as('version'))
            .where('id', '=', id)
            .executeTakeFirst();
          const version = (latest?.version ?? 0) + 1;
          const row = await trx
            .insertInto('rubrics')
            .values({ id, version, definition: json(definition), created_at: now })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toRubric<Definition>(row);
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3 || this.db.isTransaction) throw error;
      }
    }
  }

  /** One version of a rubric, or undefined. */
  async get<Definition = unknown>(id: string, version: number): Promise<StoredRubric<Definition> | undefined> {
    const row = await this.db.selectFrom('rubrics').selectAll().where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return row ? toRubric<Definition>(row) : undefined;
  }

  /** The newest version of a rubric, or undefined. */
  async latest<Definition = unknown>(id: string): Promise<StoredRubric<Definition> | undefined> {
    const row = await this.db.selectFrom('rubrics').selectAll().where('id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toRubric<Definition>(row) : undefined;
  }

  /** Every version of a rubric, oldest first. */
  async versions<Definition = unknown>(id: string): Promise<StoredRubric<Definition>[]> {
    const rows = await this.db.selectFrom('rubrics').selectAll().where('id', '=', id).orderBy('version').execute();
    return rows.map((row) => toRubric<Definition>(row));
  }
}

function toRubric<Definition>(row: Selectable<RubricsTable>): StoredRubric<Definition> {
  return { id: row.id, version: row.version, definition: row.definition as Definition, createdAt: iso(row.created_at) };
}
