import { describe, expect, it } from 'vitest';
import { checkAwayRequest, readAwayCommand } from './away-request.js';

const today = '2026-12-02';

describe('checkAwayRequest', () => {
  it.each([
    { name: 'until a later day, from today', input: { until: '2026-12-18' }, period: { person: 'USAM', from: today, until: '2026-12-18' } },
    { name: 'today only', input: { until: today }, period: { person: 'USAM', from: today, until: today } },
    { name: 'with a backup', input: { until: '2026-12-18', backup: 'UPRIYA' }, period: { person: 'USAM', from: today, until: '2026-12-18', backup: 'UPRIYA' } },
    { name: 'from a later day', input: { from: '2026-12-10', until: '2026-12-18' }, period: { person: 'USAM', from: '2026-12-10', until: '2026-12-18' } },
  ])('accepts $name', ({ input, period }) => {
    expect(checkAwayRequest('USAM', input, today)).toEqual({ ok: true, value: period });
  });

  it.each([
    { name: 'a last day in the past', input: { until: '2026-12-01' }, path: ['until'], words: 'in the past' },
    { name: 'a first day after the last', input: { from: '2026-12-20', until: '2026-12-18' }, path: ['from'], words: 'is after' },
    { name: 'more than a year', input: { until: '2028-01-01' }, path: ['until'], words: 'liaison handover' },
    { name: 'oneself as backup', input: { until: '2026-12-18', backup: 'USAM' }, path: ['backup'], words: 'is the person who is away' },
    { name: 'a date that is not one', input: { until: '2026-02-30' }, path: ['until'], words: 'is not a date' },
    { name: 'a backup that is not a person', input: { until: '2026-12-18', backup: '<!here>' }, path: ['backup'], words: 'neither a Slack user id' },
    { name: 'an unknown key', input: { until: '2026-12-18', note: '<script>' }, path: [], words: 'note' },
    { name: 'no body', input: null, path: [], words: 'not valid' },
  ])('refuses $name, naming where', ({ input, path, words }) => {
    const result = checkAwayRequest('USAM', input, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('away_invalid');
    expect(result.error.issues[0]?.path).toEqual(path);
    expect(result.error.message).toContain(words);
  });
});

describe('readAwayCommand', () => {
  it.each([
    { text: 'until 2026-12-18', request: { until: '2026-12-18' } },
    { text: '  until 2026-12-18   backup <@U024PRIYA|priya> ', request: { until: '2026-12-18', backup: 'U024PRIYA' } },
    { text: 'from 2026-12-10 until 2026-12-18', request: { from: '2026-12-10', until: '2026-12-18' } },
    { text: 'back', request: null },
  ])('reads "$text"', ({ text, request }) => {
    expect(readAwayCommand(text)).toEqual({ ok: true, value: request });
  });

  it.each(['', 'until', 'tomorrow', 'until 2026-12-18 until 2026-12-19', 'until 2026-12-18 <!here>'])('explains the command for "%s"', (text) => {
    const result = readAwayCommand(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('/away until 2026-12-18');
  });
});
