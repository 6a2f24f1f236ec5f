import { describe, expect, it } from 'vitest';
import { libraryCalendarSchema } from '../time/calendar.js';
import { restartedClock } from './due-time.js';
import type { HandoffEventInput } from './handoff.js';
import { routeToChosenDepartment, routingRuleSchema, serviceLevelForDepartment, type RoutingDecision } from './route.js';

// Weekdays 09:00-17:00 in Chicago.
const calendar = libraryCalendarSchema.parse({
  time_zone: 'America/Chicago',
  opening_hours: { monday: '09:00-17:00', tuesday: '09:00-17:00', wednesday: '09:00-17:00', thursday: '09:00-17:00', friday: '09:00-17:00' },
});
const policy = {
  default_service_level: '2 business days',
  rules: [
    routingRuleSchema.parse({ id: 'off-campus', department: 'eresources', service_level: '4 opening hours', match: { words: ['proxy'] } }),
    routingRuleSchema.parse({ id: 'reserves', department: 'circulation', service_level: '1 business day', responsibility: 'retained', match: { words: ['reserve'] } }),
    routingRuleSchema.parse({ id: 'everything-else', default: true, department: 'reference', service_level: '1 business day' }),
  ],
};
// Monday 10:00 in Chicago.
const now = new Date('2026-03-02T10:00:00-06:00');
const handoff = { serviceLevel: '4 opening hours' };

describe('serviceLevelForDepartment', () => {
  it.each([
    ['eresources', '4 opening hours'],
    ['circulation', '1 business day'],
    ['reference', '1 business day'],
    ['special-collections', '2 business days'],
  ])('%s: %s', (department, expected) => {
    expect(serviceLevelForDepartment(policy, department)).toBe(expected);
  });
});

describe('routeToChosenDepartment', () => {
  const routed: RoutingDecision = {
    department: 'reference', serviceLevel: '1 business day', responsibility: 'passed', ruleId: 'everything-else', isDefault: true, matched: { words: [] },
    explanation: 'No rule matched; the default rule "everything-else" applies.',
  };

  it('keeps the rules\' decision when staff chose the same department', () => {
    expect(routeToChosenDepartment(routed, 'reference', policy)).toBe(routed);
  });

  it('takes the chosen department\'s first rule: its service level, responsibility and id', () => {
    expect(routeToChosenDepartment(routed, 'circulation', policy)).toMatchObject({
      department: 'circulation', serviceLevel: '1 business day', responsibility: 'retained', ruleId: 'reserves',
      explanation: 'Sent to circulation by staff (the rules suggested reference).',
    });
  });

  it('a department no rule names gets the default service level', () => {
    expect(routeToChosenDepartment(routed, 'special-collections', policy)).toMatchObject({ serviceLevel: '2 business days', ruleId: 'chosen-by-staff', responsibility: 'passed' });
  });
});

describe('restartedClock', () => {
  const cases: { event: HandoffEventInput; expected: { dueAt?: string; serviceLevel?: string } }[] = [
    // Reopened: its own 4 opening hours again, from Monday 10:00.
    { event: { type: 'reopened', reason: 'broke again' }, expected: { dueAt: '2026-03-02T14:00:00-06:00' } },
    // Reassigned to circulation: circulation's 1 business day, and that service level.
    { event: { type: 'reassigned', toDepartment: 'circulation' }, expected: { serviceLevel: '1 business day', dueAt: '2026-03-03T10:00:00-06:00' } },
    // Reassigned to a department no rule names: the default 2 business days.
    { event: { type: 'reassigned', toDepartment: 'special-collections' }, expected: { serviceLevel: '2 business days', dueAt: '2026-03-04T10:00:00-06:00' } },
    { event: { type: 'accepted' }, expected: {} },
    { event: { type: 'info_requested', note: 'which link?' }, expected: {} },
    { event: { type: 'resolved', resolution: 'fixed' }, expected: {} },
  ];
  it.each(cases)('$event.type $event.toDepartment', ({ event, expected }) => {
    const options = restartedClock(handoff, event, policy, calendar, now);
    expect({ ...options, dueAt: options.dueAt?.toISOString() }).toEqual({ ...expected, dueAt: expected.dueAt && new Date(expected.dueAt).toISOString() });
  });
});
