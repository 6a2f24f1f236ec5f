import { describe, expect, it } from 'vitest';
import { compileTopics, tagTopics } from './tag.js';
import type { Topic } from './taxonomy.js';
import { defaultTopics } from './taxonomy.js';

const topics: Topic[] = [
  { id: 'off-campus-access', label: 'Proxy / off-campus access', words: ['proxy', 'EZproxy', 'off-campus', 'login loop'] },
  { id: 'link-resolver', label: 'Link resolver', words: ['link resolver', '360 Link', "link doesn't work", 'SFX'] },
  { id: 'cafe', label: 'Café', words: ['Café', 'coffee'] },
  { id: 'spanish', label: 'Préstamo', words: ['préstamo interbibliotecario'] },
];

describe('tagTopics', () => {
  const cases: { name: string; text: string; expected: { topicId: string; matchedWords: string[] }[] }[] = [
    { name: 'a single word', text: 'The proxy is down', expected: [{ topicId: 'off-campus-access', matchedWords: ['proxy'] }] },
    { name: 'case does not matter', text: 'EZPROXY ERROR 502', expected: [{ topicId: 'off-campus-access', matchedWords: ['EZproxy'] }] },
    { name: 'whole words only: "proxy" is not inside "EZproxy" or "proxying"', text: 'ezproxy keeps proxying', expected: [{ topicId: 'off-campus-access', matchedWords: ['EZproxy'] }] },
    { name: 'a phrase across several spaces and a line break', text: 'the link\n  resolver is down', expected: [{ topicId: 'link-resolver', matchedWords: ['link resolver'] }] },
    { name: 'a hyphen and a space are the same inside a phrase', text: 'I am off campus and stuck in a login-loop', expected: [{ topicId: 'off-campus-access', matchedWords: ['off-campus', 'login loop'] }] },
    { name: 'accents do not matter, in the text', text: 'the cafe is closed', expected: [{ topicId: 'cafe', matchedWords: ['Café'] }] },
    { name: 'accents do not matter, in the word', text: 'Mi PRESTAMO INTERBIBLIOTECARIO', expected: [{ topicId: 'spanish', matchedWords: ['préstamo interbibliotecario'] }] },
    { name: 'a curly apostrophe', text: 'the 360 link doesn’t work', expected: [{ topicId: 'link-resolver', matchedWords: ['360 Link', "link doesn't work"] }] },
    { name: 'no apostrophe at all', text: 'link doesnt work', expected: [{ topicId: 'link-resolver', matchedWords: ["link doesn't work"] }] },
    { name: 'words next to punctuation', text: '(SFX), proxy.', expected: [{ topicId: 'off-campus-access', matchedWords: ['proxy'] }, { topicId: 'link-resolver', matchedWords: ['SFX'] }] },
    { name: 'several topics, in the order the topics are listed', text: 'coffee spilled on the proxy server', expected: [{ topicId: 'off-campus-access', matchedWords: ['proxy'] }, { topicId: 'cafe', matchedWords: ['coffee'] }] },
    { name: 'a letter next to a word breaks it', text: 'proxy1 and sfxlink', expected: [] },
    { name: 'nothing in an empty text', text: '', expected: [] },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    expect(tagTopics(text, topics)).toEqual(expected);
  });

  it('lists a word written twice once', () => {
    expect(tagTopics('proxy', [{ id: 'a', label: 'A', words: ['proxy', 'proxy'] }])).toEqual([{ topicId: 'a', matchedWords: ['proxy'] }]);
  });

  it('treats regular-expression characters in words as plain text', () => {
    const special: Topic[] = [{ id: 'a', label: 'A', words: ['C++', 'Find It@NU', '(beta)'] }];
    expect(tagTopics('C++ and Find It@NU', special)).toEqual([{ topicId: 'a', matchedWords: ['C++', 'Find It@NU'] }]);
    expect(tagTopics('Cxx beta', special)).toEqual([]);
  });

  it('gives the same answers compiled once as through tagTopics', () => {
    const compiled = compileTopics(topics);
    for (const { text } of cases) expect(compiled.tag(text)).toEqual(tagTopics(text, topics));
  });
});

describe('the built-in topics', () => {
  const questions: { text: string; topicIds: string[] }[] = [
    { text: 'The Find It button takes me to a page not found', topicIds: ['link-resolver'] },
    { text: "I'm off campus and EZproxy keeps asking me to log in", topicIds: ['off-campus-access'] },
    { text: 'The journal says the latest issue is not yet available', topicIds: ['embargo'] },
    { text: 'Primo gives me no results for a book I know you have', topicIds: ['discovery-search'] },
    { text: 'My interlibrary loan book still hasn’t arrived after three weeks', topicIds: ['ill-delay'] },
    { text: 'Why was I billed a replacement cost for a book I returned?', topicIds: ['fines'] },
    { text: 'The printer on floor 2 ate my print credits', topicIds: ['printing'] },
    { text: 'How do I book a room for my group?', topicIds: ['room-booking'] },
    { text: 'Is there a copy that works with my screen reader?', topicIds: ['accessibility'] },
    { text: 'Is the textbook for HIST 210 on reserve?', topicIds: ['course-reserves'] },
    // Ordinary words that must not count as complaints.
    { text: 'I was ill last week; the article looked fine and I can find it on the shelf', topicIds: [] },
    { text: 'Bill asked whether you could lift the block', topicIds: [] },
  ];
  it.each(questions)('"$text" is about $topicIds', ({ text, topicIds }) => {
    expect(tagTopics(text, defaultTopics).map((tag) => tag.topicId)).toEqual(topicIds);
  });
});
