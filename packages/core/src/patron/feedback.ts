/**
 * The patron's own voice: one question on a resolved hand-off's status page, in the manner of
 * the PLSQ (Public Library Service Quality) survey — "Was your question answered?", 1 to 5.
 * Following LibAnswers' and Zendesk's practice a library may ask only a share of patrons, and
 * only for some days after resolution; which patrons are asked is decided by the hand-off's id,
 * so a reload or a second hub never changes the answer.
 */
import * as z from 'zod';
import type { Reason } from '../errors.js';
import type { Handoff } from '../handoff/handoff.js';
import { stableHash } from '../quality/peer-review-sample.js';
import { summarizeProportion, summarizeScores, type ProportionSummary, type ScoreSummary } from '../statistics/aggregate.js';

/** The `patron_feedback` section of the policy file; every key has a default. */
export const patronFeedbackPolicySchema = z
  .strictObject({
    /** Share of resolved hand-offs whose patron is asked, in percent (0 asks nobody). */
    ask_percent: z.number('is not a number; write a percentage, e.g. 30').min(0, 'is below 0').max(100, 'is above 100; write at most 100').default(100),
    /** Days after resolution the question stays on the status page. */
    ask_for_days: z.int('is not a whole number of days; write e.g. 14').min(1, 'must be 1 day or more').default(14),
  })
  .prefault({});

export type PatronFeedbackPolicy = z.output<typeof patronFeedbackPolicySchema>;

/** The question, its scale's ends, and the longest comment kept (characters). */
export const patronQuestion = {
  text: 'Was your question answered?',
  min: 1,
  max: 5,
  labels: { 1: 'Not at all', 5: 'Completely' } as Record<number, string>,
  commentMaxLength: 2000,
} as const;

/** A rating of 4 or 5 counts as "answered" in the share reported with Wilson's interval. */
export const answeredAtLeast = 4;

export type PatronQuestionReasonCode = 'not_resolved' | 'not_sampled' | 'window_closed' | 'asked';

/**
 * Which of 100 buckets a hand-off falls in (0–99), from its id by FNV-1a: stable across reloads,
 * processes and machines, and spread evenly enough over ids like "H-1042" that `ask_percent`
 * buckets ask about that share.
 */
export function feedbackBucket(handoffId: string): number {
  return stableHash(handoffId) % 100;
}

/** Whether the status page asks this hand-off's patron the question at `now`, and why (or why not). */
export function patronQuestionOffer(
  handoff: Pick<Handoff, 'id' | 'state' | 'resolvedAt'>,
  policy: PatronFeedbackPolicy,
  now: Date,
): { ask: boolean; reason: Reason<PatronQuestionReasonCode> } {
  if (handoff.state !== 'resolved' || !handoff.resolvedAt) {
    return { ask: false, reason: { code: 'not_resolved', message: 'The question is asked only once the request is answered' } };
  }
  if (feedbackBucket(handoff.id) >= policy.ask_percent) {
    return { ask: false, reason: { code: 'not_sampled', message: `Only ${policy.ask_percent}% of patrons are asked, and not about this request` } };
  }
  const closesAt = Date.parse(handoff.resolvedAt) + policy.ask_for_days * 24 * 60 * 60 * 1000;
  if (now.getTime() >= closesAt) {
    return { ask: false, reason: { code: 'window_closed', message: `Patrons are asked for ${policy.ask_for_days} days after their request is answered` } };
  }
  return { ask: true, reason: { code: 'asked', message: 'Resolved, sampled and within the days the question is asked' } };
}

/** A patron's answer as the status page's form sends it (text fields), parsed once at the edge. */
export const patronAnswerSchema = z.object({
  rating: z.coerce
    .number('is missing; choose a number from 1 (not at all) to 5 (completely)')
    .int('is not a whole number; choose 1, 2, 3, 4 or 5')
    .min(patronQuestion.min, 'is below 1; choose 1, 2, 3, 4 or 5')
    .max(patronQuestion.max, 'is above 5; choose 1, 2, 3, 4 or 5'),
  comment: z
    .string('is not text')
    .trim()
    .max(patronQuestion.commentMaxLength, `is longer than ${patronQuestion.commentMaxLength} characters; shorten it`)
    .optional()
    .transform((comment) => (comment ? comment : undefined)),
});

export type PatronAnswer = z.output<typeof patronAnswerSchema>;

/** One stored answer, as the report reads it. */
export interface PatronAnswerForReport {
  department: string;
  topics: readonly string[];
  rating: number;
}

export interface PatronRatingSummary {
  /** Department id or topic id. */
  key: string;
  /** Mean rating (1–5) with its confidence interval. */
  rating: ScoreSummary;
  /** Share rating 4 or 5 ("answered"), 0–1, with Wilson's interval. */
  answered: ProportionSummary;
}

function add(groups: Map<string, number[]>, key: string, rating: number): void {
  const ratings = groups.get(key);
  if (ratings) ratings.push(rating);
  else groups.set(key, [rating]);
}

function summarize(key: string, ratings: readonly number[], level: number): PatronRatingSummary {
  const answered = ratings.filter((rating) => rating >= answeredAtLeast).length;
  return {
    key,
    rating: summarizeScores(ratings, { subject: 'team', level }),
    answered: summarizeProportion(answered, ratings.length, { subject: 'team', level }),
  };
}

/**
 * Patrons' ratings per department and per topic (an answer counts under each topic its hand-off
 * was tagged with), each with n and confidence intervals at `level` (0–1, default 0.95).
 */
export function summarizePatronAnswers(
  answers: readonly PatronAnswerForReport[],
  level = 0.95,
): { overall: PatronRatingSummary; byDepartment: PatronRatingSummary[]; byTopic: PatronRatingSummary[] } {
  const byDepartment = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  for (const answer of answers) {
    add(byDepartment, answer.department, answer.rating);
    for (const topic of new Set(answer.topics)) add(byTopic, topic, answer.rating);
  }
  const sorted = (groups: Map<string, number[]>) =>
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, ratings]) => summarize(key, ratings, level));
  return {
    overall: summarize('all', answers.map((answer) => answer.rating), level),
    byDepartment: sorted(byDepartment),
    byTopic: sorted(byTopic),
  };
}
