import { describe, expect, it } from 'vitest';
import { availableEvents, handoffStates, remindersDue, type LifecycleEvent } from '@liaison/core';
import { blockKit, blockKitSkipReason } from '../test-support/block-kit.js';
import { reminderMessage } from './reminder.js';
import { testHandoff, testPolicy } from '../test-support/policy.js';
import { cardActions, eventLine, handoffCard, senderUpdate } from './handoff-card.js';
import { handoffModal, readHandoffCommand, readHandoffForm, type ViewValues } from './handoff-modal.js';
import { appHomeView, handoffDetailMessage, handoffListMessage } from './handoff-list.js';
import { eventModal, readEventMetadata, readEventModal } from './event-modal.js';
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
  it('shows summary, patron type only, sender, due time in library hours, responsibility and the buttons an open hand-off allows', () => {
    const blocks = handoffCard(testHandoff(), { policy, now });
    const text = json(blocks);
    expect(text).toContain('H-1042 · Electronic Resources');
    expect(text).toContain('Graduate');
    expect(text).not.toContain('ana.ruiz'); // identity stays off by default
    expect(text).toContain('<@U024REF0001>');
    expect(text).toContain('Tue, Oct 13, 2:00 PM (3 h of opening time left)');
    expect(text).toContain('Passed: this department answers the patron');
    expect(buttonIds(blocks)).toEqual([cardActions.accept, cardActions.reassign, cardActions.resolve, cardActions.returnToSender]);
  });

  it('shows the patron e-mail only when the policy allows it', () => {
    const open = testPolicy({ slack_card: { show_patron_identity: true } });
    expect(json(handoffCard(testHandoff(), { policy: open, now }))).toContain('ana.ruiz@northfield.edu');
  });

  it.each([
    // An open card once offered "Ask for information" and "Waiting on vendor", which the lifecycle refuses before acceptance.
    ['open', ['handoff.accept', 'handoff.reassign', 'handoff.resolve', 'handoff.return']],
    ['accepted', ['handoff.reassign', 'handoff.ask_for_information', 'handoff.waiting_on_vendor', 'handoff.resolve', 'handoff.return']],
    ['waiting_on_patron', ['handoff.reassign', 'handoff.waiting_on_vendor', 'handoff.resolve', 'handoff.return']],
    ['waiting_on_vendor', ['handoff.reassign', 'handoff.ask_for_information', 'handoff.resolve', 'handoff.return']],
    ['resolved', []],
    ['cancelled', []],
    ['returned', []],
  ] as const)('a %s hand-off offers %j', (state, expected) => {
    expect(buttonIds(handoffCard(testHandoff({ state, owner: 'U024ERM0001' }), { policy, now }))).toEqual(expected);
  });

  const eventOfButton: Record<string, LifecycleEvent> = {
    [cardActions.accept]: 'accepted', [cardActions.reassign]: 'reassigned', [cardActions.askForInformation]: 'info_requested',
    [cardActions.waitingOnVendor]: 'waiting_on_vendor', [cardActions.resolve]: 'resolved', [cardActions.returnToSender]: 'returned',
  };
  it.each(handoffStates)('in state %s, every button is a move core\'s lifecycle allows', (state) => {
    const events = buttonIds(handoffCard(testHandoff({ state, owner: 'U024ERM0001' }), { policy, now })).map((id) => eventOfButton[id]);
    for (const event of events) expect(availableEvents(state)).toContain(event);
  });

  it('flags only what its department still owes as overdue: a returned hand-off past its due time is not', () => {
    const late = { dueAt: '2026-10-13T15:30:00.000Z' };
    expect(json(handoffCard(testHandoff({ ...late, state: 'accepted' }), { policy, now })[0])).toContain('⚠️');
    const returned = handoffCard(testHandoff({ ...late, state: 'returned' }), { policy, now });
    expect(json(returned[0])).not.toContain('⚠️');
    expect(json(returned)).not.toContain('(overdue)');
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

  it.skipIf(!blockKit)(`every worded form is valid Block Kit, for a library of one department too ${blockKitSkipReason}`, () => {
    const alone = { ...policy, departments: policy.departments.filter((department) => department.id === 'eresources') };
    for (const shape of [policy, alone]) {
      for (const event of ['reassigned', 'info_requested', 'waiting_on_vendor', 'resolved', 'returned'] as const) {
        expect(blockKit!((eventModal(event, testHandoff({ state: 'accepted' }), shape) as { blocks: unknown[] }).blocks), `${event}, ${shape.departments.length} departments`).toEqual([]);
      }
    }
  });

  it('reassigns within the only department to the person chosen, and asks for that person', () => {
    const alone = { ...policy, departments: policy.departments.filter((department) => department.id === 'eresources') };
    const modal = eventModal('reassigned', testHandoff({ state: 'accepted' }), alone) as { blocks: { block_id?: string; optional?: boolean }[]; private_metadata: string };
    expect(modal.blocks.find((block) => block.block_id === 'department')).toBeUndefined();
    expect(modal.blocks.find((block) => block.block_id === 'owner')?.optional).toBe(false);
    const metadata = readEventMetadata(modal.private_metadata)!;
    expect(metadata).toEqual({ handoffId: 'H-1042', event: 'reassigned', department: 'eresources' });
    const chosen = { owner: { value: { selected_user: 'U024ERM0001' } } } as unknown as ViewValues;
    expect(readEventModal('reassigned', chosen, metadata.department)).toEqual({ ok: true, event: { type: 'reassigned', toDepartment: 'eresources', toOwner: 'U024ERM0001' } });
    expect(readEventModal('reassigned', {}, metadata.department)).toEqual({ ok: false, errors: { owner: 'Choose who takes it.' } });
    expect(readEventMetadata(JSON.stringify({ handoffId: 'H-1', event: 'toString' }))).toBeNull();
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
  expect(describeDue({ state: 'accepted', dueAt: '2026-10-18T18:00:00.000Z' }, saturdayEvening, policy.library)).toBe('Sun, Oct 18, 1:00 PM (1 h of opening time left)');
});

describe('reminders', () => {
  it('say what core says of the rung, escaped, above the card, as valid Block Kit', () => {
    const handoff = testHandoff({ summary: 'Proxy <!channel> error' });
    const [reminder] = remindersDue([handoff], [{ at: 75, notify: 'owner' }], new Date('2026-10-13T18:00:00.000Z'), policy.library);
    const message = reminderMessage(reminder!, handoff, policy, now);
    expect(message.text).toBe(`:alarm_clock: ${userText(reminder!.message, 3000)}`);
    expect(message.text).toContain('has used 75% of its 4 opening hours');
    expect(message.text).toContain('&lt;!channel&gt;');
    if (blockKit) expect(blockKit(message.blocks)).toEqual([]);
  });
});
