/**
 * Weekly counts of each topic, for the dashboard's chart of what patrons write about. Weeks begin
 * at midnight in the library's own time zone (Monday by default, as ISO 8601 weeks do), so a
 * question sent late on Sunday evening counts in the week the staff lived it, across
 * daylight-saving changes too.
 */
import type { Day } from 'date-fns';
import { addWeeks, format, getISOWeek, getISOWeekYear, startOfWeek } from 'date-fns';
import { tz } from '@date-fns/tz';
import { LiaisonError } from '../errors.js';
import { toInstant } from './instant.js';

/** Something that was tagged with topics at a moment: a hand-off, a ticket, a question. */
export interface TaggedItem {
  at: Date | string;
  topics: readonly string[];
}

export interface WeeklyCountsOptions {
  /** The library's IANA time zone, e.g. "America/Chicago". */
  timeZone: string;
  /** The day weeks begin on: 0 Sunday, 1 Monday (default), … 6 Saturday. */
  weekStartsOn?: Day;
  /** The first and last weeks are those containing `from` and `to`; by default the first and last item. */
  from?: Date | string;
  to?: Date | string;
  /** Topics to list even when no item mentions them (e.g. every topic of the taxonomy), in this order. */
  topicIds?: readonly string[];
}

export interface Week {
  /** The week's first day in the library's time zone, e.g. "2026-03-09". */
  start: string;
  /** When the week begins and ends (exclusive), as ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  /** The ISO 8601 week, e.g. "2026-W11"; only when weeks begin on Monday, as ISO weeks do. */
  isoWeek?: string;
}

export interface WeeklyCounts {
  weeks: Week[];
  /** Per topic, one count per week in `weeks` (zero when nothing was tagged), and their sum. */
  topics: { topicId: string; counts: number[]; total: number }[];
}

/**
 * Counts, per topic and per week, the items tagged with it. Every item in the chosen weeks counts,
 * even one just before `from` or after `to`, so each count covers a whole week; items outside
 * them are left out. An item tagged twice with one topic counts once.
 */
export function weeklyCounts(items: readonly TaggedItem[], options: WeeklyCountsOptions): WeeklyCounts {
  const { timeZone, weekStartsOn = 1, topicIds = [] } = options;
  checkTimeZone(timeZone);
  const times = items.map((item, index) => toInstant(item.at, ['items', index, 'at']));
  // reduce, not Math.min(...times): a year of tickets is too many arguments for one call.
  const earliest = times.length > 0 ? times.reduce((a, b) => Math.min(a, b)) : undefined;
  const latest = times.length > 0 ? times.reduce((a, b) => Math.max(a, b)) : undefined;
  const givenFrom = options.from === undefined ? undefined : toInstant(options.from, ['from']);
  const givenTo = options.to === undefined ? undefined : toInstant(options.to, ['to']);
  // With only one end given and no items, the period is that one week.
  const from = givenFrom ?? earliest ?? givenTo;
  const to = givenTo ?? latest ?? givenFrom;
  if (from !== undefined && to !== undefined && from > to) {
    throw new LiaisonError('request_invalid', 'The period to count ends before it begins.', [
      { path: ['to'], message: `is before from (${new Date(from).toISOString()})`, hint: 'swap from and to' },
    ]);
  }

  const weeks: Week[] = [];
  const boundaries: number[] = [];
  // With no items and no period given there are no weeks to count.
  if (from !== undefined && to !== undefined) {
    const zone = tz(timeZone);
    let start = startOfWeek(from, { weekStartsOn, in: zone });
    while (start.getTime() <= to) {
      const end = addWeeks(start, 1, { in: zone });
      weeks.push({
        start: format(start, 'yyyy-MM-dd'),
        startsAt: new Date(start.getTime()).toISOString(),
        endsAt: new Date(end.getTime()).toISOString(),
        ...(weekStartsOn === 1 && { isoWeek: `${getISOWeekYear(start)}-W${String(getISOWeek(start)).padStart(2, '0')}` }),
      });
      boundaries.push(start.getTime());
      start = end;
    }
    boundaries.push(start.getTime());
  }

  const countsByTopic = new Map<string, number[]>(topicIds.map((topicId) => [topicId, new Array<number>(weeks.length).fill(0)]));
  items.forEach((item, index) => {
    const week = weekIndex(boundaries, times[index]!);
    if (week === -1) return;
    for (const topicId of new Set(item.topics)) {
      let counts = countsByTopic.get(topicId);
      if (!counts) {
        counts = new Array<number>(weeks.length).fill(0);
        countsByTopic.set(topicId, counts);
      }
      counts[week]! += 1;
    }
  });

  const listed = new Set(topicIds);
  const others = [...countsByTopic.keys()].filter((topicId) => !listed.has(topicId)).sort();
  return {
    weeks,
    topics: [...listed, ...others].map((topicId) => {
      const counts = countsByTopic.get(topicId)!;
      return { topicId, counts, total: counts.reduce((sum, count) => sum + count, 0) };
    }),
  };
}

/** The week an instant falls in, by binary search over week boundaries; -1 when outside them all. */
function weekIndex(boundaries: number[], time: number): number {
  if (boundaries.length < 2 || time < boundaries[0]! || time >= boundaries[boundaries.length - 1]!) return -1;
  let low = 0;
  let high = boundaries.length - 2;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (boundaries[middle]! <= time) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Throws `policy_invalid` for a time zone the platform does not know: a policy that was never checked. */
function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new LiaisonError('policy_invalid', `"${timeZone}" is not a time zone.`, [
      { path: ['library', 'time_zone'], message: `"${timeZone}" is not a time zone`, hint: 'write an IANA zone such as "America/Chicago"' },
    ]);
  }
}
