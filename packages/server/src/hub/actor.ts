import type { Actor, Handoff } from '@liaison/core';
import type { Principal } from './auth.js';

/** The hand-off actor for a proven caller. */
export function actorOf(principal: Principal): Actor {
  return { id: principal.id, name: principal.name, kind: 'staff' };
}

/** A hand-off as a list shows it: no patron identity, only the patron type. */
export function withoutPatronIdentity(handoff: Handoff): Handoff {
  if (!handoff.patron) return handoff;
  const { patronType } = handoff.patron;
  return { ...handoff, patron: patronType ? { patronType } : null };
}
