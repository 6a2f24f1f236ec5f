/**
 * The life of a hand-off, as a pure state machine: which events may happen in which state, what
 * each changes, and an append-only history of every one. No clock and no store: callers pass
 * `now` and keep the result.
 *
 *   open ──accepted──▶ accepted ──info_requested──▶ waiting_on_patron ──info_received / resumed──▶ accepted
 *                          └──waiting_on_vendor──▶ waiting_on_vendor ──resumed──▶ accepted
 *   open / accepted / waiting ──resolved──▶ resolved        (a resolution is required)
 *   open / accepted / waiting ──returned──▶ returned        (a reason is required; the owner is cleared)
 *   open / accepted / waiting / returned ──reassigned──▶ open (in the new department)
 *   any state but resolved or cancelled ──cancelled──▶ cancelled
 *   resolved / cancelled / returned ──reopened──▶ open
 *   any state ──noted──▶ the same state
 */
import { LiaisonError, err, ok, type Result } from '../errors.js';
import { handoffStates } from './handoff.js';
import type {
  Actor,
  Handoff,
  HandoffEvent,
  HandoffEventInput,
  HandoffLinks,
  HandoffState,
  QueryChannel,
  Responsibility,
} from './handoff.js';

/** What a caller knows when a hand-off is made; `dueAt` comes from time/due.ts `dueAt()`. */
export interface NewHandoff {
  id: string;
  question: string;
  /** Left out: the first words of the question, at most `summaryLength` characters. */
  summary?: string;
  department: string;
  fromDepartment?: string;
  serviceLevel: string;
  dueAt: Date | string;
  /** Default 'passed'. */
  responsibility?: Responsibility;
  /** Default: the actor who creates it. */
  sender?: Actor;
  patron?: Handoff['patron'];
  links?: HandoffLinks;
  routing?: Handoff['routing'];
  channel?: QueryChannel;
  category?: string;
}

/** The longest summary derived from a question, in characters. */
export const summaryLength = 80;

