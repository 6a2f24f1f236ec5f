import { describe, expect, it } from 'vitest';
import { handoffStates, type Actor, type Handoff, type HandoffEventInput, type HandoffState } from './handoff.js';
import { applyHandoffEvent, availableEvents, createHandoff, finishedStates, isFinished, isOpen, isOverdue, openStates, summarise, unfinishedStates } from './lifecycle.js';

const sender: Actor = { id: 'U01DESK', name: 'Dana at the desk', departments: ['circulation'] };
const librarian: Actor = { id: 'U02ERES', name: 'Eli', departments: ['eresources'] };
const created = new Date('2026-03-02T15:00:00Z');
const later = new Date('2026-03-02T16:30:00Z');

const fresh = () =>
  createHandoff(
    {
      id: 'H-1042',
      question: 'A faculty member cannot reach JSTOR through the proxy from home.',
      department: 'eresources',
      fromDepartment: 'circulation',
      serviceLevel: '4 opening hours',
      dueAt: new Date('2026-03-02T19:00:00Z'),
      channel: 'chat',
      category: 'access',
      patron: { email: 'prof@example.edu', patronType: 'Faculty' },
      routing: { ruleId: 'off-campus-access', explanation: 'matched "proxy"' },
    },
    sender,
    created,
  );

/** A hand-off in `state`, as the store would hold it (owner set where a state implies one). */
function inState(state: HandoffState): Handoff {
  const owned = state === 'accepted' || state === 'waiting_on_patron' || state === 'waiting_on_vendor' || state === 'resolved';
  return { ...fresh(), state, owner: owned ? 'U03OWNER' : null, remindersSent: ['75%'] };
}

const events: Record<HandoffEventInput['type'], HandoffEventInput> = {
  accepted: { type: 'accepted' },
  info_requested: { type: 'info_requested', note: 'Which browser, and which link did you use?' },
  waiting_on_vendor: { type: 'waiting_on_vendor', note: 'Ticket 5521 with JSTOR' },
  info_received: { type: 'info_received', note: 'Firefox, the catalogue link' },
  resumed: { type: 'resumed' },
  returned: { type: 'returned', reason: 'This is a circulation question' },
  reassigned: { type: 'reassigned', toDepartment: 'reference', toOwner: 'U04REF', reason: 'Needs a subject specialist' },
  resolved: { type: 'resolved', resolution: 'Proxy stanza fixed; patron confirmed access' },
  cancelled: { type: 'cancelled', reason: 'Patron found it elsewhere' },
  reopened: { type: 'reopened', reason: 'Patron says it broke again' },
  noted: { type: 'noted', note: 'Called the patron' },
};

// The whole machine, written out by hand: for each event, the states it is legal in and where it leads.
const legal: Record<HandoffEventInput['type'], Partial<Record<HandoffState, HandoffState>>> = {
  accepted: { open: 'accepted' },
  info_requested: { accepted: 'waiting_on_patron', waiting_on_vendor: 'waiting_on_patron' },
  waiting_on_vendor: { accepted: 'waiting_on_vendor', waiting_on_patron: 'waiting_on_vendor' },
  info_received: { waiting_on_patron: 'accepted' },
  resumed: { waiting_on_patron: 'accepted', waiting_on_vendor: 'accepted' },
  returned: { open: 'returned', accepted: 'returned', waiting_on_patron: 'returned', waiting_on_vendor: 'returned' },
  reassigned: { open: 'open', accepted: 'open', waiting_on_patron: 'open', waiting_on_vendor: 'open', returned: 'open' },
  resolved: { open: 'resolved', accepted: 'resolved', waiting_on_patron: 'resolved', waiting_on_vendor: 'resolved' },
  cancelled: { open: 'cancelled', accepted: 'cancelled', waiting_on_patron: 'cancelled', waiting_on_vendor: 'cancelled', returned: 'cancelled' },
  reopened: { resolved: 'open', cancelled: 'open', returned: 'open' },
  noted: {
    open: 'open', accepted: 'accepted', waiting_on_patron: 'waiting_on_patron', waiting_on_vendor: 'waiting_on_vendor',
    returned: 'returned', resolved: 'resolved', cancelled: 'cancelled',
  },
};

const pairs = handoffStates.flatMap((state) =>
  (Object.keys(events) as HandoffEventInput['type'][]).map((type) => ({ state, type, to: legal[type][state] })),
);

describe('applyHandoffEvent: every (state, event) pair', () => {
  it('covers 7 states × 11 events', () => {
    expect(pairs).toHaveLength(77);
  });

  it.each(pairs)('$type in $state -> $to', ({ state, type, to }) => {
    const before = inState(state);
    const result = applyHandoffEvent(before, events[type], librarian, later);
    if (to === undefined) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('handoff_illegal_transition');
      expect(result.error.message).toMatch(new RegExp(`^Cannot .+ H-1042: it is `));
      return;
    }
    if (!result.ok) throw result.error;
    const after = result.value;
    expect(after.state).toBe(to);
    expect(after.updatedAt).toBe(later.toISOString());
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({ sequence: 2, type, from: state, to, actor: librarian, at: later.toISOString() });
    expect(before.state).toBe(state); // the input is not changed
    expect(before.history).toHaveLength(1);
  });
});

