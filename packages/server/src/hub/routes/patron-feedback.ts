import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { insightTopics, LiaisonError, patronQuestion, summarizePatronAnswers } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';

const dayMs = 86_400_000;

const rangeQuery = z
  .object({
    from: z.iso.date('is not a date; write YYYY-MM-DD, e.g. 2026-03-01').optional(),
    to: z.iso.date('is not a date; write YYYY-MM-DD, e.g. 2026-03-31 (the day is included)').optional(),
    department: z.string().trim().min(1).max(120).optional(),
  })
  .strict();

/** [from, to + 1 day) in UTC; the last 90 days to now when left out. */
function rangeOf(query: z.output<typeof rangeQuery>, now: Date): { from: Date; to: Date } {
  // Without `to`, up to and including this moment: an answer given just now is in the report.
  const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00.000Z`) + dayMs) : new Date(now.getTime() + 1);
  const from = query.from ? new Date(`${query.from}T00:00:00.000Z`) : new Date(to.getTime() - 90 * dayMs);
  if (from >= to) throw new LiaisonError('invalid_request', 'The range is empty: `from` must be on or before `to`.', [{ path: ['from'], message: 'is after `to`' }]);
  return { from, to };
}

/**
 * What patrons said on their status pages, for coordinators only: the answers with their
 * comments (already masked of e-mail addresses and card numbers when stored), and a report per
 * department and topic with n and confidence intervals from core's statistics.
 */
export function registerPatronFeedbackRoutes(app: FastifyInstance, hub: HubContext): void {
  const departmentName = (id: string) => hub.policy.departments.find((d) => d.id === id)?.name ?? id;
  const topicNames = new Map(insightTopics(hub.policy.insights).map((topic) => [topic.id, topic.label]));

  app.get('/api/v1/patron-feedback', async (request) => {
    hub.requireRole(request, 'coordinator');
    const query = parseInput(rangeQuery, request.query, 'query');
    const range = rangeOf(query, hub.clock());
    const answers = await hub.store.patronFeedback.list({ ...range, ...(query.department ? { department: query.department } : {}) });
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      answers: answers.map((answer) => ({ ...answer, departmentName: departmentName(answer.department), answeredAt: answer.answeredAt.toISOString() })),
    };
  });

  app.get('/api/v1/patron-feedback/report', async (request) => {
    hub.requireRole(request, 'coordinator');
    const query = parseInput(rangeQuery, request.query, 'query');
    const range = rangeOf(query, hub.clock());
    const answers = await hub.store.patronFeedback.list({ ...range, ...(query.department ? { department: query.department } : {}) });
    const report = summarizePatronAnswers(answers);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      question: patronQuestion.text,
      overall: report.overall,
      byDepartment: report.byDepartment.map(({ key, ...summary }) => ({ department: key, name: departmentName(key), ...summary })),
      byTopic: report.byTopic.map(({ key, ...summary }) => ({ topic: key, name: topicNames.get(key) ?? key, ...summary })),
    };
  });
}
