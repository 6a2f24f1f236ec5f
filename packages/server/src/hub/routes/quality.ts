import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { evaluationChannels, krippendorffAlpha, scoreEvaluation, summarizeScores, type EvaluationScore, LiaisonError } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { activeRubrics, findRubric, publishedVersion } from '../rubrics.js';

const evaluationBody = z
  .object({
    rubricId: z.string().trim().min(1),
    channel: z.enum(evaluationChannels).optional(),
    staffId: z.string().trim().max(120).optional(),
    unitId: z.string().trim().max(120).optional(),
    answers: z.record(z.string(), z.union([z.number(), z.boolean(), z.literal('na'), z.null()])),
    comment: z.string().trim().max(4000).optional(),
  })
  .strict();

const summaryQuery = z.object({ rubricId: z.string().min(1), staffId: z.string().optional() }).strict();

const calibrationBody = z
  .object({
    rubricId: z.string().trim().min(1),
    /** The units (interactions) several raters scored; every unit of the rubric when absent. */
    unitIds: z.array(z.string()).optional(),
  })
  .strict();

/** The number a score contributes to summaries: a quality percentage, or a classification level. */
function scoreNumber(score: EvaluationScore): number {
  return score.kind === 'quality' ? score.percent : score.level;
}

/** Rubrics, evaluations, honest summaries and rater calibration. */
export function registerQualityRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/rubrics', async (request) => {
    hub.requireRole(request, 'staff');
    return { rubrics: activeRubrics(hub.policy) };
  });

  app.post('/api/v1/evaluations', async (request, reply) => {
    const principal = hub.requireRole(request, 'staff');
    const body = parseInput(evaluationBody, request.body, 'evaluation');
    const rubric = findRubric(hub.policy, body.rubricId);
    if (!rubric) throw new LiaisonError('rubric_not_found', `There is no active rubric "${body.rubricId}"; see GET /api/v1/rubrics.`);
    const scored = scoreEvaluation({ ...body, rubricVersion: rubric.version, raterId: principal.id }, rubric);
    if (!scored.ok) throw scored.error;
    const now = hub.clock();
    const saved = await hub.store.evaluations.record({
      rubricId: rubric.id,
      rubricVersion: await publishedVersion(hub.store, rubric, now),
      answers: body.answers,
      score: scoreNumber(scored.value),
      result: scored.value,
      rater: principal.id,
      staff: body.staffId ?? '',
      channel: body.channel ?? null,
      unitId: body.unitId ?? null,
      comment: body.comment ?? null,
      createdAt: now,
    });
    reply.code(201);
    return { evaluation: saved, score: scored.value };
  });

  app.get('/api/v1/evaluations/summary', async (request) => {
    hub.requireRole(request, 'coordinator');
    const query = parseInput(summaryQuery, request.query, 'query');
    const evaluations = await hub.store.evaluations.list({ rubricId: query.rubricId, ...(query.staffId ? { staff: query.staffId } : {}) });
    const scores = evaluations.map((e) => e.score).filter((score): score is number => score !== null);
    const summary = summarizeScores(scores, { minN: hub.policy.rubrics.min_n, subject: query.staffId ? 'staff' : 'library' });
    return { rubricId: query.rubricId, summary };
  });

  app.post('/api/v1/calibration', async (request) => {
    hub.requireRole(request, 'coordinator');
    const body = parseInput(calibrationBody, request.body, 'calibration request');
    const evaluations = await hub.store.evaluations.list({ rubricId: body.rubricId, ...(body.unitIds ? { unitIds: body.unitIds } : {}) });
    const rated = evaluations.filter((e) => e.unitId !== null && e.score !== null);
    const raters = [...new Set(rated.map((e) => e.rater))];
    const units = [...new Set(rated.map((e) => e.unitId as string))];
    // data[rater][unit]: each rater's score for each unit, null where they did not rate it.
    const data = raters.map((rater) => units.map((unit) => rated.find((e) => e.rater === rater && e.unitId === unit)?.score ?? null));
    const rubric = findRubric(hub.policy, body.rubricId);
    const level = rubric?.kind === 'classification' ? 'ordinal' : 'interval';
    const result = krippendorffAlpha(data, level);
    if (!result.ok) throw result.error;
    return { rubricId: body.rubricId, raters: raters.length, units: units.length, ...result.value };
  });
}
