/**
 * The hand-off: a patron's question passed from one department to another, tracked to resolution.
 * These are plain data shapes shared by core, the store and every surface.
 */

/** Where a hand-off stands. `returned` goes back to the sender; `reassigned` is an event, not a state. */
export const handoffStates = ['open', 'accepted', 'waiting_on_patron', 'waiting_on_vendor', 'returned', 'resolved', 'cancelled'] as const;
export type HandoffState = (typeof handoffStates)[number];

/** Who answers the patron after the hand-off: the new owner (`passed`) or the sender (`retained`). */
export type Responsibility = 'passed' | 'retained';

/** Where a question came from. */
export type QueryChannel = 'desk' | 'chat' | 'email' | 'phone' | 'zendesk' | 'slack' | 'teams' | 'web' | 'ill';

/** A person or program acting on a hand-off. `id` is the staff member's id in the surface they used. */
export interface Actor {
  id: string;
  name?: string;
  /** Departments this actor belongs to (ids from the policy file). */
  departments?: string[];
  kind?: 'staff' | 'system';
}

export type HandoffEventType =
  | 'created'
  | 'accepted'
  | 'info_requested'
  | 'waiting_on_vendor'
  | 'info_received'
  | 'resumed'
  | 'returned'
  | 'reassigned'
  | 'resolved'
  | 'cancelled'
  | 'reopened'
  | 'noted';

/** An event as a caller asks for it (before it is applied). */
export type HandoffEventInput =
  | { type: 'accepted' }
  | { type: 'info_requested'; note: string }
  | { type: 'waiting_on_vendor'; note?: string }
  | { type: 'info_received'; note?: string }
  | { type: 'resumed'; note?: string }
  | { type: 'returned'; reason: string }
  | { type: 'reassigned'; toDepartment: string; toOwner?: string | null; reason?: string }
  | { type: 'resolved'; resolution: string }
  | { type: 'cancelled'; reason: string }
  | { type: 'reopened'; reason: string }
  | { type: 'noted'; note: string };

/** An event as kept in the hand-off's append-only history. */
export interface HandoffEvent {
  /** Position in the history, from 1 (the `created` event). */
  sequence: number;
  type: HandoffEventType;
  at: string; // ISO 8601 instant
  actor: Actor;
  from: HandoffState | null;
  to: HandoffState;
  /** Free text for staff (reason, note, resolution). Never shown to the patron. */
  note?: string;
  /** For `reassigned`: the department (and owner) it went to. */
  toDepartment?: string;
  toOwner?: string | null;
}

/** The liaison team that holds the patron's relationship, as it stood when the hand-off was routed. */
export interface HandoffLiaison {
  affiliation: string;
  primary: string;
  backups: string[];
  /** The person it was routed to: the primary, or whoever covered for them. */
  routedTo: string | null;
  /** Set when the primary was away: whom it was meant for, and why it went elsewhere. */
  away?: { person: string; until: string; reason: string };
}

/** External references a hand-off may carry. */
export interface HandoffLinks {
  zendeskTicket?: string;
  illTransactionNumber?: string;
  slackPermalink?: string;
  url?: string;
}

export interface Handoff {
  /** Human-facing number, e.g. "H-1042". */
  id: string;
  state: HandoffState;
  question: string;
  /** A short summary for cards and lists. */
  summary: string;
  category?: string;
  channel?: QueryChannel;
  fromDepartment?: string;
  department: string;
  owner: string | null;
  sender: Actor;
  responsibility: Responsibility;
  /** The service level it was routed with, as written in the policy ("4 opening hours"). */
  serviceLevel: string;
  createdAt: string; // ISO 8601 instant
  dueAt: string; // ISO 8601 instant
  updatedAt: string;
  resolvedAt?: string | null;
  /** The patron, when known: e-mail or barcode. Purged after the retention period. */
  patron?: { email?: string; barcode?: string; patronType?: string; affiliation?: string } | null;
  links: HandoffLinks;
  /** Why routing chose this department (rule id and matched words). */
  routing?: { ruleId: string; explanation: string; liaison?: HandoffLiaison };
  history: HandoffEvent[];
  /** Escalation rungs already sent for the current due time, by rung key ("75%"); see escalation.ts. */
  remindersSent?: string[];
}
