import { describe, expect, it } from 'vitest';
import type { Handoff, HandoffEvent } from './handoff.js';
import { patronTimeline } from './patron-timeline.js';

const names: Record<string, string> = { reference: 'Reference', eresources: 'Electronic Resources', ill: 'Interlibrary Loan' };
const name = (id: string) => names[id] ?? 'the library';
const staff = { id: 'U-JANE', name: 'Jane Staffer' };
const event = (sequence: number, type: HandoffEvent['type'], extra: Partial<HandoffEvent> = {}): HandoffEvent => ({
  sequence,
  type,
  at: `2026-03-0${sequence}T15:00:00.000Z`,
  actor: staff,
  from: 'open',
  to: 'open',
  ...extra,
});

describe('patronTimeline', () => {
  it('tells received → passed → waiting on a supplier → answered with department names only', () => {
    const handoff: Pick<Handoff, 'history' | 'department' | 'fromDepartment'> = {
      fromDepartment: 'reference',
      department: 'eresources',
      history: [
        event(1, 'created', { toDepartment: 'eresources' }),
        event(2, 'accepted'),
        event(3, 'noted', { note: 'Jane: patron Zelda owes $42' }),
        event(4, 'waiting_on_vendor', { note: 'Asked EBSCO about Zelda' }),
        event(5, 'resumed'),
        event(6, 'resolved', { note: 'Fixed the proxy for Zelda' }),
      ],
    };
    const steps = patronTimeline(handoff, name);
    expect(steps.map((step) => [step.kind, step.label])).toEqual([
      ['received', 'Received by Reference'],
      ['passed', 'Passed to Electronic Resources'],
      ['waiting_on_supplier', 'Waiting on a supplier'],
      ['in_progress', 'Being worked on'],
      ['answered', 'Answered'],
    ]);
    expect(steps[2]!.at).toBe('2026-03-04T15:00:00.000Z');
    expect(JSON.stringify(steps)).not.toMatch(/Jane|Zelda|EBSCO|\$42|U-JANE/);
  });

  it('shows a reassignment by its new department, and one step for a department the hand-off was created in', () => {
    const steps = patronTimeline(
      { department: 'ill', history: [event(1, 'created', { toDepartment: 'eresources' }), event(2, 'reassigned', { toDepartment: 'ill', note: 'wrong team, says Jane' })] },
      name,
    );
    expect(steps.map((step) => step.label)).toEqual(['Received by Electronic Resources', 'Passed to Interlibrary Loan']);
  });

  it('shows a repeated step once', () => {
    const steps = patronTimeline(
      { department: 'reference', history: [event(1, 'created', { toDepartment: 'reference' }), event(2, 'info_requested'), event(3, 'info_received'), event(4, 'resumed')] },
      name,
    );
    expect(steps.map((step) => step.kind)).toEqual(['received', 'waiting_on_patron', 'in_progress']);
  });
});
