import { describe, expect, it } from 'vitest';
import { libraryCalendarSchema } from '../time/calendar.js';
import {
  defaultEscalationLadder,
  escalationLadderSchema,
  markReminderSent,
  reminderKey,
  reminderRecipient,
  remindersDue,
  type EscalationRung,
} from './escalation.js';
import type { Handoff, HandoffState } from './handoff.js';
import { isOverdue } from './lifecycle.js';

// Weekdays 09:00-17:00 in Chicago; clocks spring forward on Sunday 8 March 2026.
const calendar = libraryCalendarSchema.parse({
  time_zone: 'America/Chicago',
  opening_hours: { monday: '09:00-17:00', tuesday: '09:00-17:00', wednesday: '09:00-17:00', thursday: '09:00-17:00', friday: '09:00-17:00' },
});

const ladder = escalationLadderSchema.parse(undefined);

function handoff(overrides: Partial<Handoff> & Pick<Handoff, 'createdAt' | 'dueAt' | 'serviceLevel'>): Handoff {
  const { createdAt, dueAt, serviceLevel } = overrides;
  return {
    id: 'H-1',
    state: 'accepted',
    question: 'Proxy fails off campus',
    summary: 'Proxy fails off campus',
    department: 'eresources',
    owner: 'U02ERES',
    sender: { id: 'U01DESK' },
    responsibility: 'passed',
    updatedAt: createdAt,
    links: {},
    history: [],
    remindersSent: [],
    ...overrides,
    createdAt: new Date(createdAt).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    serviceLevel,
  };
}

// Created Monday 09:00, 4 opening hours: due Monday 13:00.
const morning = { createdAt: '2026-03-02T09:00:00-06:00', dueAt: '2026-03-02T13:00:00-06:00', serviceLevel: '4 opening hours' };
// Created Monday 15:00, 4 opening hours: 2 hours Monday, 2 on Tuesday; due Tuesday 11:00.
const overnight = { createdAt: '2026-03-02T15:00:00-06:00', dueAt: '2026-03-03T11:00:00-06:00', serviceLevel: '4 opening hours' };
// Created Friday 15:00, 1 business day: due Monday 15:00 (after spring-forward); 2 + 6 opening hours.
const weekend = { createdAt: '2026-03-06T15:00:00-06:00', dueAt: '2026-03-09T15:00:00-05:00', serviceLevel: '1 business day' };
// Created Friday 16:00, 48 hours of plain time: due Sunday 17:00 CDT (22:00Z).
const plain = { createdAt: '2026-03-06T16:00:00-06:00', dueAt: '2026-03-08T17:00:00-05:00', serviceLevel: '48 hours' };

type Expected = { rung: string; covers: string[]; notify: string; dueAt: string; elapsedPercent: number };
const rung = (key: string, notify: string, dueAt: string, elapsedPercent: number, covers = [key]): Expected => ({ rung: key, covers, notify, dueAt: new Date(dueAt).toISOString(), elapsedPercent });

