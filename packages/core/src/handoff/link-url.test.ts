import { describe, expect, it } from 'vitest';
import { linkUrlProblem } from './link-url.js';

describe('linkUrlProblem', () => {
  it.each([
    ['https://libguides.northfield.edu/jstor', false, null],
    ['https://northfield.slack.com/archives/C1/p1700000000000001', false, null],
    ['http://intranet.northfield.edu/page', true, null],
    ['http://intranet.northfield.edu/page', false, 'http:'],
    ['javascript:alert(1)', true, 'javascript:'],
    ['data:text/html,<b>x</b>', true, '<'],
    ['data:text/html;base64,PGI+', true, 'data:'],
    ['https://ok.example/|Reset password> <!here', false, '|'],
    ['https://ok.example/a>b', false, '>'],
    ['https://ok.example/\u0000', false, '<'],
    ['ftp://files.example/x', true, 'ftp:'],
    ['not a url', false, 'spaces'],
    ['relative/path', false, 'not a web address'],
  ])('%j (http allowed: %s) → %j', (url, allowHttp, problem) => {
    const found = linkUrlProblem(url, { allowHttp });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
