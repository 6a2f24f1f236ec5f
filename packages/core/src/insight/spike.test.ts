import { describe, expect, it } from 'vitest';
import { LiaisonError } from '../errors.js';
import { poissonUpperTail } from './poisson.js';
import type { SpikeOptions, SpikeReasonCode } from './spike.js';
import { detectSpikes } from './spike.js';
import type { TaggedItem } from './weekly.js';

const now = new Date('2026-03-10T12:00:00Z');
const day = 24 * 60 * 60 * 1000;

/** `count` items tagged `topicId`, spread evenly from `fromDaysAgo` to `toDaysAgo` before now. */
function mentions(topicId: string, count: number, fromDaysAgo: number, toDaysAgo: number): TaggedItem[] {
  return Array.from({ length: count }, (_, index) => {
    const daysAgo = fromDaysAgo - ((fromDaysAgo - toDaysAgo) * (index + 0.5)) / count;
    return { at: new Date(now.getTime() - daysAgo * day).toISOString(), topics: [topicId] };
  });
}

// Something was recorded ten weeks ago, so the record covers the whole 8-week baseline.
const historyStart: TaggedItem = { at: new Date(now.getTime() - 70 * day), topics: ['printing'] };
const proxy = { id: 'off-campus-access', label: 'Proxy / off-campus access' };