/** The question on one line, cut at a word boundary to at most `maxLength` characters (with "…"). */
export function summarise(question: string, maxLength = summaryLength): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxLength) return oneLine;
  const room = oneLine.slice(0, maxLength - 1);
  const lastSpace = room.lastIndexOf(' ');
  // Cut at a space unless that would drop more than half the room (one very long word).
  const cut = lastSpace > maxLength / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.-]+$/u, '')}…`;
}

const iso = (instant: Date | string) => (typeof instant === 'string' ? new Date(instant) : instant).toISOString();

/** A new hand-off in state `open`, unowned, with the `created` event as history entry 1. */
export function createHandoff(input: NewHandoff, actor: Actor, now: Date): Handoff {
  const at = now.toISOString();
  const handoff: Handoff = {
    id: input.id,
    state: 'open',
    question: input.question,
    summary: input.summary?.trim() ? input.summary.trim() : summarise(input.question),
    department: input.department,
    owner: null,
    sender: input.sender ?? actor,
    responsibility: input.responsibility ?? 'passed',
    serviceLevel: input.serviceLevel,
    createdAt: at,
    dueAt: iso(input.dueAt),
    updatedAt: at,
    resolvedAt: null,
    links: input.links ?? {},
    history: [{ sequence: 1, type: 'created', at, actor, from: null, to: 'open', toDepartment: input.department }],
    remindersSent: [],
  };
  if (input.fromDepartment !== undefined) handoff.fromDepartment = input.fromDepartment;
  if (input.category !== undefined) handoff.category = input.category;
  if (input.channel !== undefined) handoff.channel = input.channel;
  if (input.patron !== undefined) handoff.patron = input.patron;
  if (input.routing !== undefined) handoff.routing = input.routing;
  return handoff;
}

/** An event staff can ask for (every history event type but `created`). */
export type LifecycleEvent = HandoffEventInput['type'];
type EventType = LifecycleEvent;

const waiting = ['waiting_on_patron', 'waiting_on_vendor'] as const satisfies readonly HandoffState[];
const active = ['open', 'accepted', ...waiting] as const satisfies readonly HandoffState[];

/** From which states each event may be applied. `noted` is allowed in every state. */
export const allowedFrom: Record<EventType, readonly HandoffState[]> = {
  accepted: ['open'],
  info_requested: ['accepted', 'waiting_on_vendor'],
  waiting_on_vendor: ['accepted', 'waiting_on_patron'],
  info_received: ['waiting_on_patron'],
  resumed: waiting,
  returned: active,
  reassigned: [...active, 'returned'],
  resolved: active,
  cancelled: [...active, 'returned'],
  reopened: ['resolved', 'cancelled', 'returned'],
  noted: ['open', 'accepted', ...waiting, 'returned', 'resolved', 'cancelled'],
};

/** Whether `event` may be applied to a hand-off in `state`. */
export function canApply(state: HandoffState, event: EventType): boolean {
  return allowedFrom[event].includes(state);
}

/** The events staff may apply to a hand-off in `state`, in the order of `allowedFrom` (buttons, menus). */
export function availableEvents(state: HandoffState): EventType[] {
  return (Object.keys(allowedFrom) as EventType[]).filter((event) => canApply(state, event));
}

/**
 * States in which a department still owes the patron an answer: those a hand-off can be resolved
 * from. Only these run against the due time, count as overdue and get reminders. `returned` is
 * not among them: it is back with the sender, who reassigns, reopens or cancels it.
 */
export const openStates: readonly HandoffState[] = Object.freeze(handoffStates.filter((state) => canApply(state, 'resolved')));

/** States with nothing left to do: no event but a note or reopening applies (resolved, cancelled). */
export const finishedStates: readonly HandoffState[] = Object.freeze(
  handoffStates.filter((state) => availableEvents(state).every((event) => event === 'reopened' || event === 'noted')),
);

/**
 * States that still ask something of someone: the open states, and `returned`, which asks the
 * sender to decide (staff lists of "my hand-offs" show these).
 */
export const unfinishedStates: readonly HandoffState[] = Object.freeze(handoffStates.filter((state) => !finishedStates.includes(state)));

/** Whether a hand-off in `state` is still owed by its department (see `openStates`). */
export function isOpen(state: HandoffState): boolean {
  return openStates.includes(state);
}

/** Whether a hand-off in `state` is resolved or cancelled (see `finishedStates`). */
export function isFinished(state: HandoffState): boolean {
  return finishedStates.includes(state);
}

/** Whether a hand-off still owed by its department is past its due time at `now`. */
export function isOverdue(handoff: Pick<Handoff, 'state' | 'dueAt'>, now: Date): boolean {
  return isOpen(handoff.state) && now.getTime() > Date.parse(handoff.dueAt);
}

const verbs: Record<EventType, string> = {
  accepted: 'accept',
  info_requested: 'ask the patron about',
  waiting_on_vendor: 'put on hold for a vendor',
  info_received: "record the patron's reply on",
  resumed: 'resume',
  returned: 'return',
  reassigned: 'reassign',
  resolved: 'resolve',
  cancelled: 'cancel',
  reopened: 'reopen',
  noted: 'add a note to',
};

const stateWords: Record<HandoffState, string> = {
  open: 'open',
  accepted: 'accepted',
  waiting_on_patron: 'waiting on the patron',
  waiting_on_vendor: 'waiting on a vendor',
  returned: 'returned',
  resolved: 'resolved',
  cancelled: 'cancelled',
};

/** What staff can do instead of an event that is not allowed in the hand-off's state. */
function remedy(event: EventType, handoff: Handoff): string | undefined {
  const { state } = handoff;
  if ((event === 'returned' || event === 'cancelled') && state === event) return undefined; // "it is returned" says it all
  if (state === 'resolved' || state === 'cancelled' || state === 'returned') return 'reopen it first';
  switch (event) {
    case 'accepted':
      return handoff.owner ? `${handoff.owner} has it; reassign it to change the owner` : 'reassign it to change the owner';
    case 'info_requested':
    case 'waiting_on_vendor':
      return state === 'open' ? 'accept it first' : 'add a note instead';
    case 'info_received':
      return state === 'open' ? 'accept it first' : 'nothing was asked of the patron; add a note instead';
    case 'resumed':
      return state === 'open' ? 'accept it first' : 'it is not on hold';
    case 'reopened':
      return 'only a resolved, cancelled or returned hand-off can be reopened';
    default:
      return undefined;
  }
}

function illegal(event: EventType, handoff: Handoff): LiaisonError {
  const help = remedy(event, handoff);
  const message = `Cannot ${verbs[event]} ${handoff.id}: it is ${stateWords[handoff.state]}${help ? `; ${help}` : ''}.`;
  return new LiaisonError('handoff_illegal_transition', message, [{ path: ['state'], message: `is ${handoff.state}`, ...(help && { hint: help }) }]);
}

function unknownEvent(event: unknown, handoff: Handoff): LiaisonError {
  const type = String((event as { type?: unknown }).type);
  return new LiaisonError('handoff_illegal_transition', `Cannot apply "${type}" to ${handoff.id}: there is no such event.`, [
    { path: ['type'], message: `"${type}" is not an event`, hint: `use one of ${Object.keys(allowedFrom).join(', ')}` },
  ]);
}

function blank(event: EventType, handoff: Handoff, field: string, hint: string): LiaisonError {
  return new LiaisonError('handoff_illegal_transition', `Cannot ${verbs[event]} ${handoff.id} without a ${field}; ${hint}.`, [
    { path: [field], message: 'is empty', hint },
  ]);
}

/** The free text an event must carry, and what to tell staff who left it empty. */
function requiredText(event: HandoffEventInput): { field: string; text: string | undefined; hint: string } | undefined {
  switch (event.type) {
    case 'info_requested':
      return { field: 'note', text: event.note, hint: 'write what the patron was asked' };
    case 'returned':
      return { field: 'reason', text: event.reason, hint: 'say why it goes back to the sender' };
    case 'resolved':
      return { field: 'resolution', text: event.resolution, hint: 'say what was done for the patron' };
    case 'cancelled':
      return { field: 'reason', text: event.reason, hint: 'say why it is no longer needed' };
    case 'reopened':
      return { field: 'reason', text: event.reason, hint: 'say why it needs more work' };
    case 'noted':
      return { field: 'note', text: event.note, hint: 'write the note' };
    case 'reassigned':
      return { field: 'toDepartment', text: event.toDepartment, hint: 'name the department it goes to' };
    default:
      return undefined;
  }
}

/** The staff text an event carries into history (reason, resolution or note). */
function noteOf(event: HandoffEventInput): string | undefined {
  const text = 'note' in event ? event.note : 'reason' in event ? event.reason : 'resolution' in event ? event.resolution : undefined;
  return text?.trim() ? text.trim() : undefined;
}

/** Options for `applyHandoffEvent`. */
export interface ApplyOptions {
  /**
   * A new due time (from time/due.ts), e.g. when a hand-off is reassigned or reopened and its
   * clock restarts. Reminders already sent are forgotten, since they were for the old due time.
   */
  dueAt?: Date;
  /** The service level the new due time was counted with (a reassigned hand-off takes its new department's). */
  serviceLevel?: string;
}

/**
 * Applies one event to a hand-off: the new hand-off with the event appended to its history, or
 * a LiaisonError 'handoff_illegal_transition' saying why not and what to do instead.
 */
export function applyHandoffEvent(
  handoff: Handoff,
  event: HandoffEventInput,
  actor: Actor,
  now: Date,
  options: ApplyOptions = {},
): Result<Handoff, LiaisonError> {
  // Events arrive from Slack and HTTP bodies; one the machine does not know is refused, not thrown.
  if (!Object.hasOwn(allowedFrom, event.type)) return err(unknownEvent(event, handoff));
  if (!canApply(handoff.state, event.type)) return err(illegal(event.type, handoff));
  const required = requiredText(event);
  if (required && !required.text?.trim()) return err(blank(event.type, handoff, required.field, required.hint));

  const at = now.toISOString();
  const next: Handoff = { ...handoff, updatedAt: at };
  switch (event.type) {
    case 'accepted':
      next.state = 'accepted';
      next.owner = actor.id;
      break;
    case 'info_requested':
      next.state = 'waiting_on_patron';
      break;
    case 'waiting_on_vendor':
      next.state = 'waiting_on_vendor';
      break;
    case 'info_received':
    case 'resumed':
      next.state = 'accepted';
      break;
    case 'returned':
      next.state = 'returned';
      next.owner = null;
      break;
    case 'reassigned': {
      const toDepartment = event.toDepartment.trim();
      const toOwner = event.toOwner ?? null;
      if (toDepartment === handoff.department && toOwner === handoff.owner && handoff.state === 'open') {
        return err(
          new LiaisonError('handoff_illegal_transition', `Cannot reassign ${handoff.id}: it is already open in ${toDepartment}${toOwner ? ` with ${toOwner}` : ''}.`, [
            { path: ['toDepartment'], message: `is already ${toDepartment}`, hint: 'choose another department or owner' },
          ]),
        );
      }
      next.state = 'open';
      next.department = toDepartment;
      next.owner = toOwner;
      // The new department starts its escalation ladder afresh.
      next.remindersSent = [];
      break;
    }
    case 'resolved':
      next.state = 'resolved';
      next.resolvedAt = at;
      // Resolving an unaccepted hand-off (a quick answer) makes the resolver its owner.
      next.owner = handoff.owner ?? actor.id;
      break;
    case 'cancelled':
      next.state = 'cancelled';
      break;
    case 'reopened':
      next.state = 'open';
      next.resolvedAt = null;
      next.remindersSent = [];
      break;
    case 'noted':
      break;
    default: {
      const unhandled: never = event;
      return err(unknownEvent(unhandled, handoff));
    }
  }
  if (options.dueAt) {
    next.dueAt = options.dueAt.toISOString();
    next.remindersSent = [];
  }
  if (options.serviceLevel !== undefined) next.serviceLevel = options.serviceLevel;

  const last = handoff.history[handoff.history.length - 1];
  const entry: HandoffEvent = { sequence: (last?.sequence ?? 0) + 1, type: event.type, at, actor, from: handoff.state, to: next.state };
  const note = noteOf(event);
  if (note !== undefined) entry.note = note;
  if (event.type === 'reassigned') {
    entry.toDepartment = next.department;
    entry.toOwner = next.owner;
  }
  next.history = [...handoff.history, entry];
  return ok(next);
}
