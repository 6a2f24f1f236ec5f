import { describe, expect, it } from 'vitest';
import { testHandoff, testPolicy } from '../test-support/policy.js';
import { cardActions, eventLine, handoffCard, senderUpdate } from './handoff-card.js';
import { handoffModal, readHandoffCommand, readHandoffForm, type ViewValues } from './handoff-modal.js';
import { appHomeView, handoffDetailMessage, handoffListMessage } from './handoff-list.js';
import { eventModal, readEventModal } from './event-modal.js';
import { slackLimits, truncate, userText } from './limits.js';
import { describeDue } from './due.js';

const policy = testPolicy();
const now = new Date('2026-10-13T16:00:00.000Z'); // Tuesday 11:00 in Chicago
const json = (value: unknown) => JSON.stringify(value);
const buttonIds = (blocks: unknown[]) =>
  blocks.flatMap((block) => ((block as { type: string }).type === 'actions' ? (block as { elements: { action_id: string }[] }).elements.map((e) => e.action_id) : []));

describe('text limits', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer sentence', 8, 'a longe…'],
    ['emoji 😀😀', 8, 'emoji …'],
  ])('truncate(%j, %i) = %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });

  it('escapes mentions people typed so a card cannot page a channel', () => {
    expect(userText('<!channel> & <@U1>', 100)).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(userText('a < b', 3)).toBe('a …');
  });
});

describe('the channel card', () => {
  it('shows summary, patron type only, sender, due time in library hours, responsibility and all six buttons', () => {
    const blocks = handoffCard(testHandoff(), { policy, now });
    const text = json(blocks);
    expect(text).toContain('H-1042 · Electronic Resources');
    expect(text).toContain('Graduate');
    expect(text).not.toContain('ana.ruiz'); // identity stays off by default
    expect(text).toContain('<@U024REF0001>');
    expect(text).toContain('Tue, Oct 13, 2:00 PM (3 h of opening time left)');
    expect(text).toContain('Passed: this department answers the patron');
    expect(buttonIds(blocks)).toEqual(Object.values(cardActions));
  });

  it('shows the patron e-mail only when the policy allows it', () => {
    const open = testPolicy({ slack_card: { show_patron_identity: true } });
    expect(json(handoffCard(testHandoff(), { policy: open, now }))).toContain('ana.ruiz@northfield.edu');
  });

  it.each([
    ['accepted', ['handoff.reassign', 'handoff.ask_for_information', 'handoff.waiting_on_vendor', 'handoff.resolve', 'handoff.return']],
    ['resolved', []],
    ['returned', []],
  ] as const)('a %s hand-off offers %j', (state, expected) => {
    expect(buttonIds(handoffCard(testHandoff({ state, owner: 'U024ERM0001' }), { policy, now }))).toEqual(expected);
  });

  it('flags an overdue hand-off and keeps a huge summary within Slack limits', () => {
    const blocks = handoffCard(testHandoff({ summary: 'x'.repeat(10_000), dueAt: '2026-10-13T15:30:00.000Z' }), { policy, now });
    expect(json(blocks[0])).toContain('⚠️');
    const section = blocks[1] as unknown as { text: { text: string } };
    expect(section.text.text.length).toBeLessThanOrEqual(slackLimits.sectionText);
  });

  it('writes thread lines and tells the sender only about accepted, returned and resolved', () => {
    const handoff = testHandoff();
    const actor = { id: 'U024ERM0001' };
    const at = now.toISOString();
    expect(eventLine({ sequence: 2, type: 'reassigned', at, actor, from: 'open', to: 'open', toDepartment: 'ill' }, policy)).toContain('Interlibrary Loan');
    expect(senderUpdate(handoff, { sequence: 2, type: 'accepted', at, actor, from: 'open', to: 'accepted' }, policy, null)).toContain('accepted');
    expect(senderUpdate(handoff, { sequence: 3, type: 'resolved', at, actor, from: 'accepted', to: 'resolved', note: 'Fixed proxy stanza' }, policy, 'https://hub/s/abc')).toContain('https://hub/s/abc');
    expect(senderUpdate(handoff, { sequence: 2, type: 'noted', at, actor, from: 'open', to: 'open', note: 'x' }, policy, null)).toBeNull();
  });
});

