/**
 * Spike detection: is a topic (a proxy outage, a broken link resolver) suddenly mentioned far more
 * than usual? For each topic, the count in the recent window is compared with the topic's usual
 * weekly rate over the weeks before it. A count is a spike when it reaches a minimum and is
 * improbably high if mentions kept arriving at random at the usual rate (a Poisson model).
 *
 * When there is no usual rate to compare with — Liaison has less than a week of history before
 * the window, or the topic was never mentioned in it — the verdict says so and rests on the
 * minimum count alone.
 */
import type { Reason } from '../errors.js';
import { LiaisonError } from '../errors.js';
import { toInstant } from './instant.js';
import { poissonUpperTail } from './poisson.js';
import type { TaggedItem } from './weekly.js';

export type SpikeReasonCode = 'spike' | 'within_usual_range' | 'below_min_count' | 'spike_without_baseline' | 'no_baseline';

export interface SpikeOptions {
  /** The end of the recent window. */
  now: Date | string;
  /** Length of the recent window, in days (default 7). */
  windowDays?: number;
  /** How many weeks before the window make the usual rate (default 8). */
  baselineWeeks?: number;
  /** The fewest mentions in the window that can count as a spike (default 5). */
  minCount?: number;
  /** A count is improbable when the chance of at least that many at the usual rate is below this (default 0.01). */
  threshold?: number;
  /**
   * When the record of items begins. The usual rate is taken over the part of the baseline after
   * it, so a library three weeks into using Liaison is not compared with eight weeks of silence.
   * By default, the earliest item given.
   */
  dataSince?: Date | string;
}

export interface TopicSpike {
  topicId: string;
  /** Mentions in the recent window. */
  recent: number;
  /** The usual mentions per week before the window; null when there is less than a week of history. */
  baselineMean: number | null;
  /** How many times the usual count for a window of this length `recent` is; null when the usual count is zero or unknown. */
  ratio: number | null;
  /** The chance of at least `recent` mentions at the usual rate; null when there is no usual rate. */
  pValue: number | null;
  isSpike: boolean;
  reason: Reason<SpikeReasonCode>;
}

const dayInMilliseconds = 24 * 60 * 60 * 1000;

/**
 * For each topic, the recent window (the `windowDays` days up to `now`) against the mean weekly
 * count of the `baselineWeeks` weeks before it. Topics come back in the order given; without
 * `topics`, every topic mentioned in the window or its baseline, by id. Days are 24 hours.
 */
export function detectSpikes(
  items: readonly TaggedItem[],
  topics: readonly { id: string; label?: string }[] | undefined,
  options: SpikeOptions,
): TopicSpike[] {
  const { windowDays = 7, baselineWeeks = 8, minCount = 5, threshold = 0.01 } = options;
  checkSetting(windowDays > 0 && Number.isFinite(windowDays), 'windowDays', windowDays, 'give a number of days above 0, e.g. 7');
  checkSetting(baselineWeeks > 0 && Number.isFinite(baselineWeeks), 'baselineWeeks', baselineWeeks, 'give a number of weeks above 0, e.g. 8');
  checkSetting(Number.isInteger(minCount) && minCount >= 1, 'minCount', minCount, 'give a whole number of 1 or more, e.g. 5');
  checkSetting(threshold > 0 && threshold < 1, 'threshold', threshold, 'give a chance between 0 and 1, e.g. 0.01');

  const now = toInstant(options.now, ['now']);
  const windowStart = now - windowDays * dayInMilliseconds;
  const baselineStart = windowStart - baselineWeeks * 7 * dayInMilliseconds;
  const times = items.map((item, index) => toInstant(item.at, ['items', index, 'at']));
  const dataSince =
    options.dataSince === undefined ? times.reduce((earliest, time) => Math.min(earliest, time), Infinity) : toInstant(options.dataSince, ['dataSince']);
  // The usual rate is taken over the part of the baseline that has a record.
  const baselineDays = Math.max(0, (windowStart - Math.max(baselineStart, dataSince)) / dayInMilliseconds);
  const hasBaseline = baselineDays >= 7;

  const recentCounts = new Map<string, number>();
  const baselineCounts = new Map<string, number>();
  items.forEach((item, index) => {
    const time = times[index]!;
    const counts = time > now || time < baselineStart ? null : time >= windowStart ? recentCounts : baselineCounts;
    if (!counts) return;
    for (const topicId of new Set(item.topics)) counts.set(topicId, (counts.get(topicId) ?? 0) + 1);
  });

  const assessed: readonly { id: string; label?: string }[] =
    topics ?? [...new Set([...recentCounts.keys(), ...baselineCounts.keys()])].sort().map((id) => ({ id }));
  return assessed.map((topic) => {
    const label = topic.label ?? topic.id;
    const recent = recentCounts.get(topic.id) ?? 0;
    const head = `${label}: ${recent} in the last ${plural(windowDays, 'day')}`;

    if (!hasBaseline) {
      const why = 'no baseline yet (less than a week of history before this)';
      return withoutBaseline(topic.id, recent, null, head, why, minCount);
    }
    const baselineMean = (baselineCounts.get(topic.id) ?? 0) / (baselineDays / 7);
    if (baselineMean === 0) {
      const why = `no baseline yet (none in the ${plural(round(baselineDays / 7, 1), 'week')} before)`;
      return withoutBaseline(topic.id, recent, 0, head, why, minCount);
    }

    const expected = baselineMean * (windowDays / 7);
    const pValue = poissonUpperTail(recent, expected);
    const ratio = recent / expected;
    const against = `${head} against a usual ${round(baselineMean, 1).toFixed(1)} a week`;
    const verdict = (isSpike: boolean, code: SpikeReasonCode, message: string): TopicSpike => ({
      topicId: topic.id,
      recent,
      baselineMean,
      ratio,
      pValue,
      isSpike,
      reason: { code, message },
    });
    if (recent < minCount) return verdict(false, 'below_min_count', `${against}; fewer than ${minCount}, too few to call a spike`);
    if (pValue >= threshold) return verdict(false, 'within_usual_range', `${against}, within the usual range (${chance(pValue)})`);
    return verdict(true, 'spike', `${against}: ${round(ratio, 1)} times the usual, unlikely by chance (${chance(pValue)})`);
  });
}

function withoutBaseline(topicId: string, recent: number, baselineMean: 0 | null, head: string, why: string, minCount: number): TopicSpike {
  const isSpike = recent >= minCount;
  return {
    topicId,
    recent,
    baselineMean,
    ratio: null,
    pValue: null,
    isSpike,
    reason: isSpike
      ? { code: 'spike_without_baseline', message: `${head}; ${why}, and ${recent} reaches the minimum of ${minCount}` }
      : { code: 'no_baseline', message: `${head}; ${why}, and ${recent} is fewer than the minimum of ${minCount}` },
  };
}

function checkSetting(isValid: boolean, name: string, value: number, hint: string): void {
  if (!isValid) throw new LiaisonError('request_invalid', `${name} cannot be ${value}.`, [{ path: [name], message: `cannot be ${value}`, hint }]);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** The chance as staff read it: "p = 0.038", "p < 0.0001". */
function chance(pValue: number): string {
  if (pValue < 0.0001) return 'p < 0.0001';
  return `p = ${Number(pValue.toPrecision(2))}`;
}
