/**
 * Scoring one evaluation against its rubric. A quality rubric gives a weighted percentage:
 * each applicable criterion earns a fraction of its weight (yes = all, no = none, a rating by
 * where it sits between the scale's ends, points as a share of the maximum), and criteria
 * answered N/A, or limited to other channels, leave the denominator. A classification rubric
 * (the READ Scale) gives the level chosen, not a percentage.
 */
import { LiaisonError, formatIssue, ok, err } from '../errors.js';
import type { Issue, Result } from '../errors.js';
import type { Criterion, Rubric, Scale } from './schema.js';
import { criterionAppliesTo } from './channel.js';
import type { EvaluationChannel } from './channel.js';

/** One answer: yes/no, a rating or points, `'na'` for not applicable, `null` for not answered. */
export type Answer = number | boolean | 'na' | null;

/** One rater's evaluation of one interaction (or visit), as entered. */
export interface Evaluation {
  rubricId: string;
  rubricVersion: number;
  /** Where the interaction took place; criteria limited to other channels are left out. */
  channel?: EvaluationChannel;
  /** The staff member evaluated, when the programme evaluates people and not only service points. */
  staffId?: string;
  raterId: string;
  /** What was evaluated, e.g. a chat transcript id or a mystery-shopper visit id. */
  unitId?: string;
  /** Answers by criterion id. */
  answers: Record<string, Answer>;
}

export interface SectionScore {
  id: string;
  /** 0–100 with one decimal, or null when nothing in the section applied. */
  percent: number | null;
}

export interface FailedCritical {
  criterionId: string;
  text: string;
}

export interface QualityScore {
  kind: 'quality';
  rubricId: string;
  rubricVersion: number;
  /** Weighted score, 0–100 with one decimal. */
  percent: number;
  /** No critical criterion failed and, when the rubric sets `pass_percent`, the score reaches it. */
  passed: boolean;
  failedCritical: FailedCritical[];
  bySection: SectionScore[];
  /** Criteria that counted towards the score. */
  answered: number;
  /** Criteria left out: answered N/A, or limited to channels other than the evaluation's. */
  notApplicable: number;
}

export interface Classification {
  kind: 'classification';
  rubricId: string;
  rubricVersion: number;
  criterionId: string;
  /** The level chosen, e.g. 3 on the READ Scale. */
  level: number;
  /** The rubric's words for that level, when it has them. */
  label?: string;
}

export type EvaluationScore = QualityScore | Classification;

interface Located {
  criterion: Criterion;
  sectionIndex: number;
  criterionIndex: number;
}

const describeScale = (scale: Scale): string =>
  scale.type === 'yes_no'
    ? 'yes or no'
    : scale.type === 'rating'
      ? `a whole number from ${scale.min} to ${scale.max}`
      : `points from 0 to ${scale.max}`;

/** The share (0–1) of its weight an answer earns, or an issue when the answer does not fit the scale. */
function shareOf(scale: Scale, answer: number | boolean): number | string {
  switch (scale.type) {
    case 'yes_no':
      return typeof answer === 'boolean' ? (answer ? 1 : 0) : `${String(answer)} is not yes or no`;
    case 'rating':
      if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < scale.min || answer > scale.max) {
        return `${String(answer)} is not on the scale`;
      }
      return (answer - scale.min) / (scale.max - scale.min);
    case 'points':
      if (typeof answer !== 'number' || !Number.isFinite(answer) || answer < 0 || answer > scale.max) {
        return `${String(answer)} is not within the points`;
      }
      return answer / scale.max;
  }
}

const oneDecimal = (fraction: number): number => Math.round(fraction * 1000) / 10;