describe('detectSpikes', () => {
  const cases: {
    name: string;
    items: TaggedItem[];
    options?: Partial<SpikeOptions>;
    expected: { recent: number; baselineMean: number | null; pValue: number | null; isSpike: boolean; code: SpikeReasonCode; message: string };
  }[] = [
    {
      name: 'a spike: 14 this week against a usual 3 a week',
      items: [historyStart, ...mentions('off-campus-access', 24, 63, 7), ...mentions('off-campus-access', 14, 7, 0)],
      expected: {
        recent: 14,
        baselineMean: 3,
        pValue: poissonUpperTail(14, 3),
        isSpike: true,
        code: 'spike',
        message: 'Proxy / off-campus access: 14 in the last 7 days against a usual 3.0 a week: 4.7 times the usual, unlikely by chance (p < 0.0001)',
      },
    },
    {
      name: 'an ordinary week: 5 against a usual 3',
      items: [historyStart, ...mentions('off-campus-access', 24, 63, 7), ...mentions('off-campus-access', 5, 7, 0)],
      expected: {
        recent: 5,
        baselineMean: 3,
        pValue: poissonUpperTail(5, 3),
        isSpike: false,
        code: 'within_usual_range',
        message: 'Proxy / off-campus access: 5 in the last 7 days against a usual 3.0 a week, within the usual range (p = 0.18)',
      },
    },
    {
      name: 'improbable but too few: 4 against a usual 0.25',
      items: [historyStart, ...mentions('off-campus-access', 2, 63, 7), ...mentions('off-campus-access', 4, 7, 0)],
      expected: {
        recent: 4,
        baselineMean: 0.25,
        pValue: poissonUpperTail(4, 0.25),
        isSpike: false,
        code: 'below_min_count',
        message: 'Proxy / off-campus access: 4 in the last 7 days against a usual 0.3 a week; fewer than 5, too few to call a spike',
      },
    },
    {
      name: 'a topic never mentioned before, now mentioned 6 times',
      items: [historyStart, ...mentions('off-campus-access', 6, 7, 0)],
      expected: {
        recent: 6,
        baselineMean: 0,
        pValue: null,
        isSpike: true,
        code: 'spike_without_baseline',
        message: 'Proxy / off-campus access: 6 in the last 7 days; no baseline yet (none in the 8 weeks before), and 6 reaches the minimum of 5',
      },
    },
    {
      name: 'a topic never mentioned before, now mentioned 3 times',
      items: [historyStart, ...mentions('off-campus-access', 3, 7, 0)],
      expected: {
        recent: 3,
        baselineMean: 0,
        pValue: null,
        isSpike: false,
        code: 'no_baseline',
        message: 'Proxy / off-campus access: 3 in the last 7 days; no baseline yet (none in the 8 weeks before), and 3 is fewer than the minimum of 5',
      },
    },
    {
      name: 'a library in its first days: no history before the window',
      items: mentions('off-campus-access', 7, 3, 0),
      expected: {
        recent: 7,
        baselineMean: null,
        pValue: null,
        isSpike: true,
        code: 'spike_without_baseline',
        message: 'Proxy / off-campus access: 7 in the last 7 days; no baseline yet (less than a week of history before this), and 7 reaches the minimum of 5',
      },
    },
    {
      // Dividing 12 mentions by all 8 weeks would say 1.5 a week and call 6 a spike (p = 0.0045).
      name: 'a record four weeks old: the usual rate is over those four weeks, not eight',
      items: [...mentions('off-campus-access', 12, 35, 7), ...mentions('off-campus-access', 6, 7, 0)],
      options: { dataSince: new Date(now.getTime() - 35 * day) },
      expected: {
        recent: 6,
        baselineMean: 3,
        pValue: poissonUpperTail(6, 3),
        isSpike: false,
        code: 'within_usual_range',
        message: 'Proxy / off-campus access: 6 in the last 7 days against a usual 3.0 a week, within the usual range (p = 0.084)',
      },
    },
    {
      name: 'a two-week window expects twice the weekly rate',
      items: [historyStart, ...mentions('off-campus-access', 16, 70, 14), ...mentions('off-campus-access', 9, 14, 0)],
      options: { windowDays: 14 },
      expected: {
        recent: 9,
        baselineMean: 2,
        pValue: poissonUpperTail(9, 4),
        isSpike: false,
        code: 'within_usual_range',
        message: 'Proxy / off-campus access: 9 in the last 14 days against a usual 2.0 a week, within the usual range (p = 0.021)',
      },
    },
    {
      name: 'the same two weeks with a looser threshold',
      items: [historyStart, ...mentions('off-campus-access', 16, 70, 14), ...mentions('off-campus-access', 9, 14, 0)],
      options: { windowDays: 14, threshold: 0.05 },
      expected: {
        recent: 9,
        baselineMean: 2,
        pValue: poissonUpperTail(9, 4),
        isSpike: true,
        code: 'spike',
        message: 'Proxy / off-campus access: 9 in the last 14 days against a usual 2.0 a week: 2.3 times the usual, unlikely by chance (p = 0.021)',
      },
    },
    {
      name: 'a higher minimum count',
      items: [historyStart, ...mentions('off-campus-access', 8, 63, 7), ...mentions('off-campus-access', 8, 7, 0)],
      options: { minCount: 10 },
      expected: {
        recent: 8,
        baselineMean: 1,
        pValue: poissonUpperTail(8, 1),
        isSpike: false,
        code: 'below_min_count',
        message: 'Proxy / off-campus access: 8 in the last 7 days against a usual 1.0 a week; fewer than 10, too few to call a spike',
      },
    },
    {
      name: 'mentions after now and before the baseline are left out',
      items: [
        historyStart,
        ...mentions('off-campus-access', 24, 63, 7),
        ...mentions('off-campus-access', 20, 70, 63.5),
        ...mentions('off-campus-access', 30, -1, -5),
        ...mentions('off-campus-access', 2, 7, 0),
      ],
      expected: {
        recent: 2,
        baselineMean: 3,
        pValue: poissonUpperTail(2, 3),
        isSpike: false,
        code: 'below_min_count',
        message: 'Proxy / off-campus access: 2 in the last 7 days against a usual 3.0 a week; fewer than 5, too few to call a spike',
      },
    },
  ];
  it.each(cases)('$name', ({ items, options, expected }) => {
    const [result] = detectSpikes(items, [proxy], { now, ...options });
    expect(result).toBeDefined();
    expect(result!.recent).toBe(expected.recent);
    if (expected.baselineMean === null) expect(result!.baselineMean).toBeNull();
    else expect(result!.baselineMean).toBeCloseTo(expected.baselineMean, 10);
    if (expected.pValue === null) expect(result!.pValue).toBeNull();
    else expect(result!.pValue).toBeCloseTo(expected.pValue, 12);
    expect(result!.isSpike).toBe(expected.isSpike);
    expect(result!.reason).toEqual({ code: expected.code, message: expected.message });
  });

  it('gives the ratio against the usual count for the window, or none without a usual count', () => {
    const items = [historyStart, ...mentions('off-campus-access', 24, 63, 7), ...mentions('off-campus-access', 12, 7, 0), ...mentions('embargo', 6, 7, 0)];
    const [proxyResult, embargoResult] = detectSpikes(items, [proxy, { id: 'embargo' }], { now });
    expect(proxyResult?.ratio).toBeCloseTo(4, 10);
    expect(embargoResult?.ratio).toBeNull();
    expect(embargoResult?.reason.message.startsWith('embargo: 6 in the last 7 days')).toBe(true);
  });

  it('assesses every topic asked for, even one never mentioned, in the order given', () => {
    const results = detectSpikes([historyStart], [{ id: 'ill-delay', label: 'ILL delay' }, proxy], { now });
    expect(results.map((result) => [result.topicId, result.recent, result.isSpike, result.reason.code])).toEqual([
      ['ill-delay', 0, false, 'no_baseline'],
      ['off-campus-access', 0, false, 'no_baseline'],
    ]);
  });

  it('without topics, assesses every topic mentioned in the window or its baseline, by id', () => {
    // historyStart ("printing", ten weeks ago) is older than the baseline, so printing is not assessed.
    const items = [historyStart, ...mentions('zebra', 1, 3, 2), ...mentions('apple', 1, 30, 29)];
    expect(detectSpikes(items, undefined, { now }).map((result) => result.topicId)).toEqual(['apple', 'zebra']);
  });

  it('counts an item tagged twice with one topic once', () => {
    const items: TaggedItem[] = [historyStart, { at: new Date(now.getTime() - day), topics: ['off-campus-access', 'off-campus-access'] }];
    expect(detectSpikes(items, [proxy], { now })[0]?.recent).toBe(1);
  });

  const invalid: { name: string; options: Partial<SpikeOptions>; path: (string | number)[] }[] = [
    { name: 'a window of no days', options: { windowDays: 0 }, path: ['windowDays'] },
    { name: 'a baseline of negative weeks', options: { baselineWeeks: -2 }, path: ['baselineWeeks'] },
    { name: 'a minimum count of 2.5', options: { minCount: 2.5 }, path: ['minCount'] },
    { name: 'a threshold of 1', options: { threshold: 1 }, path: ['threshold'] },
    { name: 'a now that is not a date', options: { now: 'soon' }, path: ['now'] },
  ];
  it.each(invalid)('refuses $name', ({ options, path }) => {
    let thrown: unknown;
    try {
      detectSpikes([historyStart], [proxy], { now, ...options });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LiaisonError);
    expect((thrown as LiaisonError).code).toBe('request_invalid');
    expect((thrown as LiaisonError).issues[0]?.path).toEqual(path);
  });
});