describe('the states, derived from the table', () => {
  it.each(handoffStates)('availableEvents(%s) is exactly the events the hand-written machine allows there', (state) => {
    const expected = (Object.keys(legal) as HandoffEventInput['type'][]).filter((type) => legal[type][state] !== undefined);
    expect(availableEvents(state)).toEqual(expected);
  });

  it('open: the states a hand-off can be resolved from; returned is with the sender, not open', () => {
    expect(openStates).toEqual(['open', 'accepted', 'waiting_on_patron', 'waiting_on_vendor']);
    expect(handoffStates.filter(isOpen)).toEqual(openStates);
  });

  it('finished: resolved and cancelled; unfinished is every other state, returned included', () => {
    expect(finishedStates).toEqual(['resolved', 'cancelled']);
    expect(handoffStates.filter(isFinished)).toEqual(finishedStates);
    expect(unfinishedStates).toEqual(['open', 'accepted', 'waiting_on_patron', 'waiting_on_vendor', 'returned']);
  });

  it('the lists cannot be changed by a caller', () => {
    expect(Object.isFrozen(openStates) && Object.isFrozen(finishedStates) && Object.isFrozen(unfinishedStates)).toBe(true);
  });

  it.each(handoffStates)('isOverdue(%s) past the due time is isOpen', (state) => {
    const past = new Date('2026-03-02T19:00:01Z');
    expect(isOverdue({ state, dueAt: '2026-03-02T19:00:00.000Z' }, past)).toBe(isOpen(state));
    expect(isOverdue({ state, dueAt: '2026-03-02T19:00:00.000Z' }, new Date('2026-03-02T19:00:00Z'))).toBe(false);
  });
});

describe('applyHandoffEvent: what each event changes', () => {
  const apply = (handoff: Handoff, event: HandoffEventInput, actor: Actor = librarian) => {
    const result = applyHandoffEvent(handoff, event, actor, later);
    if (!result.ok) throw result.error;
    return result.value;
  };

  it('accepting makes the actor the owner', () => {
    expect(apply(fresh(), events.accepted).owner).toBe('U02ERES');
  });

  it('returning clears the owner and keeps the reason', () => {
    const returned = apply(inState('accepted'), events.returned);
    expect(returned.owner).toBeNull();
    expect(returned.history.at(-1)?.note).toBe('This is a circulation question');
  });

  it('reassigning moves department and owner, records both, and restarts the escalation ladder', () => {
    const moved = apply(inState('accepted'), events.reassigned);
    expect(moved).toMatchObject({ state: 'open', department: 'reference', owner: 'U04REF', remindersSent: [] });
    expect(moved.history.at(-1)).toMatchObject({ toDepartment: 'reference', toOwner: 'U04REF', note: 'Needs a subject specialist' });
    expect(apply(inState('accepted'), { type: 'reassigned', toDepartment: 'reference' }).owner).toBeNull();
  });

  it('a restarted clock sets the new due time and service level and forgets the reminders sent', () => {
    const moved = applyHandoffEvent(inState('accepted'), events.reassigned, librarian, later, { dueAt: new Date('2026-03-03T16:30:00Z'), serviceLevel: '1 business day' });
    expect(moved.ok && moved.value).toMatchObject({ dueAt: '2026-03-03T16:30:00.000Z', serviceLevel: '1 business day', remindersSent: [] });
  });

  it('reassigning to where it already is, unchanged, is refused', () => {
    const result = applyHandoffEvent(fresh(), { type: 'reassigned', toDepartment: 'eresources' }, librarian, later);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Cannot reassign H-1042: it is already open in eresources.');
  });

  it('resolving records when, and makes a resolver of an unowned hand-off its owner', () => {
    const resolved = apply(fresh(), events.resolved);
    expect(resolved).toMatchObject({ resolvedAt: later.toISOString(), owner: 'U02ERES' });
    expect(apply(inState('accepted'), events.resolved).owner).toBe('U03OWNER');
  });

  it('reopening clears the resolution time and the reminders sent', () => {
    const reopened = apply(apply(inState('accepted'), events.resolved), events.reopened);
    expect(reopened).toMatchObject({ state: 'open', resolvedAt: null, remindersSent: [] });
    expect(reopened.history.map((entry) => [entry.sequence, entry.type])).toEqual([[1, 'created'], [2, 'resolved'], [3, 'reopened']]);
  });

  it('a new due time replaces the old one and forgets reminders sent', () => {
    const result = applyHandoffEvent(inState('returned'), events.reopened, librarian, later, { dueAt: new Date('2026-03-03T19:00:00Z') });
    expect(result.ok && result.value).toMatchObject({ dueAt: '2026-03-03T19:00:00.000Z', remindersSent: [] });
  });

  it('noting changes nothing but history', () => {
    const before = inState('waiting_on_vendor');
    const noted = apply(before, events.noted);
    expect({ ...noted, history: before.history, updatedAt: before.updatedAt }).toEqual(before);
  });
});

