/**
 * The small modals behind the card's buttons that need words: Reassign, Ask for information,
 * Waiting on vendor, Resolve (with a resolution note) and Return to sender (with a reason).
 */
import type { Handoff, HandoffEventInput } from '@liaison/core';
import { departmentName, type SlackPolicy } from '../library.js';
import { context, plain, type Block } from './blocks.js';
import { departmentSelect, fieldValue, type ViewValues } from './handoff-modal.js';
import { slackLimits, truncate, userText } from './limits.js';

export const eventModalCallback = 'handoff.event';

/** The events a card button opens a modal for. */
export type WordedEvent = 'reassigned' | 'info_requested' | 'waiting_on_vendor' | 'resolved' | 'returned';

interface ModalSpec {
  title: string;
  submit: string;
  label: string;
  optional: boolean;
}

const specs: Record<WordedEvent, ModalSpec> = {
  reassigned: { title: 'Reassign', submit: 'Reassign', label: 'Why (optional)', optional: true },
  info_requested: { title: 'Ask for information', submit: 'Ask', label: 'What information is needed?', optional: false },
  waiting_on_vendor: { title: 'Waiting on vendor', submit: 'Save', label: 'Which vendor, and what was asked (optional)', optional: true },
  resolved: { title: 'Resolve', submit: 'Resolve', label: 'How was it resolved?', optional: false },
  returned: { title: 'Return to sender', submit: 'Return', label: 'Why does it go back?', optional: false },
};

/** The modal for one worded event on one hand-off; the hand-off id and event ride in `private_metadata`. */
export function eventModal(event: WordedEvent, handoff: Handoff, policy: SlackPolicy): Record<string, unknown> {
  const spec = specs[event];
  const blocks: Block[] = [context([`*${handoff.id}* · ${userText(handoff.summary, 500)}`])];
  // With no other department (a library of one), Slack refuses a select without options: the
  // form then reassigns within the department, and asks to whom.
  const others = policy.departments.filter((d) => d.id !== handoff.department);
  const withinDepartment = event === 'reassigned' && others.length === 0;
  if (event === 'reassigned') {
    if (withinDepartment) blocks.push(context([`It stays in ${userText(departmentName(policy, handoff.department), 200)}, the only department.`]));
    else blocks.push(departmentSelect({ ...policy, departments: others }, undefined, 'To which department?'));
    blocks.push({
      type: 'input',
      block_id: 'owner',
      optional: !withinDepartment,
      label: plain(withinDepartment ? 'To whom' : 'To whom (optional)'),
      element: { type: 'users_select', action_id: 'value' },
    });
  }
  blocks.push({
    type: 'input',
    block_id: 'words',
    optional: spec.optional,
    label: plain(spec.label, 2000),
    element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: slackLimits.inputText },
  });
  return {
    type: 'modal',
    callback_id: eventModalCallback,
    title: plain(spec.title, slackLimits.modalTitle),
    submit: plain(spec.submit, slackLimits.modalTitle),
    close: plain('Cancel', slackLimits.modalTitle),
    private_metadata: truncate(JSON.stringify({ handoffId: handoff.id, event, ...(withinDepartment && { department: handoff.department }) }), slackLimits.privateMetadata),
    blocks,
  };
}

/**
 * The submitted modal as a lifecycle event, or errors by block id. `stayingIn`: the department a
 * reassignment stays in when the form offered no other (from `readEventMetadata`).
 */
export function readEventModal(event: WordedEvent, values: ViewValues, stayingIn?: string): { ok: true; event: HandoffEventInput } | { ok: false; errors: Record<string, string> } {
  const words = fieldValue(values, 'words');
  switch (event) {
    case 'reassigned': {
      const toDepartment = fieldValue(values, 'department') ?? stayingIn;
      if (!toDepartment) return { ok: false, errors: { department: 'Choose a department.' } };
      const toOwner = fieldValue(values, 'owner');
      if (stayingIn && !toOwner) return { ok: false, errors: { owner: 'Choose who takes it.' } };
      return { ok: true, event: { type: 'reassigned', toDepartment, ...(toOwner && { toOwner }), ...(words && { reason: words }) } };
    }
    case 'info_requested':
      return words ? { ok: true, event: { type: 'info_requested', note: words } } : { ok: false, errors: { words: 'Say what information is needed.' } };
    case 'waiting_on_vendor':
      return { ok: true, event: { type: 'waiting_on_vendor', ...(words && { note: words }) } };
    case 'resolved':
      return words ? { ok: true, event: { type: 'resolved', resolution: words } } : { ok: false, errors: { words: 'Say how it was resolved.' } };
    case 'returned':
      return words ? { ok: true, event: { type: 'returned', reason: words } } : { ok: false, errors: { words: 'Say why it goes back.' } };
  }
}

/** Reads `private_metadata` of an event modal. */
export function readEventMetadata(privateMetadata: string | undefined): { handoffId: string; event: WordedEvent; department?: string } | null {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as { handoffId?: unknown; event?: unknown; department?: unknown };
    if (typeof parsed.handoffId === 'string' && typeof parsed.event === 'string' && Object.hasOwn(specs, parsed.event)) {
      return { handoffId: parsed.handoffId, event: parsed.event as WordedEvent, ...(typeof parsed.department === 'string' && { department: parsed.department }) };
    }
  } catch {
    // fall through
  }
  return null;
}
