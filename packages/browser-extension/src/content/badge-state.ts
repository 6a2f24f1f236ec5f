/**
 * What one badge shows: the verdict of a request with its reasons, and whether it was decided
 * with the hub's facts or from the page alone ("limited data"), and then what was missing.
 */
import type { BorrowingRequest } from '@liaison/core';
import type { PurchaseEvaluation, PurchaseVerdict } from '../purchase/rules.js';

export interface BadgeState {
  request: BorrowingRequest;
  evaluation: PurchaseEvaluation;
  /** Decided from the page alone (no hub, or the hub did not answer). */
  isLimited: boolean;
  /** Waiting for the hub's answer; the page's own verdict is shown meanwhile. */
  isWaiting: boolean;
  /** Sentences saying which facts are missing and why. */
  missing: string[];
  /** Facts of the request itself that no page or system gave (e.g. "ISBN"), named on the badge. */
  missingFacts: string[];
}

/** The hub's names of missing facts that are the request's own (not a system's), shown on the badge. */
export const factsNamedOnBadge: readonly string[] = ['ISBN'];

export const verdictWords: Record<PurchaseVerdict, string> = {
  free: 'FREE',
  owned: 'OWNED',
  buy: 'BUY',
  review: 'REVIEW',
  borrow: 'BORROW',
};

/** The badge's accessible name: verdict, score, the deciding reason, and any limit on the data. */
export function accessibleName(state: BadgeState): string {
  const { evaluation } = state;
  const parts = [`Liaison: ${verdictWords[evaluation.verdict]}, score ${evaluation.score} of 100. ${evaluation.decidingReason.message}.`];
  if (state.isWaiting) parts.push('Checking the hub.');
  else if (state.isLimited) parts.push(state.missingFacts.length > 0 ? `Limited data: no ${state.missingFacts.join(', no ')}.` : 'Limited data.');
  parts.push('Open details.');
  return parts.join(' ');
}