describe('applyHandoffEvent: refusals say why and what to do', () => {
  const refusals: { state: HandoffState; event: HandoffEventInput; message: string; path: string }[] = [
    { state: 'returned', event: events.resolved, message: 'Cannot resolve H-1042: it is returned; reopen it first.', path: 'state' },
    { state: 'cancelled', event: events.accepted, message: 'Cannot accept H-1042: it is cancelled; reopen it first.', path: 'state' },
    { state: 'open', event: events.info_requested, message: 'Cannot ask the patron about H-1042: it is open; accept it first.', path: 'state' },
    { state: 'accepted', event: events.accepted, message: 'Cannot accept H-1042: it is accepted; U03OWNER has it; reassign it to change the owner.', path: 'state' },
    { state: 'accepted', event: events.info_received, message: "Cannot record the patron's reply on H-1042: it is accepted; nothing was asked of the patron; add a note instead.", path: 'state' },
    { state: 'accepted', event: events.reopened, message: 'Cannot reopen H-1042: it is accepted; only a resolved, cancelled or returned hand-off can be reopened.', path: 'state' },
    { state: 'cancelled', event: events.cancelled, message: 'Cannot cancel H-1042: it is cancelled.', path: 'state' },
    { state: 'accepted', event: { type: 'resolved', resolution: '   ' }, message: 'Cannot resolve H-1042 without a resolution; say what was done for the patron.', path: 'resolution' },
    { state: 'open', event: { type: 'returned', reason: '' }, message: 'Cannot return H-1042 without a reason; say why it goes back to the sender.', path: 'reason' },
    { state: 'resolved', event: { type: 'reopened', reason: ' ' }, message: 'Cannot reopen H-1042 without a reason; say why it needs more work.', path: 'reason' },
    { state: 'open', event: { type: 'reassigned', toDepartment: ' ' }, message: 'Cannot reassign H-1042 without a toDepartment; name the department it goes to.', path: 'toDepartment' },
    { state: 'open', event: { type: 'noted', note: '' }, message: 'Cannot add a note to H-1042 without a note; write the note.', path: 'note' },
    { state: 'open', event: { type: 'escalated' } as unknown as HandoffEventInput, message: 'Cannot apply "escalated" to H-1042: there is no such event.', path: 'type' },
  ];
  it.each(refusals)('$event.type in $state', ({ state, event, message, path }) => {
    const result = applyHandoffEvent(inState(state), event, librarian, later);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'handoff_illegal_transition', message });
    expect(result.error.issues[0]?.path).toEqual([path]);
  });
});

describe('createHandoff', () => {
  it('starts open and unowned, with the created event first', () => {
    const handoff = fresh();
    expect(handoff).toMatchObject({
      id: 'H-1042', state: 'open', owner: null, sender, responsibility: 'passed', department: 'eresources',
      createdAt: created.toISOString(), updatedAt: created.toISOString(), dueAt: '2026-03-02T19:00:00.000Z',
      summary: 'A faculty member cannot reach JSTOR through the proxy from home.', remindersSent: [], links: {},
    });
    expect(handoff.history).toEqual([
      { sequence: 1, type: 'created', at: created.toISOString(), actor: sender, from: null, to: 'open', toDepartment: 'eresources' },
    ]);
  });

  it('keeps a given summary and sender', () => {
    const handoff = createHandoff(
      { id: 'H-7', question: 'q', summary: ' Proxy down ', department: 'eresources', serviceLevel: '1 business day', dueAt: '2026-03-03T15:00:00Z', sender: librarian },
      sender,
      created,
    );
    expect(handoff).toMatchObject({ summary: 'Proxy down', sender: librarian, history: [{ actor: sender }] });
  });
});

describe('summarise', () => {
  it.each([
    ['Short question?', 'Short question?'],
    ['  Spread\n over   lines  ', 'Spread over lines'],
    [
      'The patron needs the 1987 edition of the conference proceedings for a thesis chapter due on Friday, and our copy is missing',
      'The patron needs the 1987 edition of the conference proceedings for a thesis…',
    ],
    ['x'.repeat(100), `${'x'.repeat(79)}…`],
  ])('%j -> %j', (question, summary) => {
    expect(summarise(question)).toBe(summary);
    expect(summarise(question).length).toBeLessThanOrEqual(80);
  });
});
