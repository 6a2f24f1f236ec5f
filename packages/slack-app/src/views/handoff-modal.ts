/**
 * The `/handoff` modal: prefilled by the routing rules, with fields for the patron, the question,
 * links and a note; and the reader of its submission, which turns Slack's `view.state.values`
 * into a hand-off request or into errors Slack shows beside the fields.
 */
import type { Responsibility } from '@liaison/core';
import type { SlackPolicy } from '../library.js';
import { context, option, plain, section, type Block } from './blocks.js';
import { formatLibraryTime } from './due.js';
import { slackLimits, truncate, userText } from './limits.js';

export const handoffModalCallback = 'handoff.create';

/** What the routing rules suggest for a question (the hub's `POST /api/v1/route` answer). */
export interface RouteSuggestion {
  department: string;
  departmentName: string;
  serviceLevel: string;
  responsibility: Responsibility;
  ruleId: string;
  explanation: string;
  /** ISO 8601 instant. */
  dueAt: string;
}

/** Where the modal was opened from, carried through Slack in `private_metadata`. */
export interface HandoffOrigin {
  via: 'command' | 'shortcut';
  /** The channel the command was typed in, or the shortcut's message was in. */
  channelId?: string;
  /** The shortcut's message timestamp, for a permalink back to it. */
  messageTs?: string;
}

export interface HandoffModalInput {
  question: string;
  policy: SlackPolicy;
  /** The rules' suggestion, or null when staff named the department (`/handoff @dept …`). */
  suggestion: RouteSuggestion | null;
  /** The department preselected: the one named, else the suggestion's. */
  department: string;
  origin: HandoffOrigin;
}

const responsibilityWords: Record<Responsibility, string> = {
  passed: 'passed (they answer the patron)',
  retained: 'retained (you stay the patron’s contact)',
};

function textInput(blockId: string, label: string, options: { initial?: string; multiline?: boolean; optional?: boolean; placeholder?: string; hint?: string; maxLength?: number } = {}): Block {
  const maxLength = options.maxLength ?? slackLimits.inputText;
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label, 2000),
    ...(options.hint && { hint: plain(options.hint, 2000) }),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline: options.multiline ?? false,
      max_length: maxLength,
      ...(options.initial && { initial_value: truncate(options.initial, maxLength) }),
      ...(options.placeholder && { placeholder: plain(options.placeholder, 150) }),
    },
  };
}

/** A select of the policy's departments with `selected` chosen (at most 100, Slack's limit). */
export function departmentSelect(policy: SlackPolicy, selected: string | undefined, label = 'Department'): Block {
  const options = policy.departments.slice(0, slackLimits.options).map((department) => option(department.name, department.id));
  const initial = options.find((candidate) => candidate.value === selected);
  return {
    type: 'input',
    block_id: 'department',
    label: plain(label, 2000),
    element: { type: 'static_select', action_id: 'value', options, ...(initial && { initial_option: initial }) },
  };
}

/** The `/handoff` modal. */
export function handoffModal(input: HandoffModalInput): Record<string, unknown> {
  const { suggestion, policy } = input;
  const blocks: Block[] = [];
  if (suggestion) {
    blocks.push(
      section(
        `*Suggested:* ${userText(suggestion.departmentName, 200)} · ${userText(suggestion.serviceLevel, 100)} · ${responsibilityWords[suggestion.responsibility]}\n` +
          `Due ${formatLibraryTime(suggestion.dueAt, policy.library.time_zone)} if sent now.`,
      ),
      context([`_Why:_ ${userText(suggestion.explanation, 1000)} You can choose another department below.`]),
    );
  } else {
    blocks.push(context(['You chose the department; the routing rules were not asked.']));
  }
  blocks.push(
    departmentSelect(policy, input.department),
    textInput('question', 'The patron’s question', { initial: input.question, multiline: true, maxLength: 3000 }),
    textInput('patron', 'Patron (e-mail or barcode)', { optional: true, placeholder: 'ana.ruiz@northfield.edu or 21234001234567', maxLength: 200 }),
    textInput('patron_type', 'Patron type', { optional: true, placeholder: 'Faculty, Graduate, Undergraduate…', maxLength: 80 }),
    textInput('zendesk_ticket', 'Zendesk ticket', { optional: true, placeholder: '#48213', maxLength: 200 }),
    textInput('ill_transaction', 'ILL transaction number', { optional: true, placeholder: '702115', maxLength: 40 }),
    textInput('note', 'Note for the department', { optional: true, multiline: true, maxLength: 3000 }),
  );
  return {
    type: 'modal',
    callback_id: handoffModalCallback,
    title: plain('Hand off', slackLimits.modalTitle),
    submit: plain('Send', slackLimits.modalTitle),
    close: plain('Cancel', slackLimits.modalTitle),
    private_metadata: truncate(JSON.stringify(input.origin), slackLimits.privateMetadata),
    blocks,
  };
}

