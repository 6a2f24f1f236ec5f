import { describe, expect, it } from 'vitest';
import { formatIssue } from '../errors.js';
import { parseServiceLevel, serviceLevelSchema, type ServiceLevel } from './service-level.js';

describe('parseServiceLevel', () => {
  const accepted: [string, ServiceLevel][] = [
    ['4 opening hours', { kind: 'opening_time', minutes: 240, text: '4 opening hours' }],
    ['1 opening hour', { kind: 'opening_time', minutes: 60, text: '1 opening hour' }],
    ['1.5 opening hours', { kind: 'opening_time', minutes: 90, text: '1.5 opening hours' }],
    ['30 opening minutes', { kind: 'opening_time', minutes: 30, text: '30 opening minutes' }],
    ['1 business day', { kind: 'business_days', days: 1, text: '1 business day' }],
    ['  2   Business Days ', { kind: 'business_days', days: 2, text: '2 business days' }],
    ['1 business days', { kind: 'business_days', days: 1, text: '1 business day' }],
    ['48 hours', { kind: 'elapsed_time', minutes: 2880, text: '48 hours' }],
    ['24 calendar hours', { kind: 'elapsed_time', minutes: 1440, text: '24 hours' }],
    ['90 minutes', { kind: 'elapsed_time', minutes: 90, text: '90 minutes' }],
    ['3 days', { kind: 'calendar_days', days: 3, text: '3 days' }],
    ['1 calendar day', { kind: 'calendar_days', days: 1, text: '1 day' }],
    ['4opening hours', { kind: 'opening_time', minutes: 240, text: '4 opening hours' }],
  ];
  it.each(accepted)('reads %j', (text, expected) => {
    expect(parseServiceLevel(text)).toEqual({ ok: true, value: expected });
  });

  const rejected: [string, string][] = [
    ['2 bussiness days', 'try "2 business days"'],
    ['1 buisness day', 'try "1 business day"'],
    ['4 opning hours', 'try "4 opening hours"'],
    ['4 hrs', 'try "4 opening hours", or "4 hours" to count closed time too'],
    ['2 working days', 'try "2 business days"'],
    ['8 business hours', 'try "8 opening hours"'],
    ['two business days', 'try "2 business days"'],
    ['business day', 'try "1 business day"'],
    ['1 week', 'try "7 days" or "5 business days"'],
    ['4', 'say in what, e.g. "4 opening hours" or "4 business days"'],
    ['1.5 business days', 'try "2 business days"'],
    ['1.5 days', 'try "36 hours"'],
    ['0.01 opening hours', 'try "1 opening minute"'],
    ['0 opening hours', 'a hand-off needs some time, e.g. "1 opening hour"'],
    ['-2 days', 'a hand-off needs some time, e.g. "1 day"'],
    ['soon', 'write e.g. "4 opening hours", "2 business days", "48 hours" or "3 days"'],
    ['', 'write e.g. "4 opening hours", "2 business days", "48 hours" or "3 days"'],
    ['3 fortnights', 'write e.g. "4 opening hours", "2 business days", "48 hours" or "3 days"'],
  ];
  it.each(rejected)('rejects %j with the hint %j', (text, hint) => {
    const result = parseServiceLevel(text);
    if (result.ok) throw new Error(`accepted ${text}`);
    expect(result.error.code).toBe('service_level_invalid');
    expect(result.error.issues[0]?.hint).toBe(hint);
    expect(result.error.message).toBe(formatIssue(result.error.issues[0]!));
  });
});

describe('serviceLevelSchema', () => {
  it('keeps the text as written (trimmed)', () => {
    expect(serviceLevelSchema.parse(' 2 business days ')).toBe('2 business days');
  });

  it('puts the hint in the issue, after "; "', () => {
    const result = serviceLevelSchema.safeParse('2 bussiness days');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      message: '"2 bussiness days" is not a service level; try "2 business days"',
      params: { hint: 'try "2 business days"' },
    });
  });
});
