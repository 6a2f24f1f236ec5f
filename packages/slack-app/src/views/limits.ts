/**
 * Slack's published Block Kit limits, and the text helpers that keep every view inside them.
 * A view over a limit is refused by Slack as a whole (`invalid_blocks`), so each builder trims
 * what people wrote rather than risk losing the card.
 */

export const slackLimits = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or the App Home tab. */
  viewBlocks: 100,
  /** Characters in a section's text. */
  sectionText: 3000,
  /** Characters in one section field, and fields per section. */
  fieldText: 2000,
  fields: 10,
  /** Characters in a header block (plain text). */
  headerText: 150,
  /** Characters in a button's label, and in its value. */
  buttonText: 75,
  buttonValue: 2000,
  /** Characters in a modal's title, submit and close labels. */
  modalTitle: 24,
  /** Characters in a select option's label, and options in a static select. */
  optionText: 75,
  options: 100,
  /** Elements in a context block, and in an actions block. */
  contextElements: 10,
  actionElements: 25,
  /** Characters of a plain-text input's initial value (and its max_length). */
  inputText: 3000,
  /** Characters of a view's private_metadata. */
  privateMetadata: 3000,
  /** Characters of a message's top-level `text` that Slack shows before truncating (it accepts 40,000). */
  messageText: 4000,
} as const;

/** Cuts `text` to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not split a surrogate pair: an emoji cut in half is invalid UTF-16 and Slack rejects it.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Escapes what people wrote for Slack's mrkdwn: `&`, `<` and `>` are control characters there
 * (`<@U123>` would mention someone, `<!channel>` would page a whole channel).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A mrkdwn link `<url|text>` with both parts escaped (`&`, `<`, `>`; a `|` in the address encoded),
 * so neither can close the link early and add a mention or another link. An address that is not
 * http(s) is shown as text, never as a link.
 */
export function mrkdwnLink(url: string, text: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(`${text}: ${url}`);
  return `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}|${escapeMrkdwn(text)}>`;
}

/** People's text made safe for a mrkdwn field and cut to `max` characters. */
export function userText(text: string, max: number): string {
  // Escaping lengthens the text, so cut after escaping, then make sure no entity is cut in half.
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,3}…$/, '…');
}
