/**
 * The small set of Block Kit shapes Liaison's views use, typed loosely on purpose: a view is
 * plain JSON handed to Slack, and tests read it as JSON.
 */
import { slackLimits, truncate } from './limits.js';

export type Block = Record<string, unknown> & { type: string };
export type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };

export const plain = (text: string, max: number = slackLimits.sectionText): TextObject => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
export const mrkdwn = (text: string, max: number = slackLimits.sectionText): TextObject => ({ type: 'mrkdwn', text: truncate(text, max) });

export const header = (text: string): Block => ({ type: 'header', text: plain(text, slackLimits.headerText) });
export const section = (text: string, extra: Record<string, unknown> = {}): Block => ({ type: 'section', text: mrkdwn(text), ...extra });
export const fields = (items: string[]): Block => ({
  type: 'section',
  fields: items.slice(0, slackLimits.fields).map((item) => mrkdwn(item, slackLimits.fieldText)),
});
export const context = (items: string[]): Block => ({
  type: 'context',
  elements: items.slice(0, slackLimits.contextElements).map((item) => mrkdwn(item)),
});
export const divider = (): Block => ({ type: 'divider' });

export interface ButtonOptions {
  style?: 'primary' | 'danger';
  url?: string;
}
export const button = (text: string, actionId: string, value: string, options: ButtonOptions = {}) => ({
  type: 'button',
  text: plain(text, slackLimits.buttonText),
  action_id: actionId,
  value: truncate(value, slackLimits.buttonValue),
  ...(options.style && { style: options.style }),
  ...(options.url && { url: options.url }),
});
export const actions = (blockId: string, elements: unknown[]): Block => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, slackLimits.actionElements),
});

export const option = (text: string, value: string) => ({ text: plain(text, slackLimits.optionText), value });

/** Keeps at most `max` blocks, replacing the tail with a line saying how many were left out. */
export function capBlocks(blocks: Block[], max: number, more: (hidden: number) => string): Block[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([more(blocks.length - kept.length)])];
}
