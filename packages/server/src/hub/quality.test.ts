import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub.close());

const rubricId = 'chat-transcript-review';
const allMet = { 'greeted-promptly': true, 'clarified-question': 4, accurate: true, 'follow-up': true };

async function evaluate(headers: { authorization: string }, body: Record<string, unknown>) {
  return hub.app.inject({ method: 'POST', url: '/api/v1/evaluations', headers, payload: { rubricId, ...body } });
}

describe('rubrics and evaluations', () => {
  it('lists the built-in rubrics the policy turns on and its own', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/api/v1/rubrics', headers: await hub.auth() });
    const ids = response.json().rubrics.map((r: { id: string }) => r.id);
    expect(ids).toEqual(['rusa-behavioral-2023', 'mystery-shopper-visit', 'read-scale', rubricId]);
  });

  it('scores an evaluation by the rubric and stores it against the published rubric version', async () => {
    const staff = await hub.auth();
    const full = await evaluate(staff, { staffId: 'U-SCORE', channel: 'chat', answers: allMet });
    expect(full.statusCode).toBe(201);
    expect(full.json().score).toMatchObject({ kind: 'quality', percent: 100, passed: true, failedCritical: [] });
    const again = await evaluate(staff, { staffId: 'U-SCORE', answers: { ...allMet, 'follow-up': 'na' } });
    expect(again.json().score).toMatchObject({ percent: 100, notApplicable: 1 });
    // The rubric is unchanged, so both point at the same stored version.
    expect(again.json().evaluation.rubricVersion).toBe(full.json().evaluation.rubricVersion);
  });

  it('fails an evaluation whose critical criterion is not met, whatever the rest', async () => {
    const response = await evaluate(await hub.auth(), { staffId: 'U-CRIT', answers: { ...allMet, accurate: false } });
    expect(response.json().score.passed).toBe(false);
    expect(response.json().score.failedCritical.map((f: { criterionId: string }) => f.criterionId)).toEqual(['accurate']);
  });

  it('refuses an unknown rubric (404), an answer off the scale (400) and a malformed body (400)', async () => {
    const staff = await hub.auth();
    expect((await evaluate(staff, { rubricId: 'nope', answers: allMet })).statusCode).toBe(404);
    const offScale = await evaluate(staff, { answers: { ...allMet, 'clarified-question': 9 } });
    expect(offScale.statusCode).toBe(400);
    expect(JSON.stringify(offScale.json().error)).toContain('clarified-question');
    expect((await evaluate(staff, { answers: 'all good' })).statusCode).toBe(400);
  });
});

describe('summaries', () => {
  it('hide one staff member\'s results under min_n, show them at min_n, and need a coordinator', async () => {
    const staff = await hub.auth();
    const coordinator = await hub.auth('coordinator');
    const summary = () => hub.app.inject({ method: 'GET', url: `/api/v1/evaluations/summary?rubricId=${rubricId}&staffId=U-MIN`, headers: coordinator });
    expect((await hub.app.inject({ method: 'GET', url: `/api/v1/evaluations/summary?rubricId=${rubricId}&staffId=U-MIN`, headers: staff })).statusCode).toBe(403);

    for (let i = 0; i < hub.policy.rubrics.min_n - 1; i++) await evaluate(staff, { staffId: 'U-MIN', answers: { ...allMet, 'greeted-promptly': i % 2 === 0 } });
    const hidden = (await summary()).json().summary;
    expect(hidden).toMatchObject({ n: hub.policy.rubrics.min_n - 1, mean: null, ci: null, suppressed: true, reason: { code: 'suppressed_small_sample' } });

    await evaluate(staff, { staffId: 'U-MIN', answers: allMet });
    const shown = (await summary()).json().summary;
    expect(shown.suppressed).toBe(false);
    expect(shown.n).toBe(hub.policy.rubrics.min_n);
    expect(shown.mean).toBeGreaterThan(0);
    expect(shown.ci[0]).toBeLessThanOrEqual(shown.mean);
  });

  it('shows the library-wide summary even when it is small', async () => {
    const response = await hub.app.inject({ method: 'GET', url: `/api/v1/evaluations/summary?rubricId=${rubricId}`, headers: await hub.auth('coordinator') });
    expect(response.json().summary.suppressed).toBe(false);
  });
});

describe('calibration', () => {
  it('computes Krippendorff\'s alpha across raters: 1 when they agree, lower when they do not', async () => {
    const raters = [await hub.auth(), await hub.auth()];
    const units = ['cal-1', 'cal-2', 'cal-3'];
    const clarified = [4, 2, 1];
    for (const rater of raters) {
      for (const [index, unitId] of units.entries()) {
        await evaluate(rater, { unitId, staffId: 'U-CAL', answers: { ...allMet, 'clarified-question': clarified[index] } });
      }
    }
    const coordinator = await hub.auth('coordinator');
    const agreed = await hub.app.inject({ method: 'POST', url: '/api/v1/calibration', headers: coordinator, payload: { rubricId, unitIds: units } });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json()).toMatchObject({ rubricId, raters: 2, units: 3, alpha: 1 });

    const third = await hub.auth();
    for (const [index, unitId] of units.entries()) {
      await evaluate(third, { unitId, staffId: 'U-CAL', answers: { ...allMet, 'clarified-question': clarified[units.length - 1 - index] } });
    }
    const split = await hub.app.inject({ method: 'POST', url: '/api/v1/calibration', headers: coordinator, payload: { rubricId, unitIds: units } });
    expect(split.json().raters).toBe(3);
    expect(split.json().alpha).toBeLessThan(1);
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/calibration', headers: await hub.auth('staff'), payload: { rubricId } })).statusCode).toBe(403);
  });
});

describe('GET /api/v1/insights', () => {
  it('counts topics by week and flags a spike against the usual', async () => {
    const staff = await hub.auth();
    const now = hub.clock();
    const week = 7 * 86_400_000;
    try {
      // One makerspace question a week for eight weeks, then nine in the last few days.
      for (let weeksAgo = 8; weeksAgo >= 2; weeksAgo--) {
        hub.clock.set(new Date(now.getTime() - weeksAgo * week));
        await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: 'The 3D printer in the makerspace is jammed' } });
      }
      for (let i = 0; i < 9; i++) {
        hub.clock.set(new Date(now.getTime() - (i + 1) * 3_600_000 * 6));
        await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: `Makerspace laser cutter is broken again (${i})` } });
      }
    } finally {
      hub.clock.set(now);
    }
    const response = await hub.app.inject({ method: 'GET', url: '/api/v1/insights?weeks=8', headers: staff });
    expect(response.statusCode).toBe(200);
    const insights = response.json();
    expect(insights.handoffsConsidered).toBeGreaterThanOrEqual(16);
    const spike = insights.spikes.find((s: { topicId: string }) => s.topicId === 'makerspace');
    expect(spike).toMatchObject({ isSpike: true, recent: 9 });
    expect(JSON.stringify(insights.weekly)).toContain('makerspace');
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/insights?weeks=99', headers: staff })).statusCode).toBe(400);
  });
});
