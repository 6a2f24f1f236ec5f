import { describe, expect, it } from 'vitest';
import { LiaisonError } from '../errors.js';
import { libraryCalendarSchema, type LibraryCalendar } from './calendar.js';
import { addOpeningMinutes, dueAt, nextOpening, openMinutesBetween } from './due.js';

// 2026: US clocks spring forward on Sunday 8 March and fall back on Sunday 1 November;
// Sydney falls back on Sunday 5 April and springs forward on Sunday 4 October.
// Thanksgiving is Thursday 26 November; Christmas Eve a Thursday.
const branch = libraryCalendarSchema.parse({
  time_zone: 'America/Chicago',
  opening_hours: {
    monday: ['08:00-12:00', '13:00-17:00'],
    tuesday: ['08:00-12:00', '13:00-17:00'],
    wednesday: ['08:00-12:00', '13:00-17:00'],
    thursday: ['08:00-12:00', '13:00-17:00'],
    friday: '08:00-17:00',
    saturday: '10:00-14:00',
    sunday: 'closed',
  },
  holidays: [
    { date: '2026-11-26', name: 'Thanksgiving' },
    { date: '2026-12-24', name: 'Christmas Eve', hours: '08:00-12:00' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
});

const allDay = '00:00-24:00';
const everyDay = { monday: allDay, tuesday: allDay, wednesday: allDay, thursday: allDay, friday: allDay, saturday: allDay, sunday: allDay };
const chicagoAroundTheClock = libraryCalendarSchema.parse({ time_zone: 'America/Chicago', opening_hours: everyDay });
const sydneyAroundTheClock = libraryCalendarSchema.parse({ time_zone: 'Australia/Sydney', opening_hours: everyDay });

const weekdaysOnly = libraryCalendarSchema.parse({
  time_zone: 'America/New_York',
  opening_hours: { monday: '09:00-17:00', tuesday: '09:00-17:00', wednesday: '09:00-17:00', thursday: '09:00-17:00', friday: '09:00-17:00' },
});

// Open across 2 a.m. on Sundays, so the night the clocks change has a short or a long opening.
const lateNight = libraryCalendarSchema.parse({ time_zone: 'America/Chicago', opening_hours: { sunday: '00:00-06:00' } });

const neverOpen = libraryCalendarSchema.parse({ time_zone: 'Europe/London', opening_hours: { monday: 'closed' } });

const cases: { case: string; calendar: LibraryCalendar; start: string; level: string; due: string }[] = [
  // Opening time
  { case: 'within one opening', calendar: branch, start: '2026-03-02T09:00:00-06:00', level: '2 opening hours', due: '2026-03-02T11:00:00-06:00' },
  { case: 'across a lunch break', calendar: branch, start: '2026-03-02T11:00:00-06:00', level: '2 opening hours', due: '2026-03-02T14:00:00-06:00' },
  { case: 'arriving during lunch', calendar: branch, start: '2026-03-02T12:30:00-06:00', level: '30 opening minutes', due: '2026-03-02T13:30:00-06:00' },
  { case: 'filling the day exactly: due at closing, not at the next opening', calendar: branch, start: '2026-03-06T16:00:00-06:00', level: '1 opening hour', due: '2026-03-06T17:00:00-06:00' },
  { case: 'Friday evening to Monday, over a short Saturday and the spring-forward Sunday', calendar: branch, start: '2026-03-06T16:00:00-06:00', level: '6 opening hours', due: '2026-03-09T09:00:00-05:00' },
  { case: 'arriving on a closed Sunday', calendar: branch, start: '2026-03-01T15:00:00-06:00', level: '1 opening hour', due: '2026-03-02T09:00:00-06:00' },
  { case: 'arriving before opening', calendar: branch, start: '2026-03-02T06:00:00-06:00', level: '1.5 opening hours', due: '2026-03-02T09:30:00-06:00' },
  { case: 'arriving after closing', calendar: branch, start: '2026-03-02T20:00:00-06:00', level: '1 opening hour', due: '2026-03-03T09:00:00-06:00' },
  { case: 'skipping a closed holiday', calendar: branch, start: '2026-11-25T16:00:00-06:00', level: '2 opening hours', due: '2026-11-27T09:00:00-06:00' },
  { case: 'into a holiday with reduced hours', calendar: branch, start: '2026-12-23T16:30:00-06:00', level: '4 opening hours', due: '2026-12-24T11:30:00-06:00' },
  { case: 'past reduced hours and a closed holiday', calendar: branch, start: '2026-12-23T16:30:00-06:00', level: '5 opening hours', due: '2026-12-26T10:30:00-06:00' },
  { case: '24-hour days run through midnight', calendar: chicagoAroundTheClock, start: '2026-03-02T23:00:00-06:00', level: '3 opening hours', due: '2026-03-03T02:00:00-06:00' },
  { case: 'US spring-forward: 8 real hours, 9 on the wall clock', calendar: chicagoAroundTheClock, start: '2026-03-07T22:00:00-06:00', level: '8 opening hours', due: '2026-03-08T07:00:00-05:00' },
  { case: 'US fall-back: 8 real hours, 7 on the wall clock', calendar: chicagoAroundTheClock, start: '2026-10-31T22:00:00-05:00', level: '8 opening hours', due: '2026-11-01T05:00:00-06:00' },
  { case: 'Sydney fall-back (April)', calendar: sydneyAroundTheClock, start: '2026-04-04T22:00:00+11:00', level: '8 opening hours', due: '2026-04-05T05:00:00+10:00' },
  { case: 'Sydney spring-forward (October)', calendar: sydneyAroundTheClock, start: '2026-10-03T22:00:00+10:00', level: '8 opening hours', due: '2026-10-04T07:00:00+11:00' },
  { case: 'a short night: open 00:00-06:00 is 5 real hours on spring-forward Sunday', calendar: lateNight, start: '2026-03-08T00:00:00-06:00', level: '6 opening hours', due: '2026-03-15T01:00:00-05:00' },
  { case: 'a long night: open 00:00-06:00 is 7 real hours on fall-back Sunday', calendar: lateNight, start: '2026-11-01T00:00:00-05:00', level: '6 opening hours', due: '2026-11-01T05:00:00-06:00' },

  // Business days
  { case: 'a business day over a weekend and a DST change', calendar: weekdaysOnly, start: '2026-03-06T15:00:00-05:00', level: '1 business day', due: '2026-03-09T15:00:00-04:00' },
  { case: 'two business days over a weekend', calendar: weekdaysOnly, start: '2026-03-06T15:00:00-05:00', level: '2 business days', due: '2026-03-10T15:00:00-04:00' },
  { case: 'a business day arriving on Saturday starts at Monday opening', calendar: weekdaysOnly, start: '2026-03-07T11:00:00-05:00', level: '1 business day', due: '2026-03-10T09:00:00-04:00' },
  { case: 'a business day arriving before opening', calendar: weekdaysOnly, start: '2026-03-02T07:00:00-05:00', level: '1 business day', due: '2026-03-03T09:00:00-05:00' },
  { case: 'a business day arriving after closing', calendar: weekdaysOnly, start: '2026-03-02T19:00:00-05:00', level: '1 business day', due: '2026-03-04T09:00:00-05:00' },
  { case: 'a business day into a day that closes earlier', calendar: branch, start: '2026-03-06T15:00:00-06:00', level: '1 business day', due: '2026-03-07T14:00:00-06:00' },
  { case: 'a business day into a day that opens later', calendar: branch, start: '2026-03-06T08:30:00-06:00', level: '1 business day', due: '2026-03-07T10:00:00-06:00' },
  { case: 'a business day over a closed holiday', calendar: branch, start: '2026-11-25T10:00:00-06:00', level: '1 business day', due: '2026-11-27T10:00:00-06:00' },
  { case: 'a business day into reduced holiday hours', calendar: branch, start: '2026-12-23T15:00:00-06:00', level: '1 business day', due: '2026-12-24T12:00:00-06:00' },
  { case: 'a business day on 24-hour days', calendar: chicagoAroundTheClock, start: '2026-03-02T10:00:00-06:00', level: '1 business day', due: '2026-03-03T10:00:00-06:00' },

  // Plain time
  { case: '48 hours is real time, open or not, across spring-forward', calendar: branch, start: '2026-03-06T16:00:00-06:00', level: '48 hours', due: '2026-03-08T17:00:00-05:00' },
  { case: '2 days keeps the wall-clock time across spring-forward', calendar: branch, start: '2026-03-06T16:00:00-06:00', level: '2 days', due: '2026-03-08T16:00:00-05:00' },
  { case: 'plain time needs no opening hours', calendar: neverOpen, start: '2026-03-06T16:00:00Z', level: '90 minutes', due: '2026-03-06T17:30:00Z' },
];

describe('dueAt', () => {
  it.each(cases)('$case: $level from $start', ({ calendar, start, level, due }) => {
    expect(dueAt(new Date(start), level, calendar).toISOString()).toBe(new Date(due).toISOString());
  });

  it('counts back: the opening minutes from start to due equal the service level', () => {
    for (const { calendar, start, level } of cases.filter((entry) => entry.level.includes('opening'))) {
      const minutes = Number(level.split(' ')[0]) * (level.includes('hour') ? 60 : 1);
      const startAt = new Date(start);
      expect(openMinutesBetween(startAt, dueAt(startAt, level, calendar), calendar)).toBe(minutes);
    }
  });

  it.each(['2 opening hours', '1 business day'])('stops with calendar_never_open for %s on a calendar that never opens', (level) => {
    const attempt = () => dueAt(new Date('2026-03-02T09:00:00Z'), level, neverOpen);
    expect(attempt).toThrow(LiaisonError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'calendar_never_open' }));
  });

  it('throws service_level_invalid for text that is not a service level', () => {
    expect(() => dueAt(new Date(), '2 bussiness days', branch)).toThrow(expect.objectContaining({ code: 'service_level_invalid' }));
  });
});

