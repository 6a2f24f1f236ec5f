import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { libraryCalendarSchema, openingHoursOn, openingIntervals, type LibraryCalendarInput } from './calendar.js';
import { suggestTimeZone } from './time-zone.js';

const base: LibraryCalendarInput = {
  time_zone: 'America/Chicago',
  opening_hours: { monday: ['13:00-17:00', '8:00-12:00'], friday: '08:00-17:00', sunday: 'closed' },
  holidays: [],
};

function issuesOf(input: unknown) {
  const result = libraryCalendarSchema.safeParse(input);
  if (result.success) throw new Error('expected the calendar to be rejected');
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe('libraryCalendarSchema', () => {
  it('normalises hours: sorted ranges, zero-padded times, left-out and closed days as empty lists', () => {
    const calendar = libraryCalendarSchema.parse(base);
    expect(calendar.opening_hours.monday).toEqual([
      { opens: '08:00', closes: '12:00' },
      { opens: '13:00', closes: '17:00' },
    ]);
    expect(calendar.opening_hours.friday).toEqual([{ opens: '08:00', closes: '17:00' }]);
    expect(calendar.opening_hours.sunday).toEqual([]);
    expect(calendar.opening_hours.tuesday).toEqual([]);
    expect(calendar.holidays).toEqual([]);
  });

  it('accepts a holiday date given as a YAML Date and as text, and reduced hours', () => {
    const calendar = libraryCalendarSchema.parse({
      ...base,
      holidays: [
        { date: new Date(Date.UTC(2026, 10, 26)), name: 'Thanksgiving' },
        { date: '2026-12-24', name: 'Christmas Eve', hours: '08:00-12:00' },
      ],
    });
    expect(calendar.holidays).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving' },
      { date: '2026-12-24', name: 'Christmas Eve', hours: [{ opens: '08:00', closes: '12:00' }] },
    ]);
    expect(openingHoursOn(calendar, '2026-11-26')).toMatchObject({ hours: [], holiday: { name: 'Thanksgiving' } });
    expect(openingHoursOn(calendar, '2026-11-30').hours).toEqual(calendar.opening_hours.monday);
  });

  it('accepts "00:00-24:00" as open all day', () => {
    const calendar = libraryCalendarSchema.parse({ ...base, opening_hours: { monday: '00:00-24:00' } });
    expect(calendar.opening_hours.monday).toEqual([{ opens: '00:00', closes: '24:00' }]);
  });

  it('can be extended with the rest of the library section', () => {
    const library = libraryCalendarSchema.safeExtend({ name: z.string() }).parse({ ...base, name: 'Northfield' });
    expect(library.name).toBe('Northfield');
  });

  const rejected: { case: string; input: unknown; path: (string | number)[]; message: RegExp }[] = [
    { case: 'a misspelt zone', input: { ...base, time_zone: 'America/Chicgo' }, path: ['time_zone'], message: /did you mean "America\/Chicago"/ },
    { case: 'a bare city', input: { ...base, time_zone: 'Chicago' }, path: ['time_zone'], message: /did you mean "America\/Chicago"/ },
    { case: 'no zone at all', input: { ...base, time_zone: 'Nowhere at all' }, path: ['time_zone'], message: /IANA name/ },
    { case: 'overlapping ranges', input: { ...base, opening_hours: { monday: ['08:00-12:00', '11:00-17:00'] } }, path: ['opening_hours', 'monday', 1], message: /overlaps "08:00-12:00"; merge them into "08:00-17:00"/ },
    { case: 'a range that closes before it opens', input: { ...base, opening_hours: { friday: '22:00-02:00' } }, path: ['opening_hours', 'friday'], message: /cannot pass midnight.*"22:00-24:00".*"00:00-02:00"/ },
    { case: 'an empty range', input: { ...base, opening_hours: { friday: '09:00-09:00' } }, path: ['opening_hours', 'friday'], message: /write "closed"/ },
    { case: '12-hour times', input: { ...base, opening_hours: { friday: '9am-5:30pm' } }, path: ['opening_hours', 'friday'], message: /try "09:00-17:30"/ },
    { case: 'an impossible hour', input: { ...base, opening_hours: { friday: '08:00-25:00' } }, path: ['opening_hours', 'friday'], message: /latest is "24:00"/ },
    { case: 'a bad range in a list', input: { ...base, opening_hours: { friday: ['08:00-12:00', 'noon-5'] } }, path: ['opening_hours', 'friday', 1], message: /"noon-5" is not a range/ },
    { case: '"all day" in words', input: { ...base, opening_hours: { friday: '24 hours' } }, path: ['opening_hours', 'friday'], message: /"00:00-24:00"/ },
    { case: 'an unknown day', input: { ...base, opening_hours: { mon: '08:00-17:00' } }, path: ['opening_hours'], message: /mon/ },
    { case: 'an impossible holiday date', input: { ...base, holidays: [{ date: '2026-02-30', name: 'Leap' }] }, path: ['holidays', 0, 'date'], message: /YYYY-MM-DD/ },
    { case: 'a holiday listed twice', input: { ...base, holidays: [{ date: '2026-07-04', name: 'Independence Day' }, { date: new Date(Date.UTC(2026, 6, 4)), name: 'Fourth' }] }, path: ['holidays', 1, 'date'], message: /listed twice/ },
    { case: 'a holiday without a name', input: { ...base, holidays: [{ date: '2026-07-04', name: ' ' }] }, path: ['holidays', 0, 'name'], message: /name the holiday/ },
    { case: 'an unknown holiday key', input: { ...base, holidays: [{ date: '2026-07-04', name: 'Fourth', open: '08:00-12:00' }] }, path: ['holidays', 0], message: /open/ },
  ];
  it.each(rejected)('rejects $case with a path and a remedy', ({ input, path, message }) => {
    const issues = issuesOf(input);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('suggestTimeZone', () => {
  it.each([
    ['America/Chicgo', 'America/Chicago'],
    ['europe/londn', 'Europe/London'],
    ['Sydney', 'Australia/Sydney'],
    ['new york', 'America/New_York'],
    ['Xyzzy/Plugh', undefined],
  ])('%s -> %s', (typed, expected) => {
    expect(suggestTimeZone(typed)).toBe(expected);
  });
});

describe('openingIntervals', () => {
  const calendar = libraryCalendarSchema.parse({
    time_zone: 'America/Chicago',
    opening_hours: { monday: ['08:00-12:00', '13:00-17:00'], tuesday: '00:00-24:00', wednesday: '00:00-24:00' },
    holidays: [{ date: '2026-03-04', name: 'Closure', hours: '00:00-10:00' }],
  });

  it('clips to the window, keeps the lunch break, and merges days that run into each other', () => {
    const intervals = openingIntervals(calendar, new Date('2026-03-02T10:00:00-06:00'), new Date('2026-03-06T00:00:00-06:00'));
    expect(intervals.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      [new Date('2026-03-02T10:00:00-06:00').toISOString(), new Date('2026-03-02T12:00:00-06:00').toISOString()],
      [new Date('2026-03-02T13:00:00-06:00').toISOString(), new Date('2026-03-02T17:00:00-06:00').toISOString()],
      // Tuesday 00:00 to the holiday's reduced close on Wednesday at 10:00, as one stretch.
      [new Date('2026-03-03T00:00:00-06:00').toISOString(), new Date('2026-03-04T10:00:00-06:00').toISOString()],
    ]);
  });

  it('is empty for an empty or backwards window', () => {
    expect(openingIntervals(calendar, new Date('2026-03-02T10:00:00-06:00'), new Date('2026-03-02T10:00:00-06:00'))).toEqual([]);
    expect(openingIntervals(calendar, new Date('2026-03-03T10:00:00-06:00'), new Date('2026-03-02T10:00:00-06:00'))).toEqual([]);
  });
});
