/**
 * Messages between the content script, the popup, the options page and the background
 * worker, which alone talks to the hub (it holds the host permission and the token).
 */
import type { BorrowingRequest, Reason } from '@liaison/core';
import type { PurchaseEvaluation, PurchaseVerdict } from '../purchase/rules.js';
import type { TaughtPage } from '../settings.js';

/** One request's result from the hub's `POST /api/v1/purchase/evaluate`. */
export interface HubResult {
  TransactionNumber: string;
  evaluation: PurchaseEvaluation;
  missing: { source: string; reason: string }[];
}

/** Why the hub could not help: not set up, not answering, or refusing the token. */
export type HubProblem = 'not-configured' | 'unreachable' | 'refused' | 'failed';

/** A failure the hub explained carries its error `code`, and a hand-off it names (`handoffId`), when it gave them. */
export type HubReply<T> = { ok: true; value: T } | { ok: false; problem: HubProblem; message: string; code?: string; handoffId?: string };

export type BackgroundMessage =
  | { type: 'evaluate'; requests: BorrowingRequest[]; source: string }
  | { type: 'suggest-purchase'; request: BorrowingRequest; evaluation: PurchaseEvaluation; pageUrl: string }
  | { type: 'override'; transactionNumber: string; verdict: PurchaseVerdict; reason: string }
  | { type: 'hub-status' }
  /** From the teaching picker: keep this page's column headings for its site. */
  | { type: 'teach-page'; page: TaughtPage };

/** What the popup asks the page, and what the page answers. */
export interface PageStatusRequest {
  type: 'page-status';
}

export interface PageStatus {
  /** Whether any site adapter recognised the page and found requests on it. */
  isRecognised: boolean;
  /** Names of the systems whose adapters ran on this page. */
  systems: string[];
  counts: Record<PurchaseVerdict, number>;
  /** Badges decided from the page alone. */
  limitedCount: number;
  hub: 'connected' | 'waiting' | HubProblem;
  hubMessage: string;
  isPaused: boolean;
}

export type { Reason };
