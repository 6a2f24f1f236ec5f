import { describe, expect, it } from 'vitest';
import { LiaisonError } from '../errors.js';
import type { RoutingQuery, RoutingRuleInput } from './route.js';
import { compileRoutingRules, routeHandoff, routingRuleSchema } from './route.js';

const rules = [
  {
    id: 'off-campus-access',
    department: 'eresources',
    service_level: '4 opening hours',
    match: { words: ['proxy', 'off-campus', 'EZproxy', 'link resolver', 'e-book'] },
  },
  { id: 'cafe-complaints', department: 'facilities', service_level: '2 business days', match: { words: ['Café'] } },
  { id: 'ill-status', department: 'ill', service_level: '1 business day', match: { words: ['interlibrary loan', 'ILL'], categories: ['Requests'] } },
  {
    id: 'faculty-reserves',
    department: 'circulation',
    service_level: '2 business days',
    responsibility: 'retained',
    match: { words: ['reserve', 'reserves'], patron_types: ['Faculty', 'Instructor'] },
  },
  { id: 'chat-fines', department: 'circulation', service_level: '4 opening hours', match: { words: ['fine', 'fines'], channels: ['chat', 'email'] } },
  { id: 'special-requests', department: 'special-collections', service_level: '3 business days', match: { categories: ['archives'] } },
  { id: 'broken-link', department: 'eresources', service_level: '1 business day', match: { words: ["doesn't work", '-'] } },
  { id: 'everything-else', default: true, department: 'reference', service_level: '1 business day' },
] satisfies RoutingRuleInput[];

const parsedRules = rules.map((rule) => routingRuleSchema.parse(rule));

describe('routeHandoff', () => {
  const cases: { name: string; query: RoutingQuery; ruleId: string; department: string; words?: string[]; explanation?: string }[] = [
    {
      name: 'words match whole words and are listed in rule order',
      query: { text: 'The off-campus proxy keeps asking me to log in' },
      ruleId: 'off-campus-access',
      department: 'eresources',
      words: ['proxy', 'off-campus'],
      explanation: 'Rule "off-campus-access" matched the words "proxy", "off-campus".',
    },
    { name: 'case does not matter', query: { text: 'EZPROXY error 502' }, ruleId: 'off-campus-access', department: 'eresources', words: ['EZproxy'] },
    { name: 'a phrase matches across spaces', query: { text: 'is the Link   Resolver down?' }, ruleId: 'off-campus-access', department: 'eresources', words: ['link resolver'] },
    { name: 'a phrase matches across a hyphen', query: { text: 'the link-resolver menu is blank' }, ruleId: 'off-campus-access', department: 'eresources', words: ['link resolver'] },
    { name: 'a hyphenated word matches as written', query: { text: 'This e-book will not open.' }, ruleId: 'off-campus-access', department: 'eresources', words: ['e-book'] },
    { name: 'a hyphenated word matches when written with a space', query: { text: 'I am working off campus today' }, ruleId: 'off-campus-access', department: 'eresources', words: ['off-campus'] },
    { name: 'a word inside a longer word does not match', query: { text: 'We are proxying requests' }, ruleId: 'everything-else', department: 'reference' },
    { name: '"proxy" is not found inside "EZproxy"', query: { text: 'ezproxy' }, ruleId: 'off-campus-access', department: 'eresources', words: ['EZproxy'] },
    { name: 'accents are ignored in the text', query: { text: 'The café is too loud' }, ruleId: 'cafe-complaints', department: 'facilities', words: ['Café'] },
    { name: 'accents are ignored in the rule', query: { text: 'The CAFE is too loud' }, ruleId: 'cafe-complaints', department: 'facilities', words: ['Café'] },
    {
      name: 'every kind of condition must hold: words without the category fall through',
      query: { text: 'Where is my interlibrary loan?' },
      ruleId: 'everything-else',
      department: 'reference',
      explanation: 'No rule matched; the default rule "everything-else" applies.',
    },
    {
      name: 'every kind of condition must hold: words with the category match, category compared without case',
      query: { text: 'Where is my ILL?', category: 'requests' },
      ruleId: 'ill-status',
      department: 'ill',
      words: ['ILL'],
      explanation: 'Rule "ill-status" matched the word "ILL" and the category "Requests".',
    },
    {
      name: 'any listed patron type matches',
      query: { text: 'Please put my book on reserve', patronType: 'instructor' },
      ruleId: 'faculty-reserves',
      department: 'circulation',
      words: ['reserve'],
      explanation: 'Rule "faculty-reserves" matched the word "reserve" and the patron type "Instructor".',
    },
    { name: 'a patron type not listed does not match', query: { text: 'Please put my book on reserve', patronType: 'Undergraduate' }, ruleId: 'everything-else', department: 'reference' },
    { name: 'a missing patron type does not match a rule that asks for one', query: { text: 'course reserves' }, ruleId: 'everything-else', department: 'reference' },
    {
      name: 'channel condition',
      query: { text: 'Why do I have fines?', channel: 'chat' },
      ruleId: 'chat-fines',
      department: 'circulation',
      explanation: 'Rule "chat-fines" matched the word "fines" and the channel "chat".',
    },
    { name: 'channel not listed', query: { text: 'Why do I have fines?', channel: 'desk' }, ruleId: 'everything-else', department: 'reference' },
    {
      name: 'category alone',
      query: { text: 'Can I see the 1890 letters?', category: 'Archives' },
      ruleId: 'special-requests',
      department: 'special-collections',
      explanation: 'Rule "special-requests" matched the category "archives".',
    },
    { name: 'first matching rule wins', query: { text: 'proxy fines', channel: 'chat' }, ruleId: 'off-campus-access', department: 'eresources' },
    { name: 'empty text goes to the default rule', query: { text: '' }, ruleId: 'everything-else', department: 'reference' },
    { name: 'a curly apostrophe matches a straight one', query: { text: 'The link doesn’t work' }, ruleId: 'broken-link', department: 'eresources', words: ["doesn't work"] },
    { name: 'a word of hyphens alone matches nothing', query: { text: 'a - b' }, ruleId: 'everything-else', department: 'reference' },
  ];

  it.each(cases)('$name', ({ query, ruleId, department, words, explanation }) => {
    const routed = routeHandoff(query, parsedRules);
    expect(routed.ruleId).toBe(ruleId);
    expect(routed.department).toBe(department);
    expect(routed.isDefault).toBe(ruleId === 'everything-else');
    if (words) expect(routed.matched.words).toEqual(words);
    if (explanation) expect(routed.explanation).toBe(explanation);
  });

  it('carries the rule’s service level and responsibility', () => {
    const routed = routeHandoff({ text: 'reserves for my course', patronType: 'Faculty' }, parsedRules);
    expect(routed).toMatchObject({ serviceLevel: '2 business days', responsibility: 'retained', matched: { patronType: 'Faculty' } });
    expect(routeHandoff({ text: 'proxy' }, parsedRules).responsibility).toBe('passed');
  });

  it('uses the default rule wherever it is written', () => {
    const reordered = [parsedRules[7]!, ...parsedRules.slice(0, 7)];
    expect(routeHandoff({ text: 'proxy' }, reordered).ruleId).toBe('off-campus-access');
    expect(routeHandoff({ text: 'hello' }, reordered).ruleId).toBe('everything-else');
  });
});

