import { describe, expect, it } from 'vitest';
import { summarizeProportion, summarizeScores } from './aggregate.js';

const sleep = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

describe('summarizeScores', () => {
  it.each([
    // subject, n, minN, suppressed, reason code
    ['staff', 4, 5, true, 'suppressed_small_sample'],
    ['staff', 5, 5, false, undefined],
    ['staff', 2, 2, false, undefined],
    ['team', 3, 5, false, undefined],
    ['library', 2, 5, false, undefined],
    ['staff', 0, 5, false, 'no_data'],
    ['team', 1, 5, false, 'single_value'],
    ['staff', 1, 1, false, 'single_value'],
  ] as const)('%s with %i scores and minN %i: suppressed %s (%s)', (subject, n, minN, suppressed, code) => {
    const summary = summarizeScores(sleep.slice(0, n), { subject, minN });
    expect(summary.n).toBe(n);
    expect(summary.suppressed).toBe(suppressed);
    expect(summary.reason?.code).toBe(code);
    if (suppressed) {
      expect(summary.mean).toBeNull();
      expect(summary.ci).toBeNull();
    }
  });

  it('says why results are hidden, in words staff can read', () => {
    const summary = summarizeScores([80, 90, 70], { subject: 'staff' });
    expect(summary.reason?.message).toBe('Fewer than 5 evaluations; results are hidden to protect individual staff');
  });

  it('gives a mean and its t interval once there are enough evaluations', () => {
    const summary = summarizeScores(sleep, { subject: 'staff' });
    expect(summary.mean).toBeCloseTo(1.58, 10);
    expect(summary.ci?.[0]).toBeCloseTo(0.7001142, 6);
    expect(summary.ci?.[1]).toBeCloseTo(2.4598858, 6);
  });

  it('shows one score without an interval', () => {
    const summary = summarizeScores([72.5], { subject: 'library' });
    expect(summary.mean).toBe(72.5);
    expect(summary.ci).toBeNull();
  });

  it('flags a zero-width interval when every score is the same', () => {
    const summary = summarizeScores([100, 100, 100, 100, 100], { subject: 'team' });
    expect(summary.ci).toEqual([100, 100]);
    expect(summary.reason?.code).toBe('no_variation');
  });

  it('rejects a minN that is not a whole number of 1 or more', () => {
    expect(() => summarizeScores([1, 2], { subject: 'staff', minN: 0 })).toThrow(RangeError);
  });
});

describe('summarizeProportion', () => {
  it("gives Wilson's interval for a pass rate (Newcombe 1998: 81 of 263 -> 0.2553 to 0.3662)", () => {
    const summary = summarizeProportion(81, 263, { subject: 'library' });
    expect(summary.proportion).toBeCloseTo(81 / 263, 12);
    expect(summary.ci?.[0]).toBeCloseTo(0.2553, 4);
    expect(summary.ci?.[1]).toBeCloseTo(0.3662, 4);
  });

  it('hides one staff member’s pass rate below minN, and shows a team’s', () => {
    const staff = summarizeProportion(3, 4, { subject: 'staff', minN: 5 });
    expect(staff).toMatchObject({ n: 4, successes: null, proportion: null, ci: null, suppressed: true });
    expect(staff.reason?.code).toBe('suppressed_small_sample');
    const team = summarizeProportion(3, 4, { subject: 'team', minN: 5 });
    expect(team.suppressed).toBe(false);
    expect(team.proportion).toBe(0.75);
  });

  it('reports no data for zero evaluations', () => {
    const summary = summarizeProportion(0, 0, { subject: 'staff' });
    expect(summary.reason?.code).toBe('no_data');
    expect(summary.ci).toBeNull();
  });
});
