import { describe, expect, it } from 'vitest';
import type { AwayPeriod, CoverContext, CoverDecision } from './cover.js';
import { awayPeriodNow, dayAndMonth, reminderRecipientNow, whoCovers } from './cover.js';
import type { LiaisonTeam } from './liaison-teams.js';
import { liaisonTeamFor, liaisonTeamsSchema, teamsWithoutBackup } from './liaison-teams.js';

const chemistry: LiaisonTeam = { affiliation: 'Chemistry', department: 'reference', primary: 'USAM', backups: ['UPRIYA', 'UOMAR'] };
const reference = { id: 'reference', lead: 'ULEAD', backups: ['UROTA1', 'UROTA2'] };
const timeZone = 'America/Toronto';
// 10:00 in Toronto on 2 December 2026.
const now = new Date('2026-12-02T15:00:00Z');
const away = (person: string, until = '2026-12-18', backup?: string, from = '2026-12-01'): AwayPeriod => ({ person, from, until, ...(backup ? { backup } : {}) });

describe('whoCovers', () => {
  const cases: { name: string; person: string; away: AwayPeriod[]; team?: LiaisonTeam; kind: CoverDecision['kind']; by?: string; lead?: string; message?: string }[] = [
    { name: 'someone not away acts themselves', person: 'USAM', away: [], team: chemistry, kind: 'available' },
    { name: 'an away period that ended yesterday is over', person: 'USAM', away: [away('USAM', '2026-12-01')], team: chemistry, kind: 'available' },
    { name: 'an away period that starts tomorrow has not begun', person: 'USAM', away: [away('USAM', '2026-12-18', undefined, '2026-12-03')], team: chemistry, kind: 'available' },
    {
      name: 'away: the first team backup covers, and the reason says so',
      person: 'USAM', away: [away('USAM')], team: chemistry, kind: 'covered', by: 'UPRIYA',
      message: "Chemistry's liaison, USAM, is away until 18 December; routed to UPRIYA.",
    },
    { name: 'the backup the person named comes before the team', person: 'USAM', away: [away('USAM', '2026-12-18', 'UOMAR')], team: chemistry, kind: 'covered', by: 'UOMAR' },
    { name: 'a named backup who is away too is passed over', person: 'USAM', away: [away('USAM', '2026-12-18', 'UOMAR'), away('UOMAR')], team: chemistry, kind: 'covered', by: 'UPRIYA' },
    { name: 'a backup away covers for the primary: the primary covers back', person: 'UPRIYA', away: [away('UPRIYA')], team: chemistry, kind: 'covered', by: 'USAM' },
    {
      name: 'the whole team away: the department rota covers and the lead is told at once',
      person: 'USAM', away: [away('USAM'), away('UPRIYA'), away('UOMAR')], team: chemistry, kind: 'covered', by: 'UROTA1', lead: 'ULEAD',
    },
    {
      name: 'team and rota all away: nobody, and the lead is told at once',
      person: 'USAM', away: ['USAM', 'UPRIYA', 'UOMAR', 'UROTA1', 'UROTA2'].map((person) => away(person)), team: chemistry, kind: 'nobody_available', lead: 'ULEAD',
      message: "Chemistry's liaison, USAM, is away until 18 December and nobody on the Chemistry team is available; ULEAD, the department lead, is told now.",
    },
    { name: 'no team: the department rota covers without troubling the lead', person: 'USAM', away: [away('USAM')], kind: 'covered', by: 'UROTA1' },
    { name: 'the last day away is still away (both days included)', person: 'USAM', away: [away('USAM', '2026-12-02')], team: chemistry, kind: 'covered', by: 'UPRIYA' },
  ];
  it.each(cases)('$name', ({ person, away: periods, team, kind, by, lead, message }) => {
    const decision = whoCovers(person, { team, department: reference, awayPeriods: periods, now, timeZone });
    expect(decision.kind).toBe(kind);
    if (by) expect(decision).toMatchObject({ coveredBy: by });
    if (decision.kind !== 'available') expect(decision.tellLeadNow).toBe(lead);
    if (message) expect(decision.reason.message).toBe(message);
    expect(decision.reason.code).toBe(kind === 'available' ? 'available' : kind === 'covered' ? 'away_covered_by_backup' : 'away_nobody_available');
  });

  it('reads "today" in the library\'s zone: 02:00 UTC on the 3rd is still the 2nd in Toronto', () => {
    const periods = [away('USAM', '2026-12-02')];
    const lateEvening = new Date('2026-12-03T02:00:00Z');
    expect(awayPeriodNow('USAM', periods, lateEvening, timeZone)).toBeDefined();
    expect(awayPeriodNow('USAM', periods, lateEvening, 'UTC')).toBeUndefined();
  });

  it('names people as the surface asks (a Slack mention)', () => {
    const decision = whoCovers('USAM', { team: chemistry, awayPeriods: [away('USAM')], now, timeZone, nameOf: (contact) => `<@${contact}>` });
    expect(decision.reason.message).toBe("Chemistry's liaison, <@USAM>, is away until 18 December; routed to <@UPRIYA>.");
  });

  it('the lead who is away is not "told now"; the work waits in the channel', () => {
    const periods = ['USAM', 'UPRIYA', 'UOMAR', 'UROTA1', 'UROTA2', 'ULEAD'].map((person) => away(person));
    const decision = whoCovers('USAM', { team: chemistry, department: reference, awayPeriods: periods, now, timeZone });
    expect(decision).toMatchObject({ kind: 'nobody_available', tellLeadNow: undefined });
    expect(decision.reason.message).toMatch(/waits in the department channel/);
  });
});

