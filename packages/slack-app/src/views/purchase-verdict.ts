/** `/ill <ISBN or title>`: the purchase-on-demand verdict for one title, with every reason. */
import { formatMoney, type PurchaseEvaluation } from '@liaison/core';
import { context, header, section, type Block } from './blocks.js';
import { userText } from './limits.js';

const verdictWords: Record<PurchaseEvaluation['verdict'], string> = {
  free: ':unlock: FREE — an open-access copy can go to the patron now',
  owned: ':books: OWNED — the library already holds it',
  buy: ':shopping_trolley: BUY — cheaper to buy than to borrow',
  review: ':mag: REVIEW — a person should decide',
  borrow: ':arrows_counterclockwise: BORROW — request it from another library',
};

export interface PurchaseVerdictInput {
  /** What staff typed. */
  query: string;
  evaluation: PurchaseEvaluation;
  /** Facts that could not be learned, and why. */
  missing: { source: string; reason: string }[];
  currency: string;
}

/** The verdict, the deciding reason first, then the other reasons and the facts' sources. */
export function purchaseVerdictMessage(input: PurchaseVerdictInput): Block[] {
  const { evaluation } = input;
  const facts = evaluation.facts;
  const factLines = [
    facts.price ? `Price ${formatMoney(facts.price.value, facts.price.currency ?? input.currency)} (${userText(facts.price.source, 100)})` : 'Price unknown',
    facts.held ? `${facts.held.value ? 'Held' : 'Not held'} (${userText(facts.held.source, 100)})` : 'Holdings unknown',
    `Requests in the window: ${facts.demand.value}${facts.demand.isAssumed ? ' (assumed)' : ''}`,
    ...(facts.openAccess ? [`Open-access copy: <${facts.openAccess.value.url}|${userText(facts.openAccess.value.title ?? 'link', 200)}>`] : []),
  ];
  const others = evaluation.reasons.filter((reason) => !reason.isDeciding);
  const blocks: Block[] = [
    header(`Buy or borrow: ${input.query}`),
    section(`*${verdictWords[evaluation.verdict]}* · score ${evaluation.score}/100\n${userText(evaluation.decidingReason.message, 1500)}`),
  ];
  if (others.length > 0) blocks.push(section(others.map((reason) => `• ${userText(reason.message, 400)}`).join('\n')));
  blocks.push(context([factLines.join(' · ')]));
  if (input.missing.length > 0) {
    blocks.push(context([`Not known: ${input.missing.map((gap) => `${userText(gap.source, 80)} (${userText(gap.reason, 200)})`).join('; ')}`]));
  }
  return blocks;
}
