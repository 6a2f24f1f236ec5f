import { describe, expect, it } from 'vitest';
import { testHandoff, testPolicy } from '../test-support/policy.js';
import { handoffCard } from './handoff-card.js';
import { mrkdwnLink } from './limits.js';

const policy = testPolicy();
const now = new Date('2026-10-13T16:00:00.000Z');

describe('links on a card', () => {
  it('escape the address and the words, so a link cannot be closed early to page the channel', () => {
    const disguised = 'https://ok.example/|Reset password> <!here';
    expect(mrkdwnLink(disguised, 'link')).toBe('<https://ok.example/%7CReset password&gt; &lt;!here|link>');
    expect(mrkdwnLink('https://a.example/?x=1&y=<2>', 'a <@U1> & b')).toBe('<https://a.example/?x=1&amp;y=&lt;2&gt;|a &lt;@U1&gt; &amp; b>');
  });

  it('show an address that is not http(s) as text, never as a link', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'link')).toBe('link: javascript:alert(1)');
  });

  it('are written escaped into the card (a hand-off stored before links were checked)', () => {
    const handoff = testHandoff({ links: { url: 'https://ok.example/|Reset password> <!here', slackPermalink: 'javascript:alert(1)' } });
    const text = JSON.stringify(handoffCard(handoff, { policy, now }));
    expect(text).not.toContain('<!here');
    expect(text).not.toContain('<javascript:');
    expect(text).toContain('&lt;!here');
  });
});
