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
}

/** A badge, not yet in the page; `onOpen` runs on click or Enter. */
export function createBadge(signal: AbortSignal, onOpen: (view: BadgeView) => void): BadgeView {
  const host = document.createElement('span');
  host.className = badgeHostClass;
  const root = host.attachShadow({ mode: 'open' });
  style(root, badgeCss);
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-describedby', 'tip');
  const word = document.createElement('span');
  const score = document.createElement('span');
  score.className = 'score';
  const limited = document.createElement('span');
  limited.className = 'limited';
  button.append(word, score, limited);
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
      if (tooltip) fillTooltip(tooltip, state);
    },
  };

  const show = () => {
    if (!view.state) return;
    if (!tooltip) {
      tooltip = document.createElement('div');
      tooltip.id = 'tip';
      tooltip.setAttribute('role', 'tooltip');
      root.append(tooltip);
    }
    fillTooltip(tooltip, view.state);
    tooltip.hidden = false;
  };
  const hide = () => {
    if (tooltip) tooltip.hidden = true;
  };
  button.addEventListener('mouseenter', show, { signal });
  button.addEventListener('focus', show, { signal });
  button.addEventListener('mouseleave', () => button.matches(':focus') || hide(), { signal });
  button.addEventListener('blur', hide, { signal });
  button.addEventListener('keydown', (event) => event.key === 'Escape' && hide(), { signal });
  button.addEventListener('click', (event) => {
    // The badge often sits inside a row link or a row that opens on click.
    event.preventDefault();
    event.stopPropagation();
    hide();
    onOpen(view);
  }, { signal });
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