describe('compileRoutingRules', () => {
  it.each([
    { name: 'no default rule', rules: parsedRules.slice(0, 7), count: 0 },
    { name: 'two default rules', rules: [...parsedRules, { ...parsedRules[7]!, id: 'second-default' }], count: 2 },
  ])('refuses $name', ({ rules: bad, count }) => {
    expect(() => compileRoutingRules(bad)).toThrow(LiaisonError);
    expect(() => compileRoutingRules(bad)).toThrow(/exactly one default rule/);
    try {
      compileRoutingRules(bad);
    } catch (error) {
      expect((error as LiaisonError).issues[0]?.message).toBe(`has ${count} default rules`);
    }
  });

  it('routes the same as routeHandoff', () => {
    const compiled = compileRoutingRules(parsedRules);
    for (const text of ['proxy', 'café', 'nothing at all']) {
      expect(compiled.route({ text })).toEqual(routeHandoff({ text }, parsedRules));
    }
  });
});

describe('routingRuleSchema', () => {
  it.each([
    { name: 'an unknown key', rule: { ...rules[0], priority: 1 }, code: 'unrecognized_keys' },
    { name: 'an unknown match key', rule: { ...rules[0], match: { word: ['x'] } }, code: 'unrecognized_keys' },
    { name: 'an unknown channel', rule: { ...rules[0], match: { channels: ['fax'] } }, code: 'invalid_value' },
    { name: 'an empty words list', rule: { ...rules[0], match: { words: [] } }, code: 'too_small' },
    { name: 'a responsibility that is neither passed nor retained', rule: { ...rules[0], responsibility: 'kept' }, code: 'invalid_value' },
    { name: 'an id with spaces', rule: { ...rules[0], id: 'Off campus' }, code: 'invalid_format' },
    { name: 'a service level that is not one', rule: { ...rules[0], service_level: '2 bussiness days' }, code: 'custom' },
  ])('rejects $name', ({ rule, code }) => {
    const result = routingRuleSchema.safeParse(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe(code);
  });

  it('defaults responsibility to passed', () => {
    expect(routingRuleSchema.parse(rules[0]).responsibility).toBe('passed');
  });
});
