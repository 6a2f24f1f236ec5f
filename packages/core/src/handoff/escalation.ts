/**
 * Escalation: who is told, and when, as a hand-off uses up its service level. The library writes
 * a ladder of rungs (`{ at: 75%, notify: owner }`); each rung fires once per due time, in order,
 * measured in opening time for opening-hour and business-day service levels and in plain time
 * for the others. Waiting on the patron or a vendor does not stop the clock: the due time stands.
 */
import * as z from 'zod';
import { LiaisonError } from '../errors.js';
import { nearest } from '../policy/suggest.js';
import type { LibraryCalendar } from '../time/calendar.js';
import { addOpeningMinutes, openMinutesBetween } from '../time/due.js';
import { countsOpeningTime, parseServiceLevel } from '../time/service-level.js';
import type { Handoff } from './handoff.js';
import { isOpen } from './lifecycle.js';

/** Who a rung tells: the hand-off's owner or sender, the department's lead or channel, or the head of service. */
export const escalationRecipients = ['owner', 'sender', 'department_lead', 'department_channel', 'head_of_service'] as const;
export type EscalationRecipient = (typeof escalationRecipients)[number];

const percentPattern = /^(\d+(?:\.\d+)?)\s*%$/;

/** "75%" as a number of percent (75). A bare number is refused: 0.75 and 75 would both be guesses. */
const percentOfServiceLevelSchema = z
  .union([z.string(), z.number()], { error: 'is not a percentage; write e.g. "75%"' })
  .transform((value, context) => {
    const match = typeof value === 'string' ? percentPattern.exec(value.trim()) : null;
    if (match) {
      const percent = Number(match[1]);
      if (percent > 0) return percent;
      context.addIssue({ code: 'custom', message: `"${value}" is not more than 0%; a rung fires part-way through, at, or after the due time, e.g. "75%"` });
      return z.NEVER;
    }
    const written = typeof value === 'number' ? (value > 0 && value <= 1 ? `${value * 100}%` : `${value}%`) : '75%';
    context.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a percentage of the service level; write e.g. "${written}"` });
    return z.NEVER;
  });

/** One rung of the ladder: at what share of the service level (percent, > 0) whom to notify. */
export const escalationRungSchema = z.strictObject({
  at: percentOfServiceLevelSchema,
  notify: z.enum(escalationRecipients, {
    error: (issue) => {
      const guess = typeof issue.input === 'string' ? nearest(issue.input, escalationRecipients) : undefined;
      const choices = escalationRecipients.join(', ');
      return guess ? `${JSON.stringify(issue.input)} is not someone to notify; did you mean "${guess}"?` : `${JSON.stringify(issue.input)} is not someone to notify; use one of ${choices}`;
    },
  }),
});
export type EscalationRung = z.output<typeof escalationRungSchema>;

/** The ladder used when the policy file has none: the owner at 75%, the lead at 100%, the head of service at 200%. */
export const defaultEscalationLadder: EscalationRung[] = [
  { at: 75, notify: 'owner' },
  { at: 100, notify: 'department_lead' },
  { at: 200, notify: 'head_of_service' },
];

/** `handoff.escalation`: rungs from the earliest, no two at the same share. An empty list turns escalation off. */
export const escalationLadderSchema = z
  .array(escalationRungSchema)
  .superRefine((ladder, context) => {
    ladder.forEach((rung, index) => {
      const previous = ladder[index - 1];
      if (!previous) return;
      if (rung.at === previous.at) {
        context.addIssue({ code: 'custom', path: [index, 'at'], message: `${rung.at}% is listed twice; give each share one rung` });
      } else if (rung.at < previous.at) {
        context.addIssue({ code: 'custom', path: [index, 'at'], message: `${rung.at}% comes after ${previous.at}%; list the rungs from the earliest` });
      }
    });
  })
  .default(() => defaultEscalationLadder.map((rung) => ({ ...rung })));
export type EscalationLadder = z.output<typeof escalationLadderSchema>;

/** The stable key of a rung, as kept in `Handoff.remindersSent`: "75%". */
export function rungKey(rung: Pick<EscalationRung, 'at'>): string {
  return `${rung.at}%`;
}

/**
 * The key a sent rung is recorded under: the rung at the due time it was for, "75%@2026-03-02T19:00:00.000Z".
 * A rung is sent once per due time, so a hand-off reassigned or reopened (a new due time) climbs its ladder again.
 */
export function reminderKey(rung: string, dueAt: string): string {
  return `${rung}@${new Date(dueAt).toISOString()}`;
}

/** Whether `rung` was sent for the hand-off's current due time (kept as a reminder key, or as the bare rung). */
function wasRungSent(sent: ReadonlySet<string>, rung: string, dueAt: string): boolean {
  return sent.has(reminderKey(rung, dueAt)) || sent.has(rung);
}

/** A rung that has come due for a hand-off: who to tell, and what to tell them. */
export interface Reminder {
  handoffId: string;
  /** The rung's key, "75%". */
  rung: string;
  /**
   * The rungs this reminder stands for, lowest first, itself last: rungs reached together (a hub
   * that was down) collapse into the highest one, and all are recorded as sent with it.
   */
  covers: string[];
  /** What to record in `remindersSent` once it is sent: `reminderKey` of each covered rung at the current due time. */
  sentKeys: string[];
  notify: EscalationRecipient;
  /** When the rung was reached (ISO 8601 instant); earlier than now when the hub was down. */
  dueAt: string;
  /** How much of the service level has been used, in percent (one decimal), measured as the rung is. */
  elapsedPercent: number;
  message: string;
  /**
   * Who it reaches, when someone covers for the person the rung names (they are away; see
   * team/cover.ts). Left out, the rung's `notify` decides through `reminderRecipient`.
   */
  recipient?: ReminderRecipient;
}

/** How a hand-off's service level is measured: where each rung falls and how much is used. */
interface Measure {
  /** Percent of the service level used by `now`. */
  elapsedPercent: number;
  /** The instant a rung at `percent` is reached; 100% is the hand-off's due time exactly. */
  reachedAt(percent: number): Date;
}

function plainTimeMeasure(created: Date, due: Date, now: Date): Measure | undefined {
  const total = due.getTime() - created.getTime();
  if (total <= 0) return undefined;
  return {
    elapsedPercent: ((now.getTime() - created.getTime()) / total) * 100,
    reachedAt: (percent) => new Date(created.getTime() + (total * percent) / 100),
  };
}

function openingTimeMeasure(created: Date, due: Date, now: Date, calendar: LibraryCalendar): Measure | undefined {
  const total = openMinutesBetween(created, due, calendar);
  if (total <= 0) return undefined;
  return {
    elapsedPercent: (openMinutesBetween(created, now, calendar) / total) * 100,
    // Rungs past 100% count on from the due time, so "100%" is the due time even when a
    // business-day due time was moved to an opening.
    reachedAt: (percent) =>
      percent < 100 ? addOpeningMinutes(created, (total * percent) / 100, calendar) : addOpeningMinutes(due, (total * (percent - 100)) / 100, calendar),
  };
}

function measureFor(handoff: Handoff, now: Date, calendar: LibraryCalendar): Measure | undefined {
  const created = new Date(handoff.createdAt);
  const due = new Date(handoff.dueAt);
  const level = parseServiceLevel(handoff.serviceLevel);
  // A service level that no longer parses (the policy changed) is measured in plain time
  // rather than never escalating.
  if (level.ok && countsOpeningTime(level.value)) {
    const opening = openingTimeMeasure(created, due, now, calendar);
    if (opening) return opening;
  }
  return plainTimeMeasure(created, due, now);
}

// One Intl formatter per zone: the scheduler words thousands of reminders a minute, and
// building a formatter (or a zoned date per call) costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Mon 2 Mar, 13:00" in the library's time zone. */
function whenText(instant: Date, calendar: LibraryCalendar): string {
  let formatter = formatters.get(calendar.time_zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: calendar.time_zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(calendar.time_zone, formatter);
  }
  // Assembled from parts, since runtimes differ in the punctuation between them.
  const part = Object.fromEntries(formatter.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.day} ${part.month}, ${part.hour}:${part.minute}`;
}

function messageFor(handoff: Handoff, rung: EscalationRung, due: string): string {
  const unowned = rung.notify === 'owner' && !handoff.owner ? ' No one has accepted it yet.' : '';
  const subject = `${handoff.id} "${handoff.summary}" (${handoff.department})`;
  if (rung.at < 100) return `Reminder: ${subject} has used ${rungKey(rung)} of its ${handoff.serviceLevel}; it is due ${due}.${unowned}`;
  if (rung.at === 100) return `Due now: ${subject} was due ${due} (${handoff.serviceLevel}).${unowned}`;
  return `Overdue: ${subject} was due ${due} and has taken ${rungKey(rung)} of its ${handoff.serviceLevel}.${unowned}`;
}

/**
 * The reminders due at `now`: for each hand-off still owed (open, accepted or waiting), the
 * highest rung reached and not yet in its `remindersSent`. Lower rungs reached but not sent (a hub
 * that was down) collapse into it rather than arriving together: the reminder `covers` them.
 * Sorted most overdue hand-off first.
 */
export function remindersDue(handoffs: readonly Handoff[], ladder: readonly EscalationRung[], now: Date, calendar: LibraryCalendar): Reminder[] {
  const found: { reminder: Reminder; elapsed: number; at: number }[] = [];
  for (const handoff of handoffs) {
    if (!isOpen(handoff.state)) continue;
    const sent = new Set(handoff.remindersSent ?? []);
    const waiting = ladder.filter((rung) => !wasRungSent(sent, rungKey(rung), handoff.dueAt));
    if (waiting.length === 0) continue;
    let measure: Measure | undefined;
    try {
      measure = measureFor(handoff, now, calendar);
    } catch (error) {
      // A calendar that closes for good after the due time cannot place late rungs; plain time can.
      if (!(error instanceof LiaisonError && error.code === 'calendar_never_open')) throw error;
      measure = plainTimeMeasure(new Date(handoff.createdAt), new Date(handoff.dueAt), now);
    }
    if (!measure) continue;
    const reached: { rung: EscalationRung; at: Date }[] = [];
    for (const rung of waiting) {
      let reachedAt: Date;
      try {
        reachedAt = measure.reachedAt(rung.at);
      } catch (error) {
        if (!(error instanceof LiaisonError && error.code === 'calendar_never_open')) throw error;
        continue;
      }
      if (reachedAt.getTime() <= now.getTime()) reached.push({ rung, at: reachedAt });
    }
    const highest = reached[reached.length - 1];
    if (!highest) continue;
    const covers = reached.map(({ rung }) => rungKey(rung));
    found.push({
      elapsed: measure.elapsedPercent,
      at: highest.rung.at,
      reminder: {
        handoffId: handoff.id,
        rung: rungKey(highest.rung),
        covers,
        sentKeys: covers.map((key) => reminderKey(key, handoff.dueAt)),
        notify: highest.rung.notify,
        dueAt: highest.at.toISOString(),
        elapsedPercent: Math.round(measure.elapsedPercent * 10) / 10,
        message: messageFor(handoff, highest.rung, whenText(new Date(handoff.dueAt), calendar)),
      },
    });
  }
  found.sort((a, b) => b.elapsed - a.elapsed || a.reminder.handoffId.localeCompare(b.reminder.handoffId));
  return found.map((entry) => entry.reminder);
}

/** The hand-off with the reminder's rungs recorded as sent (each once), so `remindersDue` will not return them again. */
export function markReminderSent(handoff: Handoff, reminder: Pick<Reminder, 'sentKeys'>): Handoff {
  const sent = handoff.remindersSent ?? [];
  const added = reminder.sentKeys.filter((key) => !sent.includes(key));
  return added.length === 0 ? handoff : { ...handoff, remindersSent: [...sent, ...added] };
}

/** Where a reminder goes: a person (a Slack member id or an e-mail address, as the policy writes them), or a department's channel. */
export type ReminderRecipient = { kind: 'person'; contact: string } | { kind: 'department_channel'; department: string };

/** What the policy says about who is who, as `reminderRecipient` needs it. */
export interface EscalationContacts {
  departments: readonly { id: string; lead?: string | undefined }[];
  head_of_service?: string | undefined;
}

/**
 * Who a rung reaches for a hand-off: the owner, the sender, the department's lead, or the head of
 * service, as the rung says; the department's channel when the rung says so or when that person is
 * not known (no owner yet, no lead in the policy, a sender that is a program).
 */
export function reminderRecipient(notify: EscalationRecipient, handoff: Pick<Handoff, 'owner' | 'sender' | 'department'>, contacts: EscalationContacts): ReminderRecipient {
  const person = (contact: string | null | undefined): ReminderRecipient =>
    contact ? { kind: 'person', contact } : { kind: 'department_channel', department: handoff.department };
  switch (notify) {
    case 'owner':
      return person(handoff.owner);
    case 'sender':
      return person(handoff.sender.kind === 'system' ? null : handoff.sender.id);
    case 'department_lead':
      return person(contacts.departments.find((department) => department.id === handoff.department)?.lead);
    case 'head_of_service':
      return person(contacts.head_of_service);
    case 'department_channel':
      return person(null);
  }
}
