/**
 * What the Slack app asks of the hub. The app never reaches the store or the policy file
 * itself: the hub adapts its services to this port (packages/server/src/hub/slack.ts), and tests
 * may pass a fake. Refusals the hub makes on purpose (an illegal lifecycle move, an unknown
 * department) come back as `HubRefusal`, whose message is written for staff.
 */
import { LiaisonError, type Actor, type ErrorCode, type Handoff, type HandoffEventInput, type HandoffState, type PurchaseEvaluation } from '@liaison/core';
import type { SlackPolicy } from './library.js';
import type { HandoffForm, RouteSuggestion } from './views/handoff-modal.js';

/** Where a hand-off's channel card is, so every event can update it in place. */
export interface CardLocation {
  teamId: string | null;
  channel: string;
  /** The card message's timestamp (its id within the channel). */
  ts: string;
}

export interface CardLocations {
  get(handoffId: string): Promise<CardLocation | null>;
  save(handoffId: string, location: CardLocation): Promise<void>;
}

export interface HandoffFilter {
  departments?: string[];
  owner?: string;
  sender?: string;
  states?: HandoffState[];
  limit?: number;
}

/** A hand-off as Slack sends it to the hub: the modal's fields, where it came from, and a permalink. */
export interface SlackHandoffRequest extends HandoffForm {
  links: HandoffForm['links'] & { slackPermalink?: string };
}

export interface LiaisonHubPort {
  policy: SlackPolicy;
  /** The staff dashboard, for App Home's button. */
  dashboardUrl: string;
  now(): Date;
  /** The routing rules' suggestion for a question; nothing is stored. */
  suggestRoute(question: string): RouteSuggestion;
  /** Stores a hand-off once per key: a retried delivery with the same key returns the first. */
  createHandoff(request: SlackHandoffRequest, actor: Actor, idempotencyKey: string): Promise<{ handoff: Handoff; isReplay: boolean }>;
  applyEvent(handoffId: string, event: HandoffEventInput, actor: Actor): Promise<Handoff>;
  getHandoff(handoffId: string): Promise<Handoff | null>;
  listHandoffs(filter: HandoffFilter): Promise<Handoff[]>;
  /** The patron-facing status link, when the policy allows one. */
  statusLink(handoff: Handoff): Promise<string | null>;
  /** The purchase-on-demand verdict for an ISBN or a title. */
  evaluateTitle(query: string, actor: Actor): Promise<{ evaluation: PurchaseEvaluation; missing: { source: string; reason: string }[]; currency: string }>;
  cards: CardLocations;
  /**
   * Writes a view of the hand-off's patron to the audit log: a card showing the patron's identity
   * posted to a channel (the viewer is the channel), or `/handoffs H-…` showing it and its history
   * to a member. The hub files it under the patron's one key; nothing when no patron is named.
   */
  recordPatronView(handoff: Handoff, viewer: { id: string }, fieldsShown: string[]): Promise<void>;
}

/**
 * A refusal the hub made on purpose (a LiaisonError of a 4xx code); `message` is shown to the
 * person as it is, and `hint`, when the hub gave one, says what to do instead.
 */
export class HubRefusal extends LiaisonError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(code, message, hint ? [{ path: [], message, hint }] : []);
    this.name = 'HubRefusal';
  }
}
