/**
 * What a policy file says that is valid but likely not meant: `config check` prints these as
 * warnings and still exits 0. A weekday left out of opening_hours closes the library that day
 * (a short example once left out Tuesday to Thursday), and a service level counted in elapsed
 * hours shorter than the library's longest closure falls due, for a question asked at closing
 * time, while nobody is there to meet it.
 */
import type { Issue } from '../errors.js';
import type { Weekday } from '../time/calendar.js';
import { minutesAfterMidnight, type OpeningDay } from '../time/opening-hours.js';
import { parseServiceLevel } from '../time/service-level.js';
import type { Policy } from './schema.js';

const workingDays: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const dayName = (day: Weekday) => day[0]!.toUpperCase() + day.slice(1);
const minutesInWeek = 7 * 24 * 60;

/** The longest stretch of the week the library is closed, in minutes, and where it starts; null when it never opens. */
function longestClosure(hours: Record<Weekday, OpeningDay>): { minutes: number; after: string } | null {
  // Open stretches as minutes from Monday 00:00, in order.
  const week: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const open = week.flatMap((day, index) =>
    hours[day].map((range) => ({ day, closesText: range.closes, opens: index * 1440 + minutesAfterMidnight(range.opens), closes: index * 1440 + minutesAfterMidnight(range.closes) })),
  );
  if (open.length === 0) return null;
  let longest = { minutes: 0, after: '' };
  open.forEach((stretch, index) => {
    const next = open[(index + 1) % open.length]!;
    const gap = (next.opens - stretch.closes + minutesInWeek) % minutesInWeek;
    if (gap > longest.minutes) longest = { minutes: gap, after: `${dayName(stretch.day)} ${stretch.closesText}` };
  });
  return longest;
}

/** Warnings about a valid policy: each with its path, what it means, and what to write if it was not meant. */
export function policyWarnings(policy: Policy): Issue[] {
  const warnings: Issue[] = [];
  const hours = policy.library.opening_hours as Record<Weekday, OpeningDay>;
  for (const day of workingDays) {
    if (hours[day].length === 0) {
      warnings.push({
        path: ['library', 'opening_hours', day],
        message: `the library is closed every ${dayName(day)}: no hand-off's time runs that day`,
        hint: `if it is open, add its hours, e.g. ${day}: "08:00-17:00" (a day left out is closed)`,
      });
    }
  }
  const closure = longestClosure(hours);
  const levels: { path: (string | number)[]; text: string }[] = [
    { path: ['handoff', 'default_service_level'], text: policy.handoff.default_service_level },
    ...policy.handoff.rules.map((rule, index) => ({ path: ['handoff', 'rules', index, 'service_level'], text: rule.service_level })),
  ];
  for (const { path, text } of levels) {
    const level = parseServiceLevel(text);
    if (!level.ok) continue;
    if (!closure && level.value.kind !== 'elapsed_time' && level.value.kind !== 'calendar_days') {
      warnings.push({ path, message: `"${text}" counts opening time, and the library is never open, so it can never be met`, hint: 'add the library\'s opening_hours' });
    } else if (closure && level.value.kind === 'elapsed_time' && level.value.minutes < closure.minutes) {
      const closedHours = Math.round((closure.minutes / 60) * 10) / 10;
      warnings.push({
        path,
        message: `"${text}" counts closed time too, and the library closes for ${closedHours} hours from ${closure.after}: a question asked at closing time falls due before anyone is there`,
        hint: `count opening time instead, e.g. "${Math.max(1, Math.round(level.value.minutes / 60))} opening hours"`,
      });
    }
  }
  if (!policy.slack) {
    warnings.push({
      path: ['slack'],
      message: 'no Slack workspaces are named, so a request from any workspace is trusted with the library\'s bot token and hand-offs',
      hint: 'name the library\'s workspace, e.g. slack: { workspaces: [{ team_id: T024BE7LD }] }',
    });
  }
  return warnings;
}