/** The hand-off request read from a submitted modal (the hub's create body, minus what Slack adds). */
export interface HandoffForm {
  question: string;
  department: string;
  patron?: { email?: string; barcode?: string; patronType?: string };
  links: { zendeskTicket?: string; illTransactionNumber?: string };
  note?: string;
}

export type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>>;

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads one text field of a submitted view; empty text is undefined. */
export function fieldValue(values: ViewValues, blockId: string): string | undefined {
  const field = values[blockId]?.value;
  const text = field?.value ?? field?.selected_option?.value ?? field?.selected_user ?? undefined;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The modal's values as a hand-off request, or errors by block id for Slack to show (`response_action: errors`). */
export function readHandoffForm(values: ViewValues, policy: SlackPolicy): { ok: true; form: HandoffForm } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const question = fieldValue(values, 'question');
  if (!question) errors.question = 'Write the patron’s question.';
  const department = fieldValue(values, 'department');
  if (!department || !policy.departments.some((d) => d.id === department)) errors.department = 'Choose a department.';
  const patronText = fieldValue(values, 'patron');
  const patronType = fieldValue(values, 'patron_type');
  let patron: HandoffForm['patron'];
  if (patronText?.includes('@')) {
    if (!emailAddress.test(patronText)) errors.patron = 'That is not an e-mail address; write one like ana.ruiz@northfield.edu, or a barcode.';
    else patron = { email: patronText };
  } else if (patronText) {
    if (/\s/.test(patronText) || patronText.length > 40) errors.patron = 'A barcode has no spaces and at most 40 characters.';
    else patron = { barcode: patronText };
  }
  if (patronType) patron = { ...patron, patronType };
  if (Object.keys(errors).length > 0 || !question || !department) return { ok: false, errors };
  const zendeskTicket = fieldValue(values, 'zendesk_ticket');
  const illTransactionNumber = fieldValue(values, 'ill_transaction');
  const note = fieldValue(values, 'note');
  return {
    ok: true,
    form: {
      question,
      department,
      ...(patron && { patron }),
      links: { ...(zendeskTicket && { zendeskTicket }), ...(illTransactionNumber && { illTransactionNumber }) },
      ...(note && { note }),
    },
  };
}

/** Reads `private_metadata` back; anything unreadable counts as a plain command. */
export function readOrigin(privateMetadata: string | undefined): HandoffOrigin {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as Partial<HandoffOrigin>;
    if (parsed.via === 'command' || parsed.via === 'shortcut') return parsed as HandoffOrigin;
  } catch {
    // fall through
  }
  return { via: 'command' };
}

/** `/handoff @dept text`: the department named first (by id or by name without spaces), and the rest. */
export function readHandoffCommand(text: string, policy: SlackPolicy): { department?: string; question: string } {
  const match = /^\s*@([^\s]+)\s*([\s\S]*)$/u.exec(text);
  if (!match) return { question: text.trim() };
  const named = match[1]!.toLowerCase();
  const department = policy.departments.find((d) => d.id === named || d.name.toLowerCase().replace(/\s+/g, '') === named);
  // An @ that names no department is part of the question ("@Ana asked about …").
  if (!department) return { question: text.trim() };
  return { department: department.id, question: (match[2] ?? '').trim() };
}

