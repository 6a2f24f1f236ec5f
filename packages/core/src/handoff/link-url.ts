/**
 * Which addresses a hand-off may carry as links (`links.url`, `links.slackPermalink`). They are
 * shown as links in Slack cards, the dashboard and the sidebar, so a `javascript:` or `data:`
 * address, or one with characters that end a Slack link early (`|`, `<`, `>`, spaces — the way
 * `https://ok.example/|Reset password> <!here` disguises a link and pages a channel), is refused.
 * Plain `http:` only when the policy allows it (`handoff.allow_http_links`, for intranet pages).
 */
export function linkUrlProblem(url: string, options: { allowHttp: boolean }): string | null {
  // Control characters (below U+0020, and DEL) as well: a NUL or a line break ends a link in Slack.
  const hasControlCharacter = [...url].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
  if (hasControlCharacter || /[\s<>|"`\\]/.test(url)) return 'contains spaces or one of < > | " ` \\; give the address alone';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a web address; give one starting with https://';
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:') return options.allowHttp ? null : 'is an http: address; use https:, or set handoff.allow_http_links: true in the policy for intranet pages';
  return `is a ${parsed.protocol} address; only https: addresses are accepted`;
}
