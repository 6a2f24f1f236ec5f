/**
 * Badges for one page: finds the requests with the page's site adapters, shows a verdict at
 * once from the page's own data (core's rules, the same code as the hub), asks the hub for
 * the rest in one batched call (cached for the page's life), and keeps the badges right as
 * the page changes — late rows, reused rows of virtualised lists, re-rendered cells — without
 * duplicates and before the browser paints (mutation callbacks run before rendering).
 */
import type { BorrowingRequest } from '@liaison/core';
import type { HubProblem, HubReply, HubResult } from '../hub/messages.js';
import { compilePurchasePolicy, defaultPurchasePolicy, purchaseVerdicts, type PurchaseVerdict } from '../purchase/rules.js';
import type { FoundRequest, Site } from '../sites/site.js';
import { factsNamedOnBadge, type BadgeState } from './badge-state.js';
import { badgeHostClass, createBadge, listenToBadges, type BadgeView } from './badge-view.js';

export type AskHub = (requests: BorrowingRequest[], source: string) => Promise<HubReply<HubResult[]>>;

export interface PageBadgesOptions {
  askHub: AskHub;
  /** Whether a hub is set up at all; without one, badges say "limited data" at once. */
  hasHub: boolean;
  onOpen(state: BadgeState, signal: AbortSignal): void;
  /** Called after each scan with its duration in ms (for the bench and tests). */
  onScan?(siteId: string, milliseconds: number, isFirst: boolean): void;
  /** Wait before asking the hub, so rows drawn in one burst go in one call (ms). */
  batchDelayMs?: number;
}

const pageOnlyFacts = 'held by the library, price, whether it is in print, and how often the title was requested';

const problemText: Record<HubProblem, string> = {
  'not-configured': 'no hub is set up',
  unreachable: 'the hub is not answering',
  refused: 'the hub refused the staff token',
  failed: 'the hub could not evaluate the request',
};

export interface PageBadges {
  /** Badges the requests a site finds, and keeps doing so as the page changes, until `signal` aborts. */
  watch(site: Site, signal: AbortSignal): void;
  /** Counts by verdict of the badges now on the page, and how many are from limited data. */
  counts(): { counts: Record<PurchaseVerdict, number>; limitedCount: number; total: number };
  hubState(): { state: 'connected' | 'waiting' | HubProblem; message: string };
}

