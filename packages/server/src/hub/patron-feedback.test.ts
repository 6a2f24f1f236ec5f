import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compileTopics, feedbackBucket, insightTopics, summarizePatronAnswers, type Policy } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';

const day = 86_400_000;
let hub: TestHub;
let staff: { authorization: string };
const everyone = (example: Policy): Policy => ({ ...example, patron_feedback: { ask_percent: 100, ask_for_days: 14 } });

beforeAll(async () => {
  hub = await startTestHub({ policy: everyone });
  staff = await hub.auth('staff');
}, 60_000);
afterAll(() => hub.close());

async function handoff(question = 'The proxy refuses my log-in from home', on: TestHub = hub) {
  const created = await on.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question, department: 'eresources' } });
  const { handoff: made, statusLink } = created.json();
  return { id: made.id as string, path: new URL(statusLink as string).pathname };
}

async function resolve(id: string, on: TestHub = hub) {
  await on.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'resolved', resolution: 'Reset the proxy account' } });
}

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe("the patron's question on the status page", () => {
  it('is asked only after resolution, takes one answer, and shows it back', async () => {
    const { id, path } = await handoff();
    const open = await hub.app.inject({ method: 'GET', url: path });
    expect(open.body).not.toContain('Was your question answered?');
    const early = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '5' }) });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('We are not asking about this request');
    expect(await hub.store.patronFeedback.find(id)).toBeUndefined();

    await resolve(id);
    const asked = await hub.app.inject({ method: 'GET', url: path });
    expect(asked.body).toContain('Was your question answered?');
    expect(asked.body).toContain(`<form method="post" action="${path}">`);
    expect(asked.body).not.toMatch(/<script/i);

    const sent = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '4', comment: 'Thanks! Write to me at zelda.quark@northfield.edu, card 21234009999999' }) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${path}#your-answer`);
    const thanked = await hub.app.inject({ method: 'GET', url: path });
    expect(thanked.body).toContain('You told us: <strong>4 of 5</strong>');
    expect(thanked.body).not.toContain('<form');
    const stored = await hub.store.patronFeedback.find(id);
    expect(stored).toMatchObject({ rating: 4, department: 'eresources' });
    expect(stored?.topics).toEqual(compileTopics(insightTopics(hub.policy.insights)).tag('The proxy refuses my log-in from home').map((tag) => tag.topicId));
    expect(stored?.topics.length).toBeGreaterThan(0);
    expect(stored?.comment).toBe('Thanks! Write to me at [e-mail hidden], card [card number hidden]');
  });

  it('never duplicates a retried POST, and refuses a different second answer politely, keeping the first', async () => {
    const { id, path } = await handoff();
    await resolve(id);
    const answer = form({ rating: '2', comment: 'Slow' });
    const [first, retried] = await Promise.all([hub.app.inject({ method: 'POST', url: path, ...answer }), hub.app.inject({ method: 'POST', url: path, ...answer })]);
    expect([first.statusCode, retried.statusCode]).toEqual([303, 303]);
    const second = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '5' }) });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('You have already answered for this request, so we kept your first answer');
    expect(second.headers['content-type']).toContain('text/html');
    const { rows } = await sql<{ count: number }>`select count(*)::int as count from patron_feedback where handoff_id = ${id}`.execute(hub.store.db);
    expect(rows[0]?.count).toBe(1);
    expect((await hub.store.patronFeedback.find(id))?.rating).toBe(2);
  });

  it('asks only the share of patrons the policy names, the same ones on every reload, and only for its days', async () => {
    const sampled = await startTestHub({ store: hub.store, clock: hub.clock, policy: (example) => ({ ...example, patron_feedback: { ask_percent: 30, ask_for_days: 7 } }) });
    try {
      const made = [];
      for (let i = 0; i < 12; i++) made.push(await handoff(`Question ${i} about a book`, sampled));
      for (const { id } of made) await resolve(id, sampled);
      for (const { id, path } of made) {
        const shouldAsk = feedbackBucket(id) < 30;
        for (let reload = 0; reload < 2; reload++) {
          expect((await sampled.app.inject({ method: 'GET', url: path })).body.includes('Was your question answered?'), id).toBe(shouldAsk);
        }
        const posted = await sampled.app.inject({ method: 'POST', url: path, ...form({ rating: '3' }) });
        expect(posted.statusCode, id).toBe(shouldAsk ? 303 : 409);
      }
      expect(made.some(({ id }) => feedbackBucket(id) < 30)).toBe(true);
      expect(made.some(({ id }) => feedbackBucket(id) >= 30)).toBe(true);

      const late = made.find(({ id }) => feedbackBucket(id) < 30) ?? made[0]!;
      const fresh = await handoff('Another book question', sampled);
      await resolve(fresh.id, sampled);
      const start = hub.clock();
      hub.clock.advance(7 * day);
      try {
        expect((await sampled.app.inject({ method: 'GET', url: fresh.path })).body).not.toContain('Was your question answered?');
        expect((await sampled.app.inject({ method: 'POST', url: fresh.path, ...form({ rating: '3' }) })).statusCode).toBe(409);
        // An answer already given stays on the page after the window closes.
        expect((await sampled.app.inject({ method: 'GET', url: late.path })).body).toContain('You told us');
      } finally {
        hub.clock.set(start);
      }
    } finally {
      await sampled.close();
    }
  }, 60_000);

  it.each([
    ['no rating', {}, 'Your answer is missing'],
    ['a rating of 9', { rating: '9' }, 'is above 5'],
    ['a word', { rating: 'five' }, 'choose'],
    ['a comment of 2,001 characters', { rating: '4', comment: 'x'.repeat(2001) }, 'Your comment is longer than 2000 characters'],
  ])('answers %s with 400 and the form again, naming the problem', async (_name, fields, problem) => {
    const { id, path } = await handoff();
    await resolve(id);
    const response = await hub.app.inject({ method: 'POST', url: path, ...form(fields as Record<string, string>) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(problem);
    expect(response.body).toContain('<form');
    expect(await hub.store.patronFeedback.find(id)).toBeUndefined();
  });

  it('refuses attacks on the form: NUL, 1 MiB, a script, a bad token — 4xx, nothing stored, nothing run', async () => {
    const { id, path } = await handoff();
    await resolve(id);
    const nul = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '4', comment: 'a\u0000b' }) });
    expect(nul.statusCode).toBe(400);
    const huge = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '4', comment: 'x'.repeat(1024 * 1024) }) });
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    const unknown = await hub.app.inject({ method: 'POST', url: '/s/not-a-real-token', ...form({ rating: '4' }) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('could not find this request');
    const weird = await hub.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '{"rating":' });
    expect(weird.statusCode).toBe(400);
    expect(await hub.store.patronFeedback.find(id)).toBeUndefined();

    const script = '<script>alert(1)</script> <!here> javascript:alert(1)';
    const invalid = await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '7', comment: script }) });
    expect(invalid.body).not.toContain('<script>alert');
    expect(invalid.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await hub.app.inject({ method: 'POST', url: path, ...form({ rating: '4', comment: script }) })).statusCode).toBe(303);
    expect((await hub.store.patronFeedback.find(id))?.comment).toBe(script);
    const page = await hub.app.inject({ method: 'GET', url: path });
    expect(page.body).not.toContain('<script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
  });
});