describe('the /handoff modal', () => {
  const suggestion = { department: 'eresources', departmentName: 'Electronic Resources', serviceLevel: '4 opening hours', responsibility: 'passed' as const, ruleId: 'off-campus-access', explanation: 'Rule "off-campus-access" matched the word "proxy".', dueAt: '2026-10-13T19:00:00.000Z' };

  it('is prefilled with the suggestion, why it matched, and the department chosen', () => {
    const view = handoffModal({ question: 'proxy error', policy, suggestion, department: 'eresources', origin: { via: 'command', channelId: 'C1' } });
    const text = json(view);
    expect(text).toContain('matched the word');
    expect(text).toContain('passed (they answer the patron)');
    expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(slackLimits.viewBlocks);
    expect(json((view.blocks as { block_id?: string; element?: { initial_option?: unknown } }[]).find((b) => b.block_id === 'department')?.element?.initial_option)).toContain('eresources');
    expect(JSON.parse(view.private_metadata as string)).toEqual({ via: 'command', channelId: 'C1' });
  });

  const values = (fields: Record<string, string>): ViewValues =>
    Object.fromEntries(Object.entries(fields).map(([block, value]) => [block, { value: block === 'department' ? { selected_option: { value } } : { value } }]));

  it.each([
    [{ question: 'Where is my loan?', department: 'ill' }, { question: 'Where is my loan?', department: 'ill', links: {} }],
    [{ question: 'q', department: 'ill', patron: 'ana@northfield.edu', patron_type: 'Faculty' }, { patron: { email: 'ana@northfield.edu', patronType: 'Faculty' } }],
    [{ question: 'q', department: 'ill', patron: '21234001234567', ill_transaction: '702115' }, { patron: { barcode: '21234001234567' }, links: { illTransactionNumber: '702115' } }],
  ])('reads %j', (fields, expected) => {
    const read = readHandoffForm(values(fields), policy);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.form).toMatchObject(expected);
  });

  it.each([
    [{ question: '  ', department: 'ill' }, 'question'],
    [{ question: 'q', department: 'nowhere' }, 'department'],
    [{ question: 'q', department: 'ill', patron: 'ana@' }, 'patron'],
    [{ question: 'q', department: 'ill', patron: 'two words' }, 'patron'],
  ])('refuses %j with an error on %s', (fields, block) => {
    const read = readHandoffForm(values(fields), policy);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors)).toEqual([block]);
  });

  it.each([
    ['@ill where is my loan', { department: 'ill', question: 'where is my loan' }],
    ['@ILL where is my loan', { department: 'ill', question: 'where is my loan' }],
    ['@Ana asked about fines', { question: '@Ana asked about fines' }],
    ['proxy error', { question: 'proxy error' }],
  ])('reads the command %j', (text, expected) => {
    expect(readHandoffCommand(text, policy)).toEqual(expected);
  });
});

describe('event modals', () => {
  it.each([
    ['resolved', { words: { value: 'Fixed' } }, { type: 'resolved', resolution: 'Fixed' }],
    ['returned', { words: { value: 'Wrong desk' } }, { type: 'returned', reason: 'Wrong desk' }],
    ['waiting_on_vendor', { words: { value: null } }, { type: 'waiting_on_vendor' }],
    ['reassigned', { department: { selected_option: { value: 'ill' } }, owner: { selected_user: 'U024ILLLEAD' }, words: { value: null } }, { type: 'reassigned', toDepartment: 'ill', toOwner: 'U024ILLLEAD' }],
  ] as const)('%s', (event, fields, expected) => {
    const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }])) as ViewValues;
    expect(readEventModal(event, values)).toEqual({ ok: true, event: expected });
  });

  it('needs a resolution note to resolve, and offers only other departments to reassign to', () => {
    expect(readEventModal('resolved', {})).toEqual({ ok: false, errors: { words: 'Say how it was resolved.' } });
    const view = json(eventModal('reassigned', testHandoff(), policy));
    expect(view).toContain('"value":"ill"');
    expect(view).not.toContain('"value":"eresources"');
  });
});

describe('lists, detail and App Home', () => {
  const many = Array.from({ length: 120 }, (_, i) => testHandoff({ id: `H-${2000 + i}`, dueAt: new Date(now.getTime() + (i - 60) * 60_000).toISOString() }));

  it('puts overdue first and stays within 50 blocks for a long queue', () => {
    const blocks = handoffListMessage({ policy, now, mine: many.slice(0, 3), queues: [{ department: 'eresources', handoffs: many }, { department: 'reference', handoffs: many }] });
    expect(blocks.length).toBeLessThanOrEqual(slackLimits.messageBlocks);
    expect(json(blocks)).toContain('120 open, :warning: 60 overdue');
  });

  it('shows one hand-off with its history', () => {
    const text = json(handoffDetailMessage(testHandoff(), policy, now));
    expect(text).toContain('handed this off');
  });

  it('builds App Home within 100 blocks with a dashboard link', () => {
    const view = appHomeView({ policy, now, mine: many, queues: [{ department: 'eresources', handoffs: many }], dashboardUrl: 'https://hub.example.edu/dashboard/' });
    expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(slackLimits.viewBlocks);
    expect(json(view)).toContain('https://hub.example.edu/dashboard/');
  });
});

it('counts only opening time when describing a due time (Saturday evening to Sunday noon is closed)', () => {
  const saturdayEvening = new Date('2026-10-17T23:30:00.000Z'); // 18:30 Chicago, after closing
  expect(describeDue('2026-10-18T18:00:00.000Z', saturdayEvening, policy.library)).toBe('Sun, Oct 18, 1:00 PM (1 h of opening time left)');
});
