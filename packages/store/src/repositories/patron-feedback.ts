/**
 * The patron's answers to the status page's one question. One row per hand-off: a retried POST,
 * a second tab or a second hub inserting the same hand-off's answer finds the first one instead.
 */
import type { Executor } from '../executor.js';

export interface PatronFeedbackRecord {
  handoffId: string;
  /** The department that answered the question, as it was when the patron rated it. */
  department: string;
  /** Insight topic ids the hand-off was tagged with. */
  topics: string[];
  /** 1 (not at all answered) to 5 (completely). */
  rating: number;
  /** Already masked by core's `maskContactDetails`; never the patron's raw text. */
  comment: string | null;
  answeredAt: Date;
}

export class PatronFeedbackRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Keeps a hand-off's answer unless it already has one. `created` is false when an earlier
   * answer was there; `record` is then that earlier answer, unchanged.
   */
  async record(answer: PatronFeedbackRecord): Promise<{ created: boolean; record: PatronFeedbackRecord }> {
    const inserted = await this.db
      .insertInto('patron_feedback')
      .values({
        handoff_id: answer.handoffId,
        department: answer.department,
        topics: answer.topics,
        rating: answer.rating,
        comment: answer.comment,
        answered_at: answer.answeredAt,
      })
      .onConflict((conflict) => conflict.column('handoff_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { created: true, record: fromRow(inserted) };
    const existing = await this.find(answer.handoffId);
    if (!existing) throw new Error(`patron feedback for ${answer.handoffId} vanished between insert and read`);
    return { created: false, record: existing };
  }

  /** The answer given for a hand-off, if any. */
  async find(handoffId: string): Promise<PatronFeedbackRecord | undefined> {
    const row = await this.db.selectFrom('patron_feedback').selectAll().where('handoff_id', '=', handoffId).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Answers given in [from, to), oldest first, optionally for one department. */
  async list(range: { from: Date; to: Date; department?: string }): Promise<PatronFeedbackRecord[]> {
    let query = this.db
      .selectFrom('patron_feedback')
      .selectAll()
      .where('answered_at', '>=', range.from)
      .where('answered_at', '<', range.to);
    if (range.department !== undefined) query = query.where('department', '=', range.department);
    const rows = await query.orderBy('answered_at').orderBy('handoff_id').execute();
    return rows.map(fromRow);
  }
}

function fromRow(row: { handoff_id: string; department: string; topics: string[]; rating: number; comment: string | null; answered_at: Date }): PatronFeedbackRecord {
  return {
    handoffId: row.handoff_id,
    department: row.department,
    topics: row.topics,
    rating: row.rating,
    comment: row.comment,
    answeredAt: new Date(row.answered_at),
  };
}
