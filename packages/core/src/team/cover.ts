/**
 * Who covers whom now: given who is away (and until when) and the instant `now`, the person a
 * hand-off or reminder meant for someone should reach instead. Pure: the caller passes the away
 * periods it stored and the clock's `now`.
 */
import type { ReminderRecipient } from '../handoff/escalation.js';
import type { HandoffLiaison } from '../handoff/handoff.js';
import { localDateOf } from '../time/calendar.js';
import type { LiaisonTeam } from './liaison-teams.js';
import { teamMembers } from './liaison-teams.js';

/** A stretch of time a member of staff is away: local dates, both days included. */
export interface AwayPeriod {
  person: string;
  /** First day away, "YYYY-MM-DD" in the library's time zone. */
  from: string;
  /** Last day away, "YYYY-MM-DD" in the library's time zone. */
  until: string;
  /** Whom they asked to cover for them, if anyone. */
  backup?: string | null;
}

/** A library department as cover needs it: its lead and backup rota. */
export interface CoveringDepartment {
  id: string;
  lead?: string | undefined;
  backups?: readonly string[] | undefined;
}

/** What is known around a person when deciding who covers for them. */
export interface CoverContext {
  /** The liaison team the work belongs to, if any. */
  team?: LiaisonTeam | undefined;
  /** The library department the work is in. */
  department?: CoveringDepartment | undefined;
  awayPeriods: readonly AwayPeriod[];
  now: Date;
  timeZone: string;
  /** How a person is named in the reason ("<@U024>" in Slack); the contact itself by default. */
  nameOf?: (contact: string) => string;
}

export type CoverReasonCode = 'available' | 'away_covered_by_backup' | 'away_nobody_available';

/** Who is to act for `person` now, and why, in words staff can read. */
export type CoverDecision =
  | { kind: 'available'; person: string; reason: { code: 'available'; message: string } }
  | {
      kind: 'covered';
      person: string;
      coveredBy: string;
      away: AwayPeriod;
      /** Set when nobody on the team could cover (a department's rota person did): the lead to tell at once. */
      tellLeadNow?: string | undefined;
      reason: { code: 'away_covered_by_backup'; message: string };
    }
  | {
      kind: 'nobody_available';
      person: string;
      away: AwayPeriod;
      /** The department lead to tell at once, when the policy names one. */
      tellLeadNow?: string | undefined;
      reason: { code: 'away_nobody_available'; message: string };
    };

/** The away period that covers today (in the library's zone) for `person`, if any; the latest-ending one when several do. */
export function awayPeriodNow(person: string, periods: readonly AwayPeriod[], now: Date, timeZone: string): AwayPeriod | undefined {
  const today = localDateOf(now, timeZone);
  return periods
    .filter((period) => period.person === person && period.from <= today && today <= period.until)
    .sort((a, b) => b.until.localeCompare(a.until))[0];
}

