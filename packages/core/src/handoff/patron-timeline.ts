/**
 * Where a patron's question is, as the patron may see it: the steps of its history told with
 * department names only. Staff names, notes, reasons and resolutions never appear — those are
 * written for colleagues, and may name the patron or someone else.
 */
import type { Handoff, HandoffEvent } from './handoff.js';

export type PatronTimelineStepKind = 'received' | 'passed' | 'waiting_on_patron' | 'waiting_on_supplier' | 'in_progress' | 'answered' | 'closed' | 'reopened';

export interface PatronTimelineStep {
  kind: PatronTimelineStepKind;
  /** ISO 8601 instant of the event. */
  at: string;
  /** The sentence shown, e.g. "Passed to Electronic Resources". */
  label: string;
}

/**
 * The patron-safe steps of a hand-off's history, oldest first. `departmentName` turns a
 * department id into its public name. Events a patron need not follow (accepted, notes) are left out,
 * and a step repeating the one before it is shown once.
 */
export function patronTimeline(handoff: Pick<Handoff, 'history' | 'department' | 'fromDepartment'>, departmentName: (id: string) => string): PatronTimelineStep[] {
  const steps: PatronTimelineStep[] = [];
  const created = handoff.history.find((event) => event.type === 'created');
  if (created) {
    const sentTo = created.toDepartment ?? handoff.department;
    const receivedBy = handoff.fromDepartment ?? sentTo;
    steps.push({ kind: 'received', at: created.at, label: `Received by ${departmentName(receivedBy)}` });
    if (receivedBy !== sentTo) steps.push({ kind: 'passed', at: created.at, label: `Passed to ${departmentName(sentTo)}` });
  }
  for (const event of handoff.history) {
    const step = stepFor(event, departmentName);
    if (!step) continue;
    const last = steps[steps.length - 1];
    if (last && last.label === step.label) continue;
    steps.push(step);
  }
  return steps;
}

function stepFor(event: HandoffEvent, departmentName: (id: string) => string): PatronTimelineStep | null {
  const at = event.at;
  switch (event.type) {
    case 'created':
      return null; // told by `createdSteps`: received by the desk that passed it on, then passed to a department
    case 'reassigned':
      return event.toDepartment ? { kind: 'passed', at, label: `Passed to ${departmentName(event.toDepartment)}` } : null;
    case 'info_requested':
      return { kind: 'waiting_on_patron', at, label: 'Waiting for more information from you' };
    case 'waiting_on_vendor':
      return { kind: 'waiting_on_supplier', at, label: 'Waiting on a supplier' };
    case 'info_received':
    case 'resumed':
    case 'returned':
      return { kind: 'in_progress', at, label: 'Being worked on' };
    case 'resolved':
      return { kind: 'answered', at, label: 'Answered' };
    case 'cancelled':
      return { kind: 'closed', at, label: 'Closed' };
    case 'reopened':
      return { kind: 'reopened', at, label: 'Reopened' };
    case 'accepted':
    case 'noted':
      return null;
  }
}

