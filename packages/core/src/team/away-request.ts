/**
 * Asking to be marked away, from any surface: the dashboard's JSON and Slack's
 * `/away until 2026-12-18 [backup @someone]` both end as one checked request, judged against today.
 */
import * as z from 'zod';
import type { Issue, Result } from '../errors.js';
import { LiaisonError, err, ok } from '../errors.js';
import { staffContactSchema } from '../policy/departments.js';
import { calendarDateSchema } from '../time/calendar.js';
import type { AwayPeriod } from './cover.js';

/** The longest stretch of time away one request may set, in days: a longer one is a leaver, for `liaison handover`. */
export const longestAwayDays = 366;

/** Time away as a surface sends it: the last day away, optionally the first (today when left out) and a backup. */
export const awayRequestSchema = z.strictObject({
  from: calendarDateSchema.optional(),
  until: calendarDateSchema,
  backup: staffContactSchema.nullable().optional(),
});
export type AwayRequest = z.input<typeof awayRequestSchema>;

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * The away period `person` asked for, checked against `today` (the library's local date): it may
 * not end before today, start after it ends, last over a year, or name the person as their own backup.
 */
export function checkAwayRequest(person: string, input: unknown, today: string): Result<AwayPeriod, LiaisonError> {
  const parsed = awayRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((issue) => ({ path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'), message: issue.message }));
    return err(new LiaisonError('away_invalid', `The time away is not valid: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`, issues));
  }
  const { until, backup } = parsed.data;
  const from = parsed.data.from ?? today;
  const problems: Issue[] = [];
  if (until < today) problems.push({ path: ['until'], message: `${until} is in the past`, hint: `write the last day you are away, today (${today}) or later` });
  if (from > until) problems.push({ path: ['from'], message: `${from} is after ${until}`, hint: 'write the first day away on or before the last' });
  if (dayNumber(until) - dayNumber(from) >= longestAwayDays) problems.push({ path: ['until'], message: `is more than ${longestAwayDays} days after ${from}`, hint: 'for someone leaving, run `liaison handover` instead' });
  if (backup && backup === person) problems.push({ path: ['backup'], message: 'is the person who is away', hint: 'name someone else, or leave the backup out' });
  if (problems.length > 0) return err(new LiaisonError('away_invalid', `The time away is not valid: ${problems.map((issue) => `${issue.path.join('.')}: ${issue.message}; ${issue.hint}`).join('; ')}.`, problems));
  return ok({ person, from, until, ...(backup ? { backup } : {}) });
}

/**
 * Slack's `/away` text as a request: "until 2026-12-18", "until 2026-12-18 backup <@U024|sam>",
 * "from 2026-12-10 until 2026-12-18". "back" (or "off") means the person is back: null.
 */
export function readAwayCommand(text: string): Result<AwayRequest | null, LiaisonError> {
  const words = text.trim().split(/\s+/u).filter((word) => word !== '');
  if (words.length === 1 && /^(back|off|cancel)$/iu.test(words[0]!)) return ok(null);
  const usage = () => err(new LiaisonError('away_invalid', 'Write `/away until 2026-12-18`, optionally with `from 2026-12-10` and `backup @someone`, or `/away back`.', [{ path: [], message: 'not understood' }]));
  if (words.length === 0) return usage();
  const request: Record<string, string> = {};
  for (let index = 0; index < words.length; index += 2) {
    const key = words[index]!.toLowerCase();
    const value = words[index + 1];
    if (!['from', 'until', 'backup'].includes(key) || value === undefined || key in request) {
      return usage();
    }
    // Slack escapes a mention as <@U024BE7LH|name> (or <@U024BE7LH>).
    request[key] = key === 'backup' ? value.replace(/^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/u, '$1') : value;
  }
  return ok(request as AwayRequest);
}
