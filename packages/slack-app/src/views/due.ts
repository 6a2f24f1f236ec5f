/**
 * Due times as staff read them: in the library's time zone, with how much library time is left
 * (opening hours, not clock hours, since that is how service levels are counted).
 */
import { isOpen, isOverdue, openMinutesBetween, type Handoff, type LibraryCalendar } from '@liaison/core';

/** "Tue 14 Oct, 3:30 PM" in the library's time zone. */
export function formatLibraryTime(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}

/** A span of minutes in words: "45 min", "3 h", "3 h 20 min". */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * "Tue 14 Oct, 3:30 PM (2 h of opening time left)", or "… (overdue)", as core's `isOverdue` says;
 * the bare time for a hand-off its department no longer owes (returned, resolved, cancelled).
 * Counting opening time is capped at a week ahead so a card never walks a long closure minute by minute.
 */
export function describeDue(handoff: Pick<Handoff, 'state' | 'dueAt'>, now: Date, calendar: LibraryCalendar): string {
  const when = formatLibraryTime(handoff.dueAt, calendar.time_zone);
  if (!isOpen(handoff.state)) return when;
  if (isOverdue(handoff, now)) return `${when} (overdue)`;
  const due = new Date(handoff.dueAt);
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  const left = due > now ? openMinutesBetween(now, due < weekAhead ? due : weekAhead, calendar) : 0;
  return `${when} (${formatMinutes(left)} of opening time left)`;
}