/** Whether `person` is away today (in the library's zone). */
export function isAway(person: string, periods: readonly AwayPeriod[], now: Date, timeZone: string): boolean {
  return awayPeriodNow(person, periods, now, timeZone) !== undefined;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-12-18" as "18 December". */
export function dayAndMonth(date: string): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${monthNames[month - 1]}`;
}

/**
 * Who acts for `person` now. Someone not away acts themselves. For someone away, the first of
 * these who is not away: the backup they named, the other members of the work's liaison team
 * (primary first), then the department's backup rota. When the team could not cover (all away),
 * the department lead is to be told at once rather than at the first reminder.
 */
export function whoCovers(person: string, context: CoverContext): CoverDecision {
  const name = context.nameOf ?? ((contact: string) => contact);
  const away = awayPeriodNow(person, context.awayPeriods, context.now, context.timeZone);
  if (!away) return { kind: 'available', person, reason: { code: 'available', message: `${name(person)} is available.` } };
  const isFree = (candidate: string) => candidate !== person && !isAway(candidate, context.awayPeriods, context.now, context.timeZone);
  const team = context.team ? teamMembers(context.team) : [];
  const named = away.backup ? [away.backup] : [];
  const fromTeam = [...named, ...team].find(isFree);
  const role = context.team && team.includes(person) ? `${context.team.affiliation}'s liaison, ` : '';
  const awayText = `${role}${name(person)}, is away until ${dayAndMonth(away.until)}`;
  if (fromTeam) {
    return { kind: 'covered', person, coveredBy: fromTeam, away, reason: { code: 'away_covered_by_backup', message: `${capitalised(awayText)}; routed to ${name(fromTeam)}.` } };
  }
  const lead = context.department?.lead;
  const fromRota = (context.department?.backups ?? []).find(isFree);
  const teamText = context.team ? `nobody on the ${context.team.affiliation} team is available` : 'no backup is available';
  if (fromRota) {
    return {
      kind: 'covered',
      person,
      coveredBy: fromRota,
      away,
      tellLeadNow: context.team ? lead : undefined,
      reason: { code: 'away_covered_by_backup', message: `${capitalised(awayText)} and ${teamText}; routed to ${name(fromRota)} on the ${context.department?.id} rota.` },
    };
  }
  const told = lead && isFree(lead) ? lead : undefined;
  return {
    kind: 'nobody_available',
    person,
    away,
    tellLeadNow: told,
    reason: {
      code: 'away_nobody_available',
      message: `${capitalised(awayText)} and ${teamText}; ${told ? `${name(told)}, the department lead, is told now` : 'it waits in the department channel'}.`,
    },
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Where a reminder meant for `recipient` goes now: unchanged when it is a channel or the person
 * is not away; otherwise to whoever covers for them, or the department's lead, or its channel.
 */
export function reminderRecipientNow(recipient: ReminderRecipient, context: CoverContext & { department: CoveringDepartment }): { recipient: ReminderRecipient; cover?: CoverDecision } {
  if (recipient.kind !== 'person') return { recipient };
  const cover = whoCovers(recipient.contact, context);
  switch (cover.kind) {
    case 'available':
      return { recipient };
    case 'covered':
      return { recipient: { kind: 'person', contact: cover.coveredBy }, cover };
    case 'nobody_available':
      return { recipient: cover.tellLeadNow ? { kind: 'person', contact: cover.tellLeadNow } : { kind: 'department_channel', department: context.department.id }, cover };
  }
}

/** Where a new hand-off goes inside the department when the patron's affiliation has a liaison team. */
export interface LiaisonRouting {
  liaison: HandoffLiaison;
  /** The owner to give the new hand-off, or null when nobody on the team or rota is available. */
  owner: string | null;
  /** The lead to tell at once (nobody on the team is available). */
  tellLeadNow?: string | undefined;
  reason: CoverDecision['reason'];
}

/**
 * The liaison a new hand-off for a patron of these affiliations goes to: the team's primary, or
 * whoever covers for them now; undefined when no team serves the affiliations.
 */
export function routeToLiaison(team: LiaisonTeam | undefined, context: Omit<CoverContext, 'team'>): LiaisonRouting | undefined {
  if (!team) return undefined;
  const cover = whoCovers(team.primary, { ...context, team });
  const owner = cover.kind === 'available' ? cover.person : cover.kind === 'covered' ? cover.coveredBy : null;
  const liaison = {
    affiliation: team.affiliation,
    primary: team.primary,
    backups: [...team.backups],
    routedTo: owner,
    ...(cover.kind !== 'available' && { away: { person: cover.person, until: cover.away.until, reason: cover.reason.message } }),
  };
  return { liaison, owner, tellLeadNow: cover.kind === 'available' ? undefined : cover.tellLeadNow, reason: cover.reason };
}

/** Whether an away period is over on `today` ("YYYY-MM-DD", the library's zone): its last day was before today. */
export function hasAwayPassed(period: Pick<AwayPeriod, 'until'>, today: string): boolean {
  return period.until < today;
}