describe('GET /api/v1/patron-feedback and /report', () => {
  it('gives coordinators the masked comments and a report per department and topic equal to core on the same data', async () => {
    const reporting = await startTestHub({ policy: everyone, clock: hub.clock });
    const coordinatorThere = await reporting.auth('coordinator');
    const staffThere = await reporting.auth('staff');
    try {
      const ratings = [
        { question: 'The proxy refuses my log-in from home', department: 'eresources', rating: '5', comment: 'Mail me: a@b.edu' },
        { question: 'EZproxy says my session expired', department: 'eresources', rating: '2', comment: '' },
        { question: 'Where is my interlibrary loan?', department: 'ill', rating: '4', comment: 'ok' },
      ];
      for (const entry of ratings) {
        const created = await reporting.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staffThere, payload: { question: entry.question, department: entry.department } });
        const { handoff: made, statusLink } = created.json();
        await reporting.app.inject({ method: 'POST', url: `/api/v1/handoffs/${made.id}/events`, headers: staffThere, payload: { type: 'resolved', resolution: 'done' } });
        const posted = await reporting.app.inject({ method: 'POST', url: new URL(statusLink).pathname, ...form({ rating: entry.rating, comment: entry.comment }) });
        expect(posted.statusCode).toBe(303);
      }

      expect((await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback' })).statusCode).toBe(401);
      expect((await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback', headers: staffThere })).statusCode).toBe(403);
      expect((await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback/report', headers: staffThere })).statusCode).toBe(403);

      const listed = await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback', headers: coordinatorThere });
      expect(listed.statusCode).toBe(200);
      const answers = listed.json().answers as { rating: number; comment: string | null; departmentName: string; department: string; topics: string[] }[];
      expect(answers.map((answer) => answer.comment)).toEqual(['Mail me: [e-mail hidden]', null, 'ok']);
      expect(answers[0]?.departmentName).toBe('Electronic Resources');

      const report = (await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback/report', headers: coordinatorThere })).json();
      const expected = summarizePatronAnswers(answers);
      expect(report.overall).toEqual(expected.overall);
      expect(report.byDepartment).toEqual(expected.byDepartment.map(({ key, ...summary }) => ({ department: key, name: key === 'ill' ? 'Interlibrary Loan & Document Delivery' : 'Electronic Resources', ...summary })));
      expect(report.byDepartment[0].rating.n).toBe(2);
      expect(report.byDepartment[0].rating.ci).toHaveLength(2);
      expect(report.byTopic.length).toBeGreaterThan(0);
      expect(report.byTopic).toEqual(expected.byTopic.map(({ key, ...summary }) => ({ topic: key, name: expect.any(String), ...summary })));

      const one = await reporting.app.inject({ method: 'GET', url: '/api/v1/patron-feedback/report?department=ill', headers: coordinatorThere });
      expect(one.json().overall.rating.n).toBe(1);
      for (const query of ['from=yesterday', 'from=2026-04-01&to=2026-03-01', 'colour=blue', `department=${'x'.repeat(500)}`]) {
        const bad = await reporting.app.inject({ method: 'GET', url: `/api/v1/patron-feedback/report?${query}`, headers: coordinatorThere });
        expect(bad.statusCode, query).toBe(400);
        expect(bad.json().error.message, query).toBeTruthy();
      }
    } finally {
      await reporting.close();
    }
  }, 60_000);
});
