/**
 * The example policy in examples/liaison.config.yaml is what new libraries copy, so it must
 * parse cleanly and route realistic questions where a librarian would expect.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { RoutingQuery } from '../handoff/route.js';
import { routeHandoff } from '../handoff/route.js';
import { formatPolicyErrors, parsePolicy } from './parse.js';

const text = readFileSync(new URL('../../../../examples/liaison.config.yaml', import.meta.url), 'utf8');
const result = parsePolicy(parseYaml(text));

describe('examples/liaison.config.yaml', () => {
  it('parses with no problems', () => {
    expect(result.ok ? [] : formatPolicyErrors(result.error)).toEqual([]);
  });

  it('describes the six departments the routing rules use', () => {
    if (!result.ok) throw result.error;
    const ids = result.value.departments.map((department) => department.id);
    expect(ids).toEqual(['reference', 'circulation', 'eresources', 'acquisitions', 'ill', 'special-collections']);
    expect(result.value.library.time_zone).toBe('America/Chicago');
  });

  const questions: { query: RoutingQuery; department: string; ruleId: string; responsibility?: 'passed' | 'retained' }[] = [
    { query: { text: 'The proxy keeps asking me to log in when I work off campus' }, department: 'eresources', ruleId: 'off-campus-access' },
    { query: { text: 'I get "access denied" on JSTOR from home' }, department: 'eresources', ruleId: 'off-campus-access' },
    { query: { text: 'This e-book from ProQuest will not open' }, department: 'eresources', ruleId: 'broken-e-resources' },
    { query: { text: 'Where is my interlibrary loan? I requested it two weeks ago.' }, department: 'ill', ruleId: 'ill-status' },
    { query: { text: 'Status update please', category: 'Interlibrary-Loan' }, department: 'ill', ruleId: 'ill-from-zendesk-category' },
    { query: { text: 'Can I renew my books for another month?' }, department: 'circulation', ruleId: 'fines-renewals-holds' },
    { query: { text: 'Why do I have fines on my account?' }, department: 'circulation', ruleId: 'fines-renewals-holds' },
    {
      query: { text: 'Please put these three chapters on course reserves for HIST 210', patronType: 'Faculty' },
      department: 'circulation',
      ruleId: 'faculty-course-reserves',
      responsibility: 'retained',
    },
    { query: { text: 'Could the library buy the new edition of this textbook?' }, department: 'acquisitions', ruleId: 'purchase-suggestions' },
    { query: { text: 'I would like to see the 1920s yearbooks in the University Archives' }, department: 'special-collections', ruleId: 'special-collections' },
    { query: { text: 'Do you hold any manuscripts by Willa Cather?' }, department: 'special-collections', ruleId: 'special-collections' },
    {
      query: { text: 'Can I book a research consultation for my thesis?', channel: 'email' },
      department: 'reference',
      ruleId: 'research-consultations-by-email',
      responsibility: 'retained',
    },
    { query: { text: 'I need peer-reviewed articles on urban heat islands' }, department: 'reference', ruleId: 'everything-else' },
    { query: { text: 'We are proxying requests from the Café' }, department: 'reference', ruleId: 'everything-else' },
  ];

  it.each(questions)('routes "$query.text" to $department', ({ query, department, ruleId, responsibility }) => {
    if (!result.ok) throw result.error;
    const routed = routeHandoff(query, result.value.handoff.rules);
    expect(routed.department).toBe(department);
    expect(routed.ruleId).toBe(ruleId);
    if (responsibility) expect(routed.responsibility).toBe(responsibility);
  });
});
