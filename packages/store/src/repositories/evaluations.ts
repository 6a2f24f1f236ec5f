/**
 * Evaluations (mystery-shopper visits, peer reviews): the answers given against one version of a
 * rubric, the score, who rated whom, and at which service point.
 */
import type { Selectable } from 'kysely';
import { iso, json, type EvaluationsTable } from '../database.js';
import type { Executor } from '../executor.js';

export interface StoredEvaluation<Answers = unknown> {
  id: number;
  rubricId: string;
  rubricVersion: number;
  answers: Answers;
  /** The score the rubric gave, on the rubric's own scale; null if not scored. */
  score: number | null;
  rater: string;
  /** The staff member (or desk) evaluated. */
  staff: string;
  channel: string | null;
  createdAt: string;
  /** The interaction evaluated (a visit, a chat transcript): raters who score the same unit can be compared. */
  unitId: string | null;
  /** The full result of scoring (pass/fail, failed critical criteria, sections), as core returned it. */
  result: unknown;
  comment: string | null;
}

export type NewEvaluation<Answers = unknown> = Omit<StoredEvaluation<Answers>, 'id' | 'createdAt' | 'channel' | 'unitId' | 'result' | 'comment'> & {
  channel?: string | null;
  unitId?: string | null;
  result?: unknown;
  comment?: string | null;
  createdAt: Date | string;
};

export interface EvaluationFilter {
  rubricId?: string;
  rubricVersion?: number;
  staff?: string;
  rater?: string;
  /** Only evaluations of these units. */
  unitIds?: string[];
  /** Only those created at or after this instant. */
  since?: Date;
  /** Only those created before this instant. */
  until?: Date;
  /** At most this many (default 1,000). */
  limit?: number;
}

export class EvaluationRepository {
  constructor(private readonly db: Executor) {}

  /** Stores an evaluation; its rubric version must exist. */
  async record<Answers>(evaluation: NewEvaluation<Answers>): Promise<StoredEvaluation<Answers>> {
    const row = await this.db
      .insertInto('evaluations')
      .values({
        rubric_id: evaluation.rubricId,
        rubric_version: evaluation.rubricVersion,
        answers: json(evaluation.answers),
        score: evaluation.score,
        rater: evaluation.rater,
        staff: evaluation.staff,
        channel: evaluation.channel ?? null,
        created_at: evaluation.createdAt,
        unit_id: evaluation.unitId ?? null,
        result: evaluation.result === undefined ? null : json(evaluation.result),
        comment: evaluation.comment ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvaluation<Answers>(row);
  }

  /** Evaluations matching every given filter, oldest first. */
  async list<Answers = unknown>(filter: EvaluationFilter = {}): Promise<StoredEvaluation<Answers>[]> {
    let query = this.db.selectFrom('evaluations').selectAll();
    if (filter.rubricId !== undefined) query = query.where('rubric_id', '=', filter.rubricId);
    if (filter.rubricVersion !== undefined) query = query.where('rubric_version', '=', filter.rubricVersion);
    if (filter.staff !== undefined) query = query.where('staff', '=', filter.staff);
    if (filter.rater !== undefined) query = query.where('rater', '=', filter.rater);
    if (filter.unitIds !== undefined) query = query.where('unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : ['']);
    if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('created_at', '<', filter.until);
    const rows = await query.orderBy('created_at').orderBy('id').limit(filter.limit ?? 1000).execute();
    return rows.map((row) => toEvaluation<Answers>(row));
  }
}

function toEvaluation<Answers>(row: Selectable<EvaluationsTable>): StoredEvaluation<Answers> {
  return {
    id: Number(row.id),
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    answers: row.answers as Answers,
    score: row.score,
    rater: row.rater,
    staff: row.staff,
    channel: row.channel,
    createdAt: iso(row.created_at),
    unitId: row.unit_id,
    result: row.result,
    comment: row.comment,
  };
}