const cases: { case: string; handoff: Handoff; now: string; due: Expected[] }[] = [
  { case: 'just before 75%', handoff: handoff(morning), now: '2026-03-02T11:59:00-06:00', due: [] },
  { case: 'at 75%, the owner', handoff: handoff(morning), now: '2026-03-02T12:00:00-06:00', due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 75)] },
  {
    case: 'at the due time with 75% not sent: one reminder, the 100% rung, standing for both',
    handoff: handoff(morning),
    now: '2026-03-02T13:00:00-06:00',
    due: [rung('100%', 'department_lead', '2026-03-02T13:00:00-06:00', 100, ['75%', '100%'])],
  },
  { case: 'a rung already sent is not sent again', handoff: handoff({ ...morning, remindersSent: ['75%'] }), now: '2026-03-02T13:00:00-06:00', due: [rung('100%', 'department_lead', '2026-03-02T13:00:00-06:00', 100)] },
  {
    case: 'a rung sent for the current due time (a reminder key) is not sent again',
    handoff: handoff({ ...morning, remindersSent: [reminderKey('75%', morning.dueAt)] }),
    now: '2026-03-02T13:00:00-06:00',
    due: [rung('100%', 'department_lead', '2026-03-02T13:00:00-06:00', 100)],
  },
  {
    case: 'a rung sent for an earlier due time is sent again for the new one',
    handoff: handoff({ ...morning, remindersSent: [reminderKey('75%', '2026-02-27T13:00:00-06:00')] }),
    now: '2026-03-02T12:00:00-06:00',
    due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 75)],
  },
  { case: 'every rung already sent', handoff: handoff({ ...morning, remindersSent: ['75%', '100%', '200%'] }), now: '2026-03-04T09:00:00-06:00', due: [] },
  {
    case: 'the hub was down for a day: the missed rungs collapse into the highest one due',
    handoff: handoff(morning),
    now: '2026-03-04T09:00:00-06:00',
    due: [rung('200%', 'head_of_service', '2026-03-02T17:00:00-06:00', 400, ['75%', '100%', '200%'])],
  },
  { case: 'closed time does not count: Monday evening is only 50%', handoff: handoff(overnight), now: '2026-03-02T23:00:00-06:00', due: [] },
  { case: 'the 75% rung falls in the next opening', handoff: handoff(overnight), now: '2026-03-03T10:00:00-06:00', due: [rung('75%', 'owner', '2026-03-03T10:00:00-06:00', 75)] },
  { case: 'waiting on the patron does not stop the clock', handoff: handoff({ ...morning, state: 'waiting_on_patron' }), now: '2026-03-02T12:30:00-06:00', due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 87.5)] },
  { case: 'waiting on a vendor does not stop the clock', handoff: handoff({ ...morning, state: 'waiting_on_vendor' }), now: '2026-03-02T12:30:00-06:00', due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 87.5)] },
  { case: 'open (unaccepted) hand-offs escalate too', handoff: handoff({ ...morning, state: 'open', owner: null }), now: '2026-03-02T12:00:00-06:00', due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 75)] },
  ...(['resolved', 'cancelled', 'returned'] as HandoffState[]).map((state) => ({
    case: `${state} hand-offs are never reminded`,
    handoff: handoff({ ...morning, state }),
    now: '2026-03-04T09:00:00-06:00',
    due: [],
  })),
  { case: 'a business day over a weekend counts opening time only: Saturday is 25%', handoff: handoff(weekend), now: '2026-03-07T12:00:00-06:00', due: [] },
  { case: 'a business day reaches 75% on Monday 13:00', handoff: handoff(weekend), now: '2026-03-09T13:00:00-05:00', due: [rung('75%', 'owner', '2026-03-09T13:00:00-05:00', 75)] },
  { case: 'plain hours count the closed weekend: 35 of 48 hours', handoff: handoff(plain), now: '2026-03-08T04:00:00-05:00', due: [] },
  { case: 'plain hours reach 75% at 36 hours, on a Sunday', handoff: handoff(plain), now: '2026-03-08T06:00:00-05:00', due: [rung('75%', 'owner', '2026-03-08T05:00:00-05:00', 77.1)] },
  {
    case: 'a service level that no longer parses is measured in plain time',
    handoff: handoff({ ...morning, serviceLevel: '4 bussiness hours' }),
    now: '2026-03-02T12:00:00-06:00',
    due: [rung('75%', 'owner', '2026-03-02T12:00:00-06:00', 75)],
  },
];

