/**
 * The audit log of every view of a patron's context (sidebar, Slack, dashboard): who saw which
 * fields of whom, where and when. Append-only — the database refuses updates and deletes.
 */
import type { Selectable } from 'kysely';
import { iso, type PatronContextViewsTable } from '../database.js';
import type { Executor } from '../executor.js';

export interface PatronContextView {
  id: number;
  /** The staff member (or program) who saw it. */
  actor: string;
  /** Where: "zendesk", "slack", "dashboard", "api". */
  surface: string;
  /** The patron, as the surface knows them (an e-mail, a barcode, or a hash of one). */
  patronKey: string;
  /** The fields that were shown after the privacy rules applied. */
  fieldsShown: string[];
  at: string;
}

export type NewPatronContextView = Omit<PatronContextView, 'id' | 'at'> & { at: Date | string };

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  /** Appends one view to the log. */
  async recordView(view: NewPatronContextView): Promise<PatronContextView> {
    const row = await this.db
      .insertInto('patron_context_views')
      .values({ actor: view.actor, surface: view.surface, patron_key: view.patronKey, fields: view.fieldsShown, at: view.at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  }

  /** Views of one patron's context, newest first: filed under `patronKey`, or under any of several keys of one patron. */
  async listByPatron(patronKey: string | readonly string[], limit = 100): Promise<PatronContextView[]> {
    const keys = typeof patronKey === 'string' ? [patronKey] : [...patronKey];
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('patron_context_views')
      .selectAll()
      .where('patron_key', 'in', keys)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toView);
  }

  /** Views by one staff member, newest first. */
  async listByActor(actor: string, limit = 100): Promise<PatronContextView[]> {
    const rows = await this.db
      .selectFrom('patron_context_views')
      .selectAll()
      .where('actor', '=', actor)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toView);
  }
}

function toView(row: Selectable<PatronContextViewsTable>): PatronContextView {
  return {
    id: Number(row.id),
    actor: row.actor,
    surface: row.surface,
    patronKey: row.patron_key,
    fieldsShown: row.fields,
    at: iso(row.at),
  };
}