describe('openMinutesBetween', () => {
  const spans: { case: string; calendar: LibraryCalendar; from: string; to: string; minutes: number }[] = [
    { case: 'over lunch', calendar: branch, from: '2026-03-02T11:00:00-06:00', to: '2026-03-02T14:00:00-06:00', minutes: 120 },
    { case: 'Friday afternoon to Monday morning', calendar: branch, from: '2026-03-06T16:00:00-06:00', to: '2026-03-09T09:00:00-05:00', minutes: 360 },
    { case: 'reduced hours and a closed holiday', calendar: branch, from: '2026-12-23T16:30:00-06:00', to: '2026-12-26T00:00:00-06:00', minutes: 270 },
    { case: 'a short night', calendar: lateNight, from: '2026-03-08T00:00:00-06:00', to: '2026-03-09T00:00:00-05:00', minutes: 300 },
    { case: 'a long night', calendar: lateNight, from: '2026-11-01T00:00:00-05:00', to: '2026-11-02T00:00:00-06:00', minutes: 420 },
    { case: 'part of a minute', calendar: chicagoAroundTheClock, from: '2026-03-02T10:00:00-06:00', to: '2026-03-02T10:00:30-06:00', minutes: 0.5 },
    { case: 'backwards', calendar: branch, from: '2026-03-02T14:00:00-06:00', to: '2026-03-02T11:00:00-06:00', minutes: 0 },
    { case: 'a calendar that never opens', calendar: neverOpen, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', minutes: 0 },
  ];
  it.each(spans)('$case', ({ calendar, from, to, minutes }) => {
    expect(openMinutesBetween(new Date(from), new Date(to), calendar)).toBe(minutes);
  });
});

describe('nextOpening and addOpeningMinutes', () => {
  it('gives the instant itself when open, else the next opening', () => {
    expect(nextOpening(new Date('2026-03-02T09:15:00-06:00'), branch).toISOString()).toBe(new Date('2026-03-02T09:15:00-06:00').toISOString());
    expect(nextOpening(new Date('2026-03-02T12:00:00-06:00'), branch).toISOString()).toBe(new Date('2026-03-02T13:00:00-06:00').toISOString());
  });

  it('adds nothing for zero minutes', () => {
    expect(addOpeningMinutes(new Date('2026-03-01T15:00:00-06:00'), 0, branch).toISOString()).toBe(new Date('2026-03-01T15:00:00-06:00').toISOString());
  });
});