describe('remindersDue', () => {
  it.each(cases)('$case', ({ handoff: given, now, due }) => {
    const reminders = remindersDue([given], ladder, new Date(now), calendar);
    expect(reminders.map(({ rung: key, covers, notify, dueAt, elapsedPercent }) => ({ rung: key, covers, notify, dueAt, elapsedPercent }))).toEqual(due);
    expect(reminders.every((reminder) => reminder.handoffId === given.id)).toBe(true);
    for (const reminder of reminders) expect(reminder.sentKeys).toEqual(reminder.covers.map((key) => reminderKey(key, given.dueAt)));
  });

  it('puts the most overdue hand-off first, one reminder each', () => {
    const late = handoff({ ...morning, id: 'H-2' });
    const later = handoff({ ...overnight, id: 'H-3' });
    const reminders = remindersDue([later, late], ladder, new Date('2026-03-03T10:30:00-06:00'), calendar);
    expect(reminders.map((reminder) => `${reminder.handoffId} ${reminder.covers.join('+')}`)).toEqual(['H-2 75%+100%+200%', 'H-3 75%']);
  });

  it('returns nothing once every due rung is marked sent', () => {
    const now = new Date('2026-03-04T09:00:00-06:00');
    let tracked = handoff(morning);
    for (const reminder of remindersDue([tracked], ladder, now, calendar)) tracked = markReminderSent(tracked, reminder);
    expect(tracked.remindersSent).toEqual(['75%', '100%', '200%'].map((key) => reminderKey(key, morning.dueAt)));
    expect(remindersDue([tracked], ladder, now, calendar)).toEqual([]);
    expect(markReminderSent(tracked, { sentKeys: [reminderKey('75%', morning.dueAt)] })).toBe(tracked);
  });

  it('says who, what and when in the message', () => {
    const unowned = handoff({ ...morning, state: 'open', owner: null });
    const [owner] = remindersDue([unowned], ladder, new Date('2026-03-02T12:00:00-06:00'), calendar);
    const [lead] = remindersDue([markReminderSent(unowned, owner!)], ladder, new Date('2026-03-02T13:00:00-06:00'), calendar);
    const [head] = remindersDue([unowned], ladder, new Date('2026-03-02T17:00:00-06:00'), calendar);
    expect(owner?.message).toBe('Reminder: H-1 "Proxy fails off campus" (eresources) has used 75% of its 4 opening hours; it is due Mon 2 Mar, 13:00. No one has accepted it yet.');
    expect(lead?.message).toBe('Due now: H-1 "Proxy fails off campus" (eresources) was due Mon 2 Mar, 13:00 (4 opening hours).');
    expect(head?.message).toBe('Overdue: H-1 "Proxy fails off campus" (eresources) was due Mon 2 Mar, 13:00 and has taken 200% of its 4 opening hours.');
  });

  it('follows the library\'s own ladder', () => {
    const own: EscalationRung[] = [{ at: 50, notify: 'sender' }, { at: 150, notify: 'department_channel' }];
    const first = remindersDue([handoff(morning)], own, new Date('2026-03-02T11:00:00-06:00'), calendar);
    const second = remindersDue([markReminderSent(handoff(morning), first[0]!)], own, new Date('2026-03-02T15:00:00-06:00'), calendar);
    expect([...first, ...second].map((reminder) => [reminder.rung, reminder.notify, reminder.dueAt])).toEqual([
      ['50%', 'sender', new Date('2026-03-02T11:00:00-06:00').toISOString()],
      ['150%', 'department_channel', new Date('2026-03-02T15:00:00-06:00').toISOString()],
    ]);
  });
});

