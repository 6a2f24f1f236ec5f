/**
 * One badge: a button in a shadow root (the page's styles and text reads do not see it — an
 * adapter reading a cell's text after the badge went in still reads only the page's own),
 * showing the verdict word, the score, "limited data" when so, and a tooltip with the reasons
 * on hover and keyboard focus.
 */
import { accessibleName, verdictWords, type BadgeState } from './badge-state.js';
import { badgeCss } from './badge-style.js';

/** The host element's class, so scans and observers know their own badges. */
export const badgeHostClass = 'liaison-badge-host';

let sharedSheet: CSSStyleSheet | null | undefined;

/** Styles the shadow root with one stylesheet shared by every badge, or a <style> where that is unsupported. */
function style(root: ShadowRoot, css: string): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(css);
    } catch {
      sharedSheet = null;
    }
  }
  try {
    if (sharedSheet) {
      root.adoptedStyleSheets = [sharedSheet];
      return;
    }
  } catch {
    // Firefox content scripts may refuse a sheet made in their own compartment
  }
  const element = document.createElement('style');
  element.textContent = css;
  root.append(element);
}

export interface BadgeView {
  host: HTMLElement;
  transactionNumber: string;
  state: BadgeState | null;
  update(state: BadgeState): void;
  showTooltip(): void;
  hideTooltip(): void;
}

const viewOfHost = new WeakMap<Element, BadgeView>();

/**
 * One set of listeners on the document for every badge (a 500-row queue would otherwise
 * need 3,000), removed when `signal` aborts. Events from inside a badge's shadow root reach
 * the document retargeted to the badge's host element.
 */
export function listenToBadges(signal: AbortSignal, onOpen: (view: BadgeView) => void): void {
  const viewOf = (event: Event): BadgeView | undefined => {
    const target = event.target;
    return target instanceof Element ? viewOfHost.get(target) : undefined;
  };
  const options = { signal, capture: true };
  document.addEventListener('mouseover', (event) => viewOf(event)?.showTooltip(), options);
  document.addEventListener('mouseout', (event) => {
    const view = viewOf(event);
    if (view && !view.host.matches(':focus-within')) view.hideTooltip();
  }, options);
  document.addEventListener('focusin', (event) => viewOf(event)?.showTooltip(), options);
  document.addEventListener('focusout', (event) => viewOf(event)?.hideTooltip(), options);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') viewOf(event)?.hideTooltip();
  }, options);
  document.addEventListener('click', (event) => {
    const view = viewOf(event);
    if (!view) return;
    // The badge often sits inside a row link or a row that opens on click.
    event.preventDefault();
    event.stopPropagation();
    view.hideTooltip();
    onOpen(view);
  }, options);
}

let badgeTemplate: HTMLButtonElement | undefined;

/** The badge's button, made once and cloned: one clone is cheaper than four elements built (500-row pages). */
function badgeButton(): HTMLButtonElement {
  if (!badgeTemplate) {
    badgeTemplate = document.createElement('button');
    badgeTemplate.type = 'button';
    badgeTemplate.setAttribute('aria-describedby', 'tip');
    const score = document.createElement('span');
    score.className = 'score';
    const limited = document.createElement('span');
    limited.className = 'limited';
    badgeTemplate.append(document.createElement('span'), score, limited);
  }
  return badgeTemplate.cloneNode(true) as HTMLButtonElement;
}

/** A badge, not yet in the page; `listenToBadges` makes it respond. */
export function createBadge(): BadgeView {
  const host = document.createElement('span');
  host.className = badgeHostClass;
  const root = host.attachShadow({ mode: 'open' });
  style(root, badgeCss);
  const button = badgeButton();
  const [word, score, limited] = button.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
  root.append(button);
  let tooltip: HTMLElement | null = null;

  const view: BadgeView = {
    host,
    transactionNumber: '',
    state: null,
    update(state) {
      view.state = state;
      view.transactionNumber = state.request.TransactionNumber;
      const { verdict, score: points } = state.evaluation;
      button.className = verdict;
      word.textContent = verdictWords[verdict];
      score.textContent = String(points);
      limited.textContent = state.isWaiting ? '…' : state.isLimited ? 'limited data' : '';
      button.setAttribute('aria-label', accessibleName(state));
      host.dataset.verdict = verdict;
      host.dataset.transactionNumber = state.request.TransactionNumber;
      host.dataset.limited = String(state.isLimited);
      if (tooltip && !tooltip.hidden) fillTooltip(tooltip, state);
    },
    showTooltip() {
      if (!view.state) return;
      if (!tooltip) {
        tooltip = document.createElement('div');
        tooltip.id = 'tip';
        tooltip.setAttribute('role', 'tooltip');
        root.append(tooltip);
      }
      fillTooltip(tooltip, view.state);
      tooltip.hidden = false;
    },
    hideTooltip() {
      if (tooltip) tooltip.hidden = true;
    },
  };
  viewOfHost.set(host, view);
  return view;
}
function fillTooltip(tooltip: HTMLElement, state: BadgeState): void {
  const list = document.createElement('ul');
  for (const reason of state.evaluation.reasons) {
    const item = document.createElement('li');
    item.textContent = reason.message;
    list.append(item);
  }
  const heading = document.createElement('div');
  heading.textContent = `${verdictWords[state.evaluation.verdict]} · score ${state.evaluation.score}`;
  tooltip.replaceChildren(heading, list);
  if (state.isWaiting || (state.isLimited && state.missing.length > 0)) {
    const missing = document.createElement('div');
    missing.className = 'missing';
    missing.textContent = state.isWaiting ? 'Checking the hub for holdings, price and demand…' : `Limited data: ${state.missing.join(' ')}`;
    tooltip.append(missing);
  }
  // The open-access link is in the details; a tooltip is not a place for links.
}
