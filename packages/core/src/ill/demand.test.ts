import { describe, expect, it } from 'vitest';
import { countDemand, countDemandOfIds, DemandCounter, demandWindowFirstDay } from './demand.js';
import { demandWindowStart } from './demand-window.js';

/** The definition, written the slow way: requests with the key on days day−window+1 … day. */
function bruteForce(keys: string[], days: number[], windowDays: number, key: string, day: number): number {
  let count = 0;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key && days[i]! > day - windowDays && days[i]! <= day) count++;
  return count;
}

describe('DemandCounter', () => {
  const counter = new DemandCounter(365);
  // Added out of order on purpose.
  for (const [key, day] of [['a', 400], ['a', 100], ['b', 100], ['a', 464], ['a', 465], ['a', 100]] as const) counter.add(key, day);

  it.each<[string, number, number, string]>([
    ['a', 99, 0, 'before any request'],
    ['a', 100, 2, 'two requests on the day itself'],
    ['a', 400, 3, 'day 400: 100, 100 and 400'],
    ['a', 464, 4, 'day 100 is the first day of the window ending on day 464'],
    ['a', 465, 3, 'day 100 has left the window ending on day 465'],
    ['a', 10_000, 0, 'long after'],
    ['b', 100, 1, 'another key'],
    ['c', 100, 0, 'a key never added'],
  ])('count(%j, %i) = %i (%s)', (key, day, expected) => {
    expect(counter.count(key, day)).toBe(expected);
  });

  it('gives each request its own demand, in the order added', () => {
    expect([...counter.countEach()]).toEqual([3, 2, 1, 4, 3, 2]);
  });

  it('re-sorts when requests are added after counting', () => {
    const later = new DemandCounter(7);
    later.add('x', 10);
    expect(later.count('x', 10)).toBe(1);
    later.add('x', 5);
    later.add('x', 3);
    expect(later.count('x', 10)).toBe(2);
    expect(later.size).toBe(3);
  });

  it('a one-day window counts that day only', () => {
    expect([...countDemand(['k', 'k', 'k'], [1, 1, 2], 1)]).toEqual([2, 2, 1]);
  });

  it('agrees with the definition on random data', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const keys: string[] = [];
    const days: number[] = [];
    for (let i = 0; i < 3000; i++) {
      keys.push(`k${Math.floor(random() * 40)}`);
      days.push(19_000 + Math.floor(random() * 1000));
    }
    const counts = countDemand(keys, days, 90);
    const disagreements = keys.filter((key, i) => counts[i] !== bruteForce(keys, days, 90, key, days[i]!));
    expect(disagreements).toEqual([]);
  });

  it('refuses a window that is not a whole number of days, and a day that is not whole', () => {
    expect(() => new DemandCounter(0)).toThrow(RangeError);
    expect(() => new DemandCounter(1.5)).toThrow(/whole number of days/);
    expect(() => new DemandCounter(30).add('k', Number.NaN)).toThrow(RangeError);
    expect(() => countDemand(['k'], [], 30)).toThrow(/1 keys but 0 creation days/);
  });
});

describe('countDemandOfIds', () => {
  it('answers as countDemand does, from integer title ids', () => {
    const keys = ['a', 'b', 'a', 'a', 'c', 'b', 'a'];
    const days = [100, 100, 50, 101, 7, 465, 466];
    const ids = Int32Array.from(keys, (key) => ['a', 'b', 'c'].indexOf(key));
    for (const windowDays of [1, 2, 365]) {
      expect([...countDemandOfIds(ids, Int32Array.from(days), keys.length, 3, windowDays)]).toEqual([...countDemand(keys, days, windowDays)]);
    }
  });

  it('refuses a window shorter than a day', () => {
    expect(() => countDemandOfIds(new Int32Array(1), new Int32Array(1), 1, 1, 0)).toThrow(RangeError);
  });
});

describe('the demand window', () => {
  it('is windowDays whole calendar days ending on the day asked about', () => {
    expect(demandWindowFirstDay(400, 365)).toBe(36);
    expect(demandWindowFirstDay(400, 1)).toBe(400);
  });

  it('the counter counts exactly the days from demandWindowFirstDay to the day', () => {
    const counter = new DemandCounter(365);
    for (const day of [35, 36, 200, 400, 401]) counter.add('t', day);
    expect(counter.count('t', 400)).toBe([35, 36, 200, 400, 401].filter((day) => day >= demandWindowFirstDay(400, 365) && day <= 400).length);
  });

  it('as an instant: local midnight of the first day in the library\'s zone', () => {
    // 1 March 2026, 10:00 in Chicago; 365 days ending that day begin on 2 March 2025.
    expect(demandWindowStart(new Date('2026-03-01T10:00:00-06:00'), 365, 'America/Chicago').toISOString()).toBe(new Date('2025-03-02T00:00:00-06:00').toISOString());
    // 23:30 on 28 February in Chicago is already 1 March in UTC: the library's date counts.
    expect(demandWindowStart(new Date('2026-02-28T23:30:00-06:00'), 1, 'America/Chicago').toISOString()).toBe(new Date('2026-02-28T00:00:00-06:00').toISOString());
  });
});
