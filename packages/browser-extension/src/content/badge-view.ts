/**
 * One badge: a button beside a request showing the verdict word, the score, and "limited
 * data" when so (drawn by CSS from data attributes, so the page's text stays the page's), with
 * an accessible name that says all of it, and the reasons in a tooltip on hover and keyboard
 * focus. One tooltip and one set of listeners serve every badge on the page.
 */
import { accessibleName, verdictWords, type BadgeState } from './badge-state.js';
import { badgeCss, tooltipCss } from './badge-style.js';

/** The badge's class, so scans and observers know their own badges. */
export const badgeHostClass = 'liaison-badge';
const tooltipId = 'liaison-badge-tooltip';

export interface BadgeView {
  host: HTMLElement;
  transactionNumber: string;
  state: BadgeState;
  update(state: BadgeState): void;
}

const viewOfHost = new WeakMap<Element, BadgeView>();

/** Puts the badges' stylesheet in the page once (again if the page replaced its head). */
let styleElement: HTMLStyleElement | null = null;

function ensureStyles(): void {
  if (styleElement?.isConnected) return;
  const style = (styleElement = document.createElement('style'));
  style.id = 'liaison-badge-styles';
  style.textContent = badgeCss;
  (document.head ?? document.documentElement).append(style);
}

let template: HTMLButtonElement | undefined;

/** The words a badge carries in data attributes for CSS to draw after the score. */
function noteOf(state: BadgeState): string {
  if (state.isWaiting) return ' …';
  if (!state.isLimited) return '';
  return state.missingFacts.length > 0 ? ` no ${state.missingFacts.join(', no ')}` : ' limited data';
}

/** Writes every attribute a state decides, in one fixed order. */
function fill(button: HTMLElement, state: BadgeState, label: string): void {
  const { verdict, score } = state.evaluation;
  // setAttribute with the attribute's own name: `dataset` converts each camelCase key
  // on every write, 3,000 times for a 500-row queue.
  button.setAttribute('data-verdict', verdict);
  button.setAttribute('data-word', verdictWords[verdict]);
  button.setAttribute('data-score', String(score));
  button.setAttribute('data-note', noteOf(state));
  button.setAttribute('data-transaction-number', state.request.TransactionNumber);
  button.setAttribute('data-limited', String(state.isLimited));
  button.setAttribute('aria-label', label);
}

// Badges that differ only in their transaction number: a queue has a few dozen distinct
// looks for 500 rows, so each new badge is a copy of a filled one with one attribute changed
// (copying attributes is one step in the browser; writing them is seven calls per badge).
const filledBadges = new Map<string, HTMLButtonElement>();
const mostFilledBadges = 256;

/** A button showing `state`, not yet in the page. */
function buttonFor(state: BadgeState): HTMLButtonElement {
  if (!template) {
    template = document.createElement('button');
    template.type = 'button';
    template.className = badgeHostClass;
  }
  const label = accessibleName(state);
  // The label names verdict and score; the flags decide the note and data-limited.
  const key = `${state.isWaiting ? 'w' : ''}${state.isLimited ? 'l' : ''}|${label}`;
  let filled = filledBadges.get(key);
  if (!filled) {
    if (filledBadges.size >= mostFilledBadges) filledBadges.clear();
    filled = template.cloneNode() as HTMLButtonElement;
    fill(filled, state, label);
    filledBadges.set(key, filled);
  }
  const button = filled.cloneNode() as HTMLButtonElement;
  button.setAttribute('data-transaction-number', state.request.TransactionNumber);
  return button;
}

/** A badge showing `state`, not yet in the page; `listenToBadges` makes it respond. */
export function createBadge(state: BadgeState): BadgeView {
  ensureStyles();
  const button = buttonFor(state);
  const view: BadgeView = {
    host: button,
    transactionNumber: state.request.TransactionNumber,
    state,
    update(next) {
      view.state = next;
      view.transactionNumber = next.request.TransactionNumber;
      fill(button, next, accessibleName(next));
      if (shownFor === view) showTooltip(view);
    },
  };
  viewOfHost.set(button, view);
  return view;
}

let tooltipHost: HTMLElement | null = null;
let tooltip: HTMLElement | null = null;
let shownFor: BadgeView | null = null;

function showTooltip(view: BadgeView): void {
  if (!view.state) return;
  if (!tooltip || !tooltipHost?.isConnected) {
    tooltipHost = document.createElement('div');
    tooltipHost.className = 'liaison-details-host';
    const root = tooltipHost.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = tooltipCss;
    tooltip = document.createElement('div');
    tooltip.setAttribute('role', 'tooltip');
    root.append(style, tooltip);
    document.body.append(tooltipHost);
  }
  fillTooltip(tooltip, view.state);
  // Below the badge, kept inside the window.
  const box = view.host.getBoundingClientRect();
  tooltip.style.left = `${Math.max(4, Math.min(box.left, window.innerWidth - 280))}px`;
  tooltip.style.top = `${box.bottom + 4}px`;
  tooltip.hidden = false;
  tooltipHost.id = tooltipId;
  view.host.setAttribute('aria-describedby', tooltipId);
  shownFor = view;
}

function hideTooltip(): void {
  if (tooltip) tooltip.hidden = true;
  shownFor?.host.removeAttribute('aria-describedby');
  shownFor = null;
}

/**
 * One set of listeners on the document for every badge (a 500-row queue would otherwise
 * need 3,000), removed when `signal` aborts.
 */
export function listenToBadges(signal: AbortSignal, onOpen: (view: BadgeView) => void): void {
  const viewOf = (event: Event): BadgeView | undefined => {
    const target = event.target;
    return target instanceof Element ? viewOfHost.get(target) : undefined;
  };
  const options = { signal, capture: true };
  document.addEventListener('mouseover', (event) => {
    const view = viewOf(event);
    if (view) showTooltip(view);
  }, options);
  document.addEventListener('mouseout', (event) => {
    const view = viewOf(event);
    if (view && view === shownFor && document.activeElement !== view.host) hideTooltip();
  }, options);
  document.addEventListener('focusin', (event) => {
    const view = viewOf(event);
    if (view) showTooltip(view);
  }, options);
  document.addEventListener('focusout', (event) => {
    if (viewOf(event)) hideTooltip();
  }, options);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && viewOf(event)) hideTooltip();
  }, options);
  document.addEventListener('click', (event) => {
    const view = viewOf(event);
    if (!view) return;
    // The badge often sits inside a row link or a row that opens on click.
    event.preventDefault();
    event.stopPropagation();
    hideTooltip();
    onOpen(view);
  }, options);
  signal.addEventListener('abort', hideTooltip, { once: true });
}

function fillTooltip(element: HTMLElement, state: BadgeState): void {
  const list = document.createElement('ul');
  for (const reason of state.evaluation.reasons) {
    const item = document.createElement('li');
    item.textContent = reason.message;
    list.append(item);
  }
  const heading = document.createElement('div');
  heading.textContent = `${verdictWords[state.evaluation.verdict]} · score ${state.evaluation.score}`;
  element.replaceChildren(heading, list);
  if (state.isWaiting || (state.isLimited && state.missing.length > 0)) {
    const missing = document.createElement('div');
    missing.className = 'missing';
    missing.textContent = state.isWaiting ? 'Checking the hub for holdings, price and demand…' : `Limited data: ${state.missing.join(' ')}`;
    element.append(missing);
  }
}