describe('reminderRecipient', () => {
  const contacts = { departments: [{ id: 'eresources', lead: 'U02LEAD' }, { id: 'reference' }], head_of_service: 'head@northfield.edu' };
  const owned = handoff({ ...morning, sender: { id: 'U01DESK', kind: 'staff' } });
  it.each([
    ['owner', owned, { kind: 'person', contact: 'U02ERES' }],
    ['owner', handoff({ ...morning, owner: null }), { kind: 'department_channel', department: 'eresources' }],
    ['sender', owned, { kind: 'person', contact: 'U01DESK' }],
    ['sender', handoff({ ...morning, sender: { id: 'ILL office token', kind: 'system' } }), { kind: 'department_channel', department: 'eresources' }],
    ['department_lead', owned, { kind: 'person', contact: 'U02LEAD' }],
    ['department_lead', handoff({ ...morning, department: 'reference' }), { kind: 'department_channel', department: 'reference' }],
    ['department_channel', owned, { kind: 'department_channel', department: 'eresources' }],
    ['head_of_service', owned, { kind: 'person', contact: 'head@northfield.edu' }],
  ] as const)('%s of %#', (notify, given, expected) => {
    expect(reminderRecipient(notify, given, contacts)).toEqual(expected);
  });

  it('names the department channel for the head of service when the policy names no head', () => {
    expect(reminderRecipient('head_of_service', owned, { departments: [] })).toEqual({ kind: 'department_channel', department: 'eresources' });
  });
});

describe('isOverdue', () => {
  it.each([
    ['accepted', '2026-03-02T13:00:00-06:00', false],
    ['accepted', '2026-03-02T13:00:01-06:00', true],
    ['waiting_on_patron', '2026-03-03T09:00:00-06:00', true],
    ['open', '2026-03-02T12:00:00-06:00', false],
    ['resolved', '2026-03-03T09:00:00-06:00', false],
    ['returned', '2026-03-03T09:00:00-06:00', false],
    ['cancelled', '2026-03-03T09:00:00-06:00', false],
  ] as [HandoffState, string, boolean][])('%s at %s -> %s', (state, now, expected) => {
    expect(isOverdue(handoff({ ...morning, state }), new Date(now))).toBe(expected);
  });
});

describe('escalationLadderSchema', () => {
  it('defaults to owner at 75%, department lead at 100%, head of service at 200%', () => {
    expect(escalationLadderSchema.parse(undefined)).toEqual(defaultEscalationLadder);
    expect(defaultEscalationLadder.map((entry) => [entry.at, entry.notify])).toEqual([[75, 'owner'], [100, 'department_lead'], [200, 'head_of_service']]);
  });

  it('reads percentages', () => {
    expect(escalationLadderSchema.parse([{ at: '50%', notify: 'sender' }, { at: ' 87.5 %', notify: 'owner' }])).toEqual([
      { at: 50, notify: 'sender' },
      { at: 87.5, notify: 'owner' },
    ]);
  });

  const rejected: { case: string; input: unknown; path: (string | number)[]; message: string }[] = [
    { case: 'out of order', input: [{ at: '100%', notify: 'owner' }, { at: '75%', notify: 'owner' }], path: [1, 'at'], message: '75% comes after 100%; list the rungs from the earliest' },
    { case: 'the same share twice', input: [{ at: '75%', notify: 'owner' }, { at: '75%', notify: 'sender' }], path: [1, 'at'], message: '75% is listed twice; give each share one rung' },
    { case: 'a bare number', input: [{ at: 75, notify: 'owner' }], path: [0, 'at'], message: '75 is not a percentage of the service level; write e.g. "75%"' },
    { case: 'a fraction', input: [{ at: 0.75, notify: 'owner' }], path: [0, 'at'], message: '0.75 is not a percentage of the service level; write e.g. "75%"' },
    { case: 'zero', input: [{ at: '0%', notify: 'owner' }], path: [0, 'at'], message: '"0%" is not more than 0%; a rung fires part-way through, at, or after the due time, e.g. "75%"' },
    { case: 'a misspelt recipient', input: [{ at: '75%', notify: 'departmnet_lead' }], path: [0, 'notify'], message: '"departmnet_lead" is not someone to notify; did you mean "department_lead"?' },
    { case: 'an unknown recipient', input: [{ at: '75%', notify: 'dean' }], path: [0, 'notify'], message: '"dean" is not someone to notify; use one of owner, sender, department_lead, department_channel, head_of_service' },
  ];
  it.each(rejected)('rejects $case', ({ input, path, message }) => {
    const result = escalationLadderSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toContainEqual({ path, message });
  });
});
