/**
 * Time away: who is away, from and until which local dates, and whom they asked to cover. The
 * rule for who covers on a given day is core's (`whoCovers`); this only keeps the periods. Any hub
 * sharing the database sees the same periods, so routing does not depend on which hub answers.
 */
import type { AwayPeriod } from '@liaison/core';
import type { Executor } from '../executor.js';

/** An away period as stored: core's shape, with who set it and when. */
export interface StoredAwayPeriod extends AwayPeriod {
  backup: string | null;
  setBy: string;
  updatedAt: string;
}

export class AwayRepository {
  constructor(private readonly db: Executor) {}

  /** Sets (or replaces) a person's time away. */
  async set(period: AwayPeriod & { setBy: string; now: Date }): Promise<StoredAwayPeriod> {
    const values = { from_date: period.from, until_date: period.until, backup: period.backup ?? null, set_by: period.setBy, updated_at: period.now };
    const row = await this.db
      .insertInto('away_periods')
      .values({ person: period.person, ...values })
      .onConflict((conflict) => conflict.column('person').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(row);
  }

  /** A person's time away (past, present or future), if any is kept. */
  async get(person: string): Promise<StoredAwayPeriod | undefined> {
    const row = await this.db.selectFrom('away_periods').selectAll().where('person', '=', person).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Periods that end on or after `sinceDate` ("YYYY-MM-DD"): enough to decide cover today and to summarise recent returns. */
  async listEndingOnOrAfter(sinceDate: string): Promise<StoredAwayPeriod[]> {
    const rows = await this.db.selectFrom('away_periods').selectAll().where('until_date', '>=', sinceDate).orderBy('person').execute();
    return rows.map(fromRow);
  }

  /** Forgets a person's time away (they came back early, or it was set by mistake). Returns whether there was one. */
  async clear(person: string): Promise<boolean> {
    const result = await this.db.deleteFrom('away_periods').where('person', '=', person).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function fromRow(row: { person: string; from_date: string; until_date: string; backup: string | null; set_by: string; updated_at: Date | string }): StoredAwayPeriod {
  return {
    person: row.person,
    from: row.from_date,
    until: row.until_date,
    backup: row.backup,
    setBy: row.set_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
