/**
 * What the dashboard asks of core's lifecycle. Until core exports `availableEvents`, `isOpen` and
 * `isOverdue` (issue 14), they are read off core's own transition table here — never a list of
 * states of our own — and this file is where the switch to core's functions happens.
 */
import { allowedFrom, canApply, handoffStates, type HandoffEventInput, type HandoffState } from '@liaison/core';

type EventType = HandoffEventInput['type'];

/** The events core's lifecycle allows in `state`, in the lifecycle's order. */
export function availableEvents(state: HandoffState): EventType[] {
  return (Object.keys(allowedFrom) as EventType[]).filter((event) => canApply(state, event));
}

/** Whether a hand-off in `state` still waits on someone: whatever can still be cancelled. */
export function isOpen(state: HandoffState): boolean {
  return canApply(state, 'cancelled');
}

/** Whether a hand-off is open and past its due time at `now`. */
export function isOverdue(handoff: { state: HandoffState; dueAt: string }, now: Date): boolean {
  return isOpen(handoff.state) && new Date(handoff.dueAt).getTime() < now.getTime();
}

/** The open states, in core's order. */
export function openStates(): HandoffState[] {
  return handoffStates.filter(isOpen);
}
