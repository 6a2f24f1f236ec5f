import { describe, expect, it } from 'vitest';
import { LiaisonError } from '../errors.js';
import type { TaggedItem, WeeklyCountsOptions } from './weekly.js';
import { weeklyCounts } from './weekly.js';

const chicago = { timeZone: 'America/Chicago' } as const;

describe('weeklyCounts', () => {
  it('counts each topic per Monday-to-Sunday week in the library’s zone, across the change to daylight time', () => {
    // US daylight time began on Sunday 8 March 2026: the week of 2 March is 167 hours long.
    const items: TaggedItem[] = [
      { at: '2026-03-02T06:00:00Z', topics: ['off-campus-access'] }, // Monday 00:00 CST: first instant of the week
      { at: '2026-03-09T04:59:00Z', topics: ['off-campus-access', 'link-resolver'] }, // Sunday 23:59 CDT
      { at: '2026-03-09T05:30:00Z', topics: ['off-campus-access'] }, // Monday 00:30 CDT: the next week
      { at: new Date('2026-03-18T15:00:00Z'), topics: ['ill-delay'] },
    ];
    expect(weeklyCounts(items, { ...chicago, from: '2026-03-03T12:00:00Z', to: '2026-03-20T12:00:00Z' })).toEqual({
      weeks: [
        { start: '2026-03-02', startsAt: '2026-03-02T06:00:00.000Z', endsAt: '2026-03-09T05:00:00.000Z', isoWeek: '2026-W10' },
        { start: '2026-03-09', startsAt: '2026-03-09T05:00:00.000Z', endsAt: '2026-03-16T05:00:00.000Z', isoWeek: '2026-W11' },
        { start: '2026-03-16', startsAt: '2026-03-16T05:00:00.000Z', endsAt: '2026-03-23T05:00:00.000Z', isoWeek: '2026-W12' },
      ],
      topics: [
        { topicId: 'ill-delay', counts: [0, 0, 1], total: 1 },
        { topicId: 'link-resolver', counts: [1, 0, 0], total: 1 },
        { topicId: 'off-campus-access', counts: [2, 1, 0], total: 3 },
      ],
    });
  });

  it('labels ISO weeks across the turn of a year with 53 weeks', () => {
    const items: TaggedItem[] = [
      { at: '2027-01-03T18:00:00Z', topics: ['fines'] }, // Sunday 3 January 2027 belongs to 2026-W53
      { at: '2027-01-04T18:00:00Z', topics: ['fines'] },
    ];
    const result = weeklyCounts(items, chicago);
    expect(result.weeks.map((week) => [week.start, week.isoWeek])).toEqual([
      ['2026-12-28', '2026-W53'],
      ['2027-01-04', '2027-W01'],
    ]);
    expect(result.topics).toEqual([{ topicId: 'fines', counts: [1, 1], total: 2 }]);
  });

  it('begins weeks on Sunday when asked, without ISO labels', () => {
    const result = weeklyCounts([{ at: '2026-03-08T18:00:00Z', topics: ['printing'] }], { ...chicago, weekStartsOn: 0 });
    expect(result.weeks).toEqual([{ start: '2026-03-08', startsAt: '2026-03-08T06:00:00.000Z', endsAt: '2026-03-15T05:00:00.000Z' }]);
  });

  it('puts one instant in different weeks in different zones', () => {
    const item = [{ at: '2026-03-09T02:00:00Z', topics: ['printing'] }];
    expect(weeklyCounts(item, chicago).weeks[0]?.start).toBe('2026-03-02'); // Sunday evening in Chicago
    expect(weeklyCounts(item, { timeZone: 'Europe/Berlin' }).weeks[0]?.start).toBe('2026-03-09'); // Monday morning in Berlin
  });

  it('zero-fills the topics asked for, in their order, before the others', () => {
    const items: TaggedItem[] = [
      { at: '2026-03-10T15:00:00Z', topics: ['zebra', 'embargo'] },
      { at: '2026-03-10T16:00:00Z', topics: ['apple'] },
    ];
    const result = weeklyCounts(items, { ...chicago, topicIds: ['printing', 'embargo', 'printing'] });
    expect(result.topics).toEqual([
      { topicId: 'printing', counts: [0], total: 0 },
      { topicId: 'embargo', counts: [1], total: 1 },
      { topicId: 'apple', counts: [1], total: 1 },
      { topicId: 'zebra', counts: [1], total: 1 },
    ]);
  });

  it('counts an item tagged twice with one topic once, and leaves out items outside the weeks', () => {
    const items: TaggedItem[] = [
      { at: '2026-03-10T15:00:00Z', topics: ['embargo', 'embargo'] },
      { at: '2026-02-10T15:00:00Z', topics: ['embargo', 'old-topic'] },
      { at: '2026-04-10T15:00:00Z', topics: ['embargo'] },
    ];
    const result = weeklyCounts(items, { ...chicago, from: '2026-03-10T00:00:00Z', to: '2026-03-12T00:00:00Z' });
    expect(result.topics).toEqual([{ topicId: 'embargo', counts: [1], total: 1 }]);
  });

  const empty: { name: string; options: WeeklyCountsOptions; weeks: number; topics: unknown[] }[] = [
    { name: 'no items and no period', options: chicago, weeks: 0, topics: [] },
    { name: 'no items and no period, with topics asked for', options: { ...chicago, topicIds: ['fines'] }, weeks: 0, topics: [{ topicId: 'fines', counts: [], total: 0 }] },
    { name: 'no items and only a start', options: { ...chicago, from: '2026-03-10T00:00:00Z', topicIds: ['fines'] }, weeks: 1, topics: [{ topicId: 'fines', counts: [0], total: 0 }] },
    { name: 'no items over three weeks', options: { ...chicago, from: '2026-03-02T12:00:00Z', to: '2026-03-20T00:00:00Z' }, weeks: 3, topics: [] },
  ];
  it.each(empty)('$name', ({ options, weeks, topics }) => {
    const result = weeklyCounts([], options);
    expect(result.weeks).toHaveLength(weeks);
    expect(result.topics).toEqual(topics);
  });

  const invalid: { name: string; items: TaggedItem[]; options: WeeklyCountsOptions; code: string; path: (string | number)[] }[] = [
    { name: 'an item with no real date', items: [{ at: '2026-03-10T15:00:00Z', topics: [] }, { at: 'last Tuesday', topics: [] }], options: chicago, code: 'request_invalid', path: ['items', 1, 'at'] },
    { name: 'an invalid Date', items: [{ at: new Date(Number.NaN), topics: [] }], options: chicago, code: 'request_invalid', path: ['items', 0, 'at'] },
    { name: 'a period that ends before it begins', items: [], options: { ...chicago, from: '2026-03-10T00:00:00Z', to: '2026-03-01T00:00:00Z' }, code: 'request_invalid', path: ['to'] },
    { name: 'a time zone that does not exist', items: [], options: { timeZone: 'America/Springfield' }, code: 'policy_invalid', path: ['library', 'time_zone'] },
  ];
  it.each(invalid)('reports $name with its path', ({ items, options, code, path }) => {
    let thrown: unknown;
    try {
      weeklyCounts(items, options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LiaisonError);
    expect((thrown as LiaisonError).code).toBe(code);
    expect((thrown as LiaisonError).issues[0]?.path).toEqual(path);
  });
});
