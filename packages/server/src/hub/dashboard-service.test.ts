import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpen, percentile, type Handoff } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
let coordinator: { authorization: string };
const minute = 60_000;

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const response = await hub.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

/** Hand-offs with varied response and resolution times, made and answered through the API as the clock moves. */
async function seed(): Promise<void> {
  // A fixed pseudo-random sequence, so the data (and any failure) is the same every run.
  let seedValue = 7;
  const next = () => (seedValue = (seedValue * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 24; i += 1) {
    hub.clock.advance(Math.round(30 + next() * 600) * minute);
    const { handoff } = (await call('POST', '/api/v1/handoffs', staff, {
      question: `EZproxy login loop number ${i} from off-campus`,
      department: i % 3 === 0 ? 'reference' : 'eresources',
    })) as { handoff: Handoff };
    const started = hub.clock();
    hub.clock.advance(Math.round(5 + next() * 300) * minute);
    if (i % 5 === 4) {
      await call('POST', `/api/v1/handoffs/${handoff.id}/events`, staff, { type: 'reassigned', toDepartment: 'acquisitions' });
      hub.clock.advance(20 * minute);
    }
    if (i % 7 === 6) {
      await call('POST', `/api/v1/handoffs/${handoff.id}/events`, staff, { type: 'returned', reason: 'Not ours' });
    } else if (i % 4 !== 3) {
      await call('POST', `/api/v1/handoffs/${handoff.id}/events`, staff, { type: 'accepted' });
      hub.clock.advance(Math.round(10 + next() * 2000) * minute);
      await call('POST', `/api/v1/handoffs/${handoff.id}/events`, staff, { type: 'resolved', resolution: 'Answered' });
    }
    hub.clock.set(new Date(started.getTime() + 60 * minute));
  }
  hub.clock.advance(3 * 24 * 60 * minute);
}

beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
  coordinator = await hub.auth('coordinator');
  await seed();
}, 120_000);
afterAll(() => hub.close());

describe('the Service report', () => {
  it("agrees with core's percentile on every hand-off of the period, department by department", async () => {
    const report = await call('GET', '/api/v1/dashboard/service?weeks=8', staff);
    const everything = await hub.store.handoffs.list({ limit: 1000 });
    for (const department of report.departments as { id: string; total: null | Record<string, never>; weeks: { n: number }[] }[]) {
      const mine: Handoff[] = everything.filter((h) => h.department === department.id);
      if (mine.length === 0) {
        expect(department.total).toBeNull();
        continue;
      }
      const minutes = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / minute;
      const firstResponses = mine.flatMap((h) => {
        const first = h.history.find((event) => event.sequence > 1 && event.type !== 'noted');
        return first ? [minutes(h.createdAt, first.at)] : [];
      });
      const resolutions = mine.flatMap((h) => (h.resolvedAt ? [minutes(h.createdAt, h.resolvedAt)] : []));
      const now = hub.clock().getTime();
      const breaches = mine.filter((h) => (h.resolvedAt ? h.resolvedAt > h.dueAt : isOpen(h.state) && new Date(h.dueAt).getTime() < now));
      expect(department.total).toMatchObject({
        n: mine.length,
        firstResponse: { n: firstResponses.length },
        resolution: { n: resolutions.length },
        breaches: breaches.length,
        returned: mine.filter((h) => h.history.some((event) => event.type === 'returned')).length,
      });
      const total = department.total as unknown as { firstResponse: Record<string, number>; resolution: Record<string, number>; handoffsPerQuestion: number };
      expect(total.firstResponse['medianMinutes']).toBeCloseTo(percentile(firstResponses, 0.5)!, 6);
      expect(total.firstResponse['p90Minutes']).toBeCloseTo(percentile(firstResponses, 0.9)!, 6);
      if (resolutions.length > 0) {
        expect(total.resolution['medianMinutes']).toBeCloseTo(percentile(resolutions, 0.5)!, 6);
        expect(total.resolution['p90Minutes']).toBeCloseTo(percentile(resolutions, 0.9)!, 6);
      }
      const perQuestion = mine.map((h) => 1 + h.history.filter((event) => event.type === 'reassigned').length);
      expect(total.handoffsPerQuestion).toBeCloseTo(perQuestion.reduce((a, b) => a + b, 0) / perQuestion.length, 6);
      expect(department.weeks.reduce((sum, week) => sum + week.n, 0)).toBe(mine.length);
    }
  });

  it('shows individual staff results to coordinators only, hiding owners with fewer than min_n hand-offs', async () => {
    const forbidden = await hub.app.inject({ url: '/api/v1/dashboard/service/staff', headers: staff });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const allowed = await call('GET', '/api/v1/dashboard/service/staff', coordinator);
    expect(allowed.staff.length).toBeGreaterThan(0);
    for (const row of allowed.staff) expect(row.suppressed).toBe(row.n < allowed.minN);
  });

  it('names a bad period or department', async () => {
    const weeks = await hub.app.inject({ url: '/api/v1/dashboard/service?weeks=0', headers: staff });
    expect(weeks.statusCode).toBe(400);
    expect(weeks.json().error.message).toContain('weeks must be at least 1');
    const department = await hub.app.inject({ url: '/api/v1/dashboard/service?department=nowhere', headers: staff });
    expect(department.statusCode).toBe(400);
  });
});
