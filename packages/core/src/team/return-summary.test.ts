import { describe, expect, it } from 'vitest';
import type { Handoff } from '../handoff/handoff.js';
import { applyHandoffEvent, createHandoff } from '../handoff/lifecycle.js';
import { routeToLiaison } from './cover.js';
import type { LiaisonTeam } from './liaison-teams.js';
import { returnSummary } from './return-summary.js';

const timeZone = 'America/Toronto';
const chemistry: LiaisonTeam = { affiliation: 'Chemistry', department: 'reference', primary: 'USAM', backups: ['UPRIYA'] };
const period = { person: 'USAM', from: '2026-12-02', until: '2026-12-18' };
const desk = { id: 'UDESK' };

function handoff(id: string, at: string, extra: Partial<Handoff> = {}): Handoff {
  return { ...createHandoff({ id, question: `Question ${id}`, summary: `Summary ${id}`, department: 'reference', serviceLevel: '1 business day', dueAt: at }, desk, new Date(at)), ...extra };
}

function act(current: Handoff, event: Parameters<typeof applyHandoffEvent>[1], actor: { id: string }, at: string): Handoff {
  const result = applyHandoffEvent(current, event, actor, new Date(at));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('routeToLiaison', () => {
  it('goes to the primary when they are here, and says nothing of cover', () => {
    const routed = routeToLiaison(chemistry, { awayPeriods: [], now: new Date('2026-12-03T15:00:00Z'), timeZone });
    expect(routed).toMatchObject({ owner: 'USAM', liaison: { affiliation: 'Chemistry', primary: 'USAM', backups: ['UPRIYA'], routedTo: 'USAM' } });
    expect(routed?.liaison.away).toBeUndefined();
  });

  it('goes to the backup while the primary is away, with the reason', () => {
    const routed = routeToLiaison(chemistry, { awayPeriods: [period], now: new Date('2026-12-03T15:00:00Z'), timeZone });
    expect(routed).toMatchObject({ owner: 'UPRIYA', liaison: { routedTo: 'UPRIYA', away: { person: 'USAM', until: '2026-12-18', reason: "Chemistry's liaison, USAM, is away until 18 December; routed to UPRIYA." } } });
  });

  it('goes to nobody and tells the lead at once when the whole team is away', () => {
    const routed = routeToLiaison(chemistry, {
      department: { id: 'reference', lead: 'ULEAD' },
      awayPeriods: [period, { ...period, person: 'UPRIYA' }],
      now: new Date('2026-12-03T15:00:00Z'),
      timeZone,
    });
    expect(routed).toMatchObject({ owner: null, tellLeadNow: 'ULEAD', reason: { code: 'away_nobody_available' } });
  });

  it('is nothing when no team serves the patron', () => {
    expect(routeToLiaison(undefined, { awayPeriods: [], now: new Date(), timeZone })).toBeUndefined();
  });
});

describe('returnSummary', () => {
  it('lists each hand-off touched while away once, where it stands and who has it; older and other people\'s work is left out', () => {
    const routedAway = handoff('H-1', '2026-12-04T15:00:00Z', {
      owner: 'UPRIYA',
      routing: { ruleId: 'r', explanation: 'x', liaison: { affiliation: 'Chemistry', primary: 'USAM', backups: ['UPRIYA'], routedTo: 'UPRIYA', away: { person: 'USAM', until: '2026-12-18', reason: 'r' } } },
    });
    const resolvedByBackup = act(routedAway, { type: 'resolved', resolution: 'Sent the article' }, { id: 'UPRIYA' }, '2026-12-05T15:00:00Z');
    const own = act(handoff('H-2', '2026-11-20T15:00:00Z'), { type: 'accepted' }, { id: 'USAM' }, '2026-11-21T15:00:00Z');
    const ownTouched = act(own, { type: 'noted', note: 'patron wrote again' }, { id: 'UPRIYA' }, '2026-12-10T15:00:00Z');
    const ownUntouched = act(handoff('H-3', '2026-11-20T15:00:00Z'), { type: 'accepted' }, { id: 'USAM' }, '2026-11-21T15:00:00Z');
    const someoneElses = act(handoff('H-4', '2026-12-04T15:00:00Z'), { type: 'accepted' }, { id: 'UOMAR' }, '2026-12-04T16:00:00Z');

    const summary = returnSummary('USAM', period, [resolvedByBackup, ownTouched, ownUntouched, someoneElses], timeZone, (contact) => `<@${contact}>`);
    expect(summary.handoffIds).toEqual(['H-2', 'H-1']);
    expect(summary.text).toBe(
      [
        'Welcome back. While you were away (2 December to 18 December): 2 of your hand-offs changed; 1 still open.',
        '• H-2 "Summary H-2": accepted, with you',
        '• H-1 "Summary H-1": resolved, with <@UPRIYA> (routed to cover while you were away)',
      ].join('\n'),
    );
  });

  it('says so in one line when nothing happened', () => {
    expect(returnSummary('USAM', period, [], timeZone).text).toBe('Welcome back. While you were away (2 December to 18 December), nothing happened to your hand-offs.');
  });
});