export function createPageBadges(options: PageBadgesOptions): PageBadges {
  const evaluator = compilePurchasePolicy(defaultPurchasePolicy);
  const hubResults = new Map<string, HubResult>();
  const askedHub = new Set<string>();
  const views = new Set<BadgeView>();
  const viewOfAnchor = new WeakMap<Element, BadgeView>();
  let hubProblem: { problem: HubProblem; message: string } | null = options.hasHub ? null : { problem: 'not-configured', message: 'No hub is set up.' };
  let pendingForHub = new Map<string, BorrowingRequest>();
  let hubTimer: ReturnType<typeof setTimeout> | undefined;
  let answeredOnce = false;
  // Today as a day number (days since 1970-01-01, UTC), worked out once rather than per request.
  const today = Math.floor(Date.now() / 86_400_000);

  function stateFor(request: BorrowingRequest): BadgeState {
    const fromHub = hubResults.get(request.TransactionNumber);
    if (fromHub) {
      return {
        request,
        evaluation: fromHub.evaluation,
        isLimited: fromHub.missing.length > 0,
        isWaiting: false,
        missing: fromHub.missing.map((gap) => `${gap.source}: ${gap.reason}.`),
        missingFacts: fromHub.missing.filter((gap) => factsNamedOnBadge.includes(gap.source)).map((gap) => gap.source),
      };
    }
    const isWaiting = hubProblem === null;
    return {
      request,
      evaluation: evaluator.evaluate(request, {}, today),
      isLimited: !isWaiting,
      isWaiting,
      missing: hubProblem ? [`Without the hub (${problemText[hubProblem.problem]}), these are unknown: ${pageOnlyFacts}.`] : [],
      missingFacts: [],
    };
  }

  function refreshAll(): void {
    for (const view of views) view.update(stateFor(view.state.request));
  }

  function flushToHub(source: string): void {
    hubTimer = undefined;
    const batch = [...pendingForHub.values()];
    pendingForHub = new Map();
    if (batch.length === 0) return;
    options.askHub(batch, source).then((reply) => {
      if (reply.ok) {
        answeredOnce = true;
        hubProblem = null;
        for (const result of reply.value) hubResults.set(result.TransactionNumber, result);
      } else {
        hubProblem = { problem: reply.problem, message: reply.message };
      }
      refreshAll();
    }, () => {
      hubProblem = { problem: 'unreachable', message: 'The extension could not reach its background worker.' };
      refreshAll();
    });
  }

  /** The badge already beside `found.anchor` (or made for it in this scan), if still there. */
  function badgeBeside(found: FoundRequest, madeThisScan: Set<BadgeView>): BadgeView | undefined {
    const view = viewOfAnchor.get(found.anchor);
    if (view && (view.host.isConnected || madeThisScan.has(view))) return view;
    view?.host.remove();
    return undefined;
  }

  function insert(found: FoundRequest, view: BadgeView): void {
    if (found.placement === 'append') found.anchor.append(view.host);
    else if (found.placement === 'prepend') found.anchor.prepend(view.host);
    else found.anchor.after(view.host);
    views.add(view);
  }

  function scan(site: Site, seen: Set<BadgeView>): void {
    let found: FoundRequest[];
    try {
      found = site.findRequests(document);
    } catch {
      found = []; // changed markup: no badge, and nothing thrown into the page
    }
    const touched = new Set<BadgeView>();
    const toInsert: { found: FoundRequest; view: BadgeView }[] = [];
    const madeThisScan = new Set<BadgeView>();
    for (const item of found) {
      const request = item.request;
      const view = badgeBeside(item, madeThisScan);
      // Same request as before (and same fields): leave the badge alone, so nothing flickers.
      if (view && view.transactionNumber === request.TransactionNumber && sameRequest(view.state.request, request)) {
        touched.add(view);
        continue;
      }
      if (hubProblem === null && !hubResults.has(request.TransactionNumber) && !askedHub.has(request.TransactionNumber)) {
        askedHub.add(request.TransactionNumber);
        pendingForHub.set(request.TransactionNumber, request);
      }
      if (view) {
        view.update(stateFor(request));
        touched.add(view);
        continue;
      }
      // A new badge gets its words while still outside the page: attribute changes on a
      // badge in the page would each make the browser re-check the page's style rules.
      const made = createBadge(stateFor(request));
      viewOfAnchor.set(item.anchor, made);
      madeThisScan.add(made);
      touched.add(made);
      toInsert.push({ found: item, view: made });
    }
    // Then all insertions together, with nothing read from the page in between.
    for (const { found: item, view } of toInsert) insert(item, view);
    // Badges this site placed before whose rows are gone or no longer show a request.
    for (const view of seen) {
      if (!touched.has(view)) {
        view.host.remove();
        views.delete(view);
        seen.delete(view);
      }
    }
    for (const view of touched) seen.add(view);
    if (pendingForHub.size > 0 && hubTimer === undefined) hubTimer = setTimeout(() => flushToHub(site.id), options.batchDelayMs ?? 20);
  }

  function watch(site: Site, signal: AbortSignal): void {
    const seen = new Set<BadgeView>();
    listenToBadges(signal, (view) => seen.has(view) && options.onOpen(view.state, signal));
    const timedScan = (isFirst: boolean) => {
      const started = performance.now();
      scan(site, seen);
      const milliseconds = performance.now() - started;
      options.onScan?.(site.id, milliseconds, isFirst);
    };
    timedScan(true);
    const observer = new MutationObserver((records) => {
      if (records.every(isOwnMutation)) return;
      timedScan(false);
    });
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'aria-rowindex'] });
    signal.addEventListener('abort', () => {
      observer.disconnect();
      for (const view of seen) {
        view.host.remove();
        views.delete(view);
      }
      seen.clear();
    }, { once: true });
  }

  return {
    watch,
    counts() {
      const counts = Object.fromEntries(purchaseVerdicts.map((verdict) => [verdict, 0])) as Record<PurchaseVerdict, number>;
      let limitedCount = 0;
      for (const view of views) {
        if (!view.host.isConnected) continue;
        counts[view.state.evaluation.verdict] += 1;
        if (view.state.isLimited) limitedCount += 1;
      }
      return { counts, limitedCount, total: views.size };
    },
    hubState() {
      if (hubProblem) return { state: hubProblem.problem, message: hubProblem.message };
      return answeredOnce ? { state: 'connected', message: 'Connected to the hub.' } : { state: 'waiting', message: 'Asking the hub…' };
    },
  };
}

const requestKeys = ['TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanDate', 'ISSN', 'ESPNumber', 'Status', 'CreationDate'] as const;

function sameRequest(a: BorrowingRequest, b: BorrowingRequest): boolean {
  return requestKeys.every((key) => a[key] === b[key]);
}

/** Mutations that are only our own badges going in or out. */
function isOwnMutation(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const isOurs = (node: Node) =>
    node instanceof HTMLElement && (node.classList.contains(badgeHostClass) || node.classList.contains('liaison-details-host') || node.id === 'liaison-badge-styles');
  return [...record.addedNodes, ...record.removedNodes].every(isOurs) && record.addedNodes.length + record.removedNodes.length > 0;
}