/** Scores an evaluation against its rubric: a weighted percentage (0–100, one decimal) for quality rubrics, the level for classification rubrics. */
export function scoreEvaluation(evaluation: Evaluation, rubric: Rubric): Result<EvaluationScore, LiaisonError> {
  const issues: Issue[] = [];
  if (evaluation.rubricId !== rubric.id) {
    issues.push({ path: ['rubricId'], message: `is "${evaluation.rubricId}" but the rubric is "${rubric.id}"`, hint: 'score it with the rubric it was entered on' });
  }
  if (evaluation.rubricVersion !== rubric.version) {
    issues.push({
      path: ['rubricVersion'],
      message: `is ${evaluation.rubricVersion} but the rubric is version ${rubric.version}`,
      hint: 'score it with the rubric version it was entered on, so its answers keep their meaning',
    });
  }
  if (issues.length > 0) return err(invalid(issues));

  const located: Located[] = rubric.sections.flatMap((section, sectionIndex) =>
    section.criteria.map((criterion, criterionIndex) => ({ criterion, sectionIndex, criterionIndex })),
  );
  const known = new Set(located.map(({ criterion }) => criterion.id));
  for (const key of Object.keys(evaluation.answers)) {
    if (!known.has(key)) {
      issues.push({ path: ['answers', key], message: `is not a criterion of ${rubric.id} version ${rubric.version}`, hint: 'remove it, or check the rubric version' });
    }
  }

  if (rubric.kind === 'classification') return classify(evaluation, rubric, located, issues);

  const sectionTotals = rubric.sections.map(() => ({ earned: 0, possible: 0 }));
  const failedCritical: FailedCritical[] = [];
  let answered = 0;
  let notApplicable = 0;

  for (const { criterion, sectionIndex, criterionIndex } of located) {
    const where = `sections[${sectionIndex}].criteria[${criterionIndex}]`;
    const path = ['answers', criterion.id];
    if (!criterionAppliesTo(criterion.channels, evaluation.channel)) {
      notApplicable += 1;
      continue;
    }
    const answer = evaluation.answers[criterion.id];
    if (answer === undefined || answer === null) {
      issues.push({ path, message: `has no answer (${where}: "${criterion.text}")`, hint: `answer ${describeScale(criterion.scale)}${criterion.allow_na ? ', or na' : ''}` });
      continue;
    }
    if (answer === 'na') {
      if (criterion.allow_na) notApplicable += 1;
      else issues.push({ path, message: `cannot be N/A (${where}: "${criterion.text}")`, hint: `answer ${describeScale(criterion.scale)}` });
      continue;
    }
    const share = shareOf(criterion.scale, answer);
    if (typeof share === 'string') {
      issues.push({ path, message: `${share} (${where})`, hint: `answer ${describeScale(criterion.scale)}` });
      continue;
    }
    answered += 1;
    const totals = sectionTotals[sectionIndex]!;
    totals.earned += share * criterion.weight;
    totals.possible += criterion.weight;
    // The scale's bottom on a critical criterion fails the evaluation whatever the rest scores.
    if (criterion.critical && share === 0) failedCritical.push({ criterionId: criterion.id, text: criterion.text });
  }

  if (issues.length > 0) return err(invalid(issues));
  const earned = sectionTotals.reduce((sum, totals) => sum + totals.earned, 0);
  const possible = sectionTotals.reduce((sum, totals) => sum + totals.possible, 0);
  if (possible === 0) {
    return err(invalid([{ path: ['answers'], message: 'every criterion was N/A or outside this channel, so there is nothing to score', hint: 'answer at least one criterion' }]));
  }
  const percent = oneDecimal(earned / possible);
  const reachesPassMark = rubric.pass_percent === undefined || percent >= rubric.pass_percent;
  return ok({
    kind: 'quality',
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    percent,
    passed: failedCritical.length === 0 && reachesPassMark,
    failedCritical,
    bySection: rubric.sections.map((section, i) => {
      const totals = sectionTotals[i]!;
      return { id: section.id, percent: totals.possible === 0 ? null : oneDecimal(totals.earned / totals.possible) };
    }),
    answered,
    notApplicable,
  });
}

function classify(evaluation: Evaluation, rubric: Rubric, located: Located[], issues: Issue[]): Result<EvaluationScore, LiaisonError> {
  // The schema guarantees one criterion with a rating scale on a classification rubric.
  const { criterion, sectionIndex, criterionIndex } = located[0]!;
  const scale = criterion.scale;
  const answer = evaluation.answers[criterion.id];
  const path = ['answers', criterion.id];
  const where = `sections[${sectionIndex}].criteria[${criterionIndex}]`;
  if (scale.type !== 'rating') {
    issues.push({ path: ['sections'], message: 'a classification rubric needs a rating criterion' });
  } else if (answer === undefined || answer === null || answer === 'na') {
    issues.push({ path, message: `has no level (${where}: "${criterion.text}")`, hint: `choose ${describeScale(scale)}` });
  } else if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < scale.min || answer > scale.max) {
    issues.push({ path, message: `${String(answer)} is not a level (${where})`, hint: `choose ${describeScale(scale)}` });
  }
  if (issues.length > 0 || scale.type !== 'rating' || typeof answer !== 'number') return err(invalid(issues));
  const label = scale.labels?.[String(answer)];
  return ok({
    kind: 'classification',
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    criterionId: criterion.id,
    level: answer,
    ...(label === undefined ? {} : { label }),
  });
}

function invalid(issues: Issue[]): LiaisonError {
  const summary = issues.length === 1 ? 'The evaluation has a problem' : `The evaluation has ${issues.length} problems`;
  return new LiaisonError('evaluation_invalid', `${summary}: ${issues.map(formatIssue).join('; ')}`, issues);
}
