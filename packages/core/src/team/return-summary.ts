/**
 * The one message someone gets when they come back: what happened, while they were away, to the
 * hand-offs they own and to those routed away from them. Numbers and summaries only — the
 * hand-off's own summary line, never the patron.
 */
import type { Handoff } from '../handoff/handoff.js';
import { isOpen } from '../handoff/lifecycle.js';
import { instantAtLocalTime } from '../time/calendar.js';
import type { AwayPeriod } from './cover.js';
import { dayAndMonth } from './cover.js';

export interface ReturnSummary {
  person: string;
  /** The hand-offs it speaks of, most recently changed first. */
  handoffIds: string[];
  text: string;
}

/** Whether `handoff` concerns `person`: theirs now, routed away from them, or passed on by them while away. */
function concerns(handoff: Handoff, person: string): boolean {
  return handoff.owner === person || handoff.routing?.liaison?.away?.person === person || handoff.history.some((event) => event.toOwner === person);
}

/**
 * What happened to `person`'s hand-offs between the first day of `period` and now: each touched
 * hand-off once, with where it stands and who has it. Hand-offs untouched while they were away
 * are left out; a quiet absence says so in one line.
 */
export function returnSummary(person: string, period: AwayPeriod, handoffs: readonly Handoff[], timeZone: string, nameOf: (contact: string) => string = (contact) => contact): ReturnSummary {
  const since = instantAtLocalTime(period.from, 0, timeZone).getTime();
  const touched = handoffs
    .filter((handoff) => concerns(handoff, person) && handoff.history.some((event) => new Date(event.at).getTime() >= since))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  const heading = `Welcome back. While you were away (${dayAndMonth(period.from)} to ${dayAndMonth(period.until)})`;
  if (touched.length === 0) return { person, handoffIds: [], text: `${heading}, nothing happened to your hand-offs.` };
  const stillOpen = touched.filter((handoff) => isOpen(handoff.state)).length;
  const lines = touched.map((handoff) => {
    const where = handoff.state.replaceAll('_', ' ');
    const who = handoff.owner ? (handoff.owner === person ? 'you' : nameOf(handoff.owner)) : 'nobody yet';
    const covered = handoff.routing?.liaison?.away?.person === person ? ' (routed to cover while you were away)' : '';
    return `• ${handoff.id} "${handoff.summary}": ${where}, with ${who}${covered}`;
  });
  const counts = `${touched.length} of your hand-off${touched.length === 1 ? '' : 's'} changed; ${stillOpen} still open`;
  return { person, handoffIds: touched.map((handoff) => handoff.id), text: [`${heading}: ${counts}.`, ...lines].join('\n') };
}
