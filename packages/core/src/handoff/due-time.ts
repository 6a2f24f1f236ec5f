/**
 * A hand-off's due time after it was made: which events restart the clock, and from when.
 * Reassigning gives the new department its own service level from now; reopening gives the
 * hand-off its own service level again from now. Other events leave the due time standing
 * (waiting on the patron or a vendor does not stop the clock).
 */
import type { LibraryCalendar } from '../time/calendar.js';
import { dueAt } from '../time/due.js';
import type { Handoff, HandoffEventInput } from './handoff.js';
import type { ApplyOptions } from './lifecycle.js';
import { serviceLevelForDepartment, type HandoffRoutingPolicy } from './route.js';

/**
 * The clock `event` restarts for `handoff` at `now`: the service level and due time to pass to
 * `applyHandoffEvent` as its options, or `{}` when the clock keeps running.
 * Throws as `dueAt` does (a calendar with no opening within a year).
 */
export function restartedClock(handoff: Pick<Handoff, 'serviceLevel'>, event: HandoffEventInput, policy: HandoffRoutingPolicy, calendar: LibraryCalendar, now: Date): ApplyOptions {
  switch (event.type) {
    case 'reopened':
      return { dueAt: dueAt(now, handoff.serviceLevel, calendar) };
    case 'reassigned': {
      const serviceLevel = serviceLevelForDepartment(policy, event.toDepartment.trim());
      return { serviceLevel, dueAt: dueAt(now, serviceLevel, calendar) };
    }
    default:
      return {};
  }
}