describe('reminderRecipientNow', () => {
  const context: CoverContext & { department: typeof reference } = { team: chemistry, department: reference, awayPeriods: [away('USAM')], now, timeZone };
  it.each([
    { name: 'an owner who is away: the backup', recipient: { kind: 'person', contact: 'USAM' } as const, periods: [away('USAM')], expected: { kind: 'person', contact: 'UPRIYA' } },
    { name: 'an owner who is here: the owner', recipient: { kind: 'person', contact: 'USAM' } as const, periods: [], expected: { kind: 'person', contact: 'USAM' } },
    { name: 'a channel is never away', recipient: { kind: 'department_channel', department: 'reference' } as const, periods: [away('USAM')], expected: { kind: 'department_channel', department: 'reference' } },
    {
      name: 'everybody away but the lead: the lead',
      recipient: { kind: 'person', contact: 'USAM' } as const,
      periods: ['USAM', 'UPRIYA', 'UOMAR', 'UROTA1', 'UROTA2'].map((person) => away(person)),
      expected: { kind: 'person', contact: 'ULEAD' },
    },
    {
      name: 'everybody away, the lead too: the channel',
      recipient: { kind: 'person', contact: 'USAM' } as const,
      periods: ['USAM', 'UPRIYA', 'UOMAR', 'UROTA1', 'UROTA2', 'ULEAD'].map((person) => away(person)),
      expected: { kind: 'department_channel', department: 'reference' },
    },
  ])('$name', ({ recipient, periods, expected }) => {
    expect(reminderRecipientNow(recipient, { ...context, awayPeriods: periods }).recipient).toEqual(expected);
  });
});

describe('liaison teams', () => {
  const teams = liaisonTeamsSchema.parse([
    { affiliation: 'Chemistry', also_known_as: ['CHEM'], primary: 'USAM', backups: ['UPRIYA'] },
    { affiliation: 'Études françaises', primary: 'UANA' },
  ]);
  it.each([
    { affiliations: ['chemistry'], expected: 'Chemistry' },
    { affiliations: ['Physics', ' CHEM '], expected: 'Chemistry' },
    { affiliations: ['etudes francaises'], expected: 'Études françaises' },
    { affiliations: ['Physics'], expected: undefined },
    { affiliations: [], expected: undefined },
    { affiliations: [''], expected: undefined },
  ])('a patron of $affiliations is served by $expected', ({ affiliations, expected }) => {
    expect(liaisonTeamFor(affiliations, teams)?.affiliation).toBe(expected);
  });

  it('warns about a team with no backup, or only the primary again', () => {
    const warnings = teamsWithoutBackup([...teams, { affiliation: 'Music', primary: 'UX', backups: ['UX'] }]);
    expect(warnings.map((warning) => warning.path)).toEqual([
      ['liaison_teams', 1, 'backups'],
      ['liaison_teams', 2, 'backups'],
    ]);
    expect(warnings[0]!.message).toBe('"Études françaises" has no backup; while UANA is away nobody covers it');
  });

  it('refuses a primary that is neither a Slack id nor an e-mail address', () => {
    const result = liaisonTeamsSchema.safeParse([{ affiliation: 'Chemistry', primary: 'Sam' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([0, 'primary']);
  });

  it('writes dates as staff say them', () => {
    expect(dayAndMonth('2026-12-18')).toBe('18 December');
    expect(dayAndMonth('2027-01-02')).toBe('2 January');
  });
});
