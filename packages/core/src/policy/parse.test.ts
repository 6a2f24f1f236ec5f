/* eslint-disable @typescript-eslint/no-explicit-any -- the broken policies below are plain YAML-like data, poked at freely */
import { describe, expect, it } from 'vitest';
import { routeHandoff } from '../handoff/route.js';
import { openMinutesBetween } from '../time/due.js';
import { formatPolicyErrors, parsePolicy, PolicyError } from './parse.js';

/** A small valid policy; each case below breaks a copy of it. */
function validPolicy(): Record<string, any> {
  return {
    library: {
      name: 'Northfield University Library',
      time_zone: 'America/Chicago',
      opening_hours: { monday: '07:30-23:00', saturday: '10:00-18:00', sunday: 'closed' },
      holidays: [{ date: '2026-11-26', name: 'Thanksgiving' }],
    },
    departments: [
      { id: 'reference', name: 'Research & Reference', slack_channel: '#ask-reference', lead: 'U024REFLEAD' },
      { id: 'eresources', name: 'Electronic Resources', slack_channel: '#e-resources' },
      { id: 'circulation', name: 'Circulation', slack_channel: '#circ-desk', lead: 'circ@northfield.edu' },
    ],
    handoff: {
      rules: [
        { id: 'off-campus-access', department: 'eresources', service_level: '4 opening hours', match: { words: ['proxy'], channels: ['chat'] } },
        { id: 'renewals', department: 'circulation', service_level: '1 business day', match: { words: ['renew'] } },
        { id: 'everything-else', default: true, department: 'reference', service_level: '1 business day' },
      ],
      escalation: [
        { at: '75%', notify: 'owner' },
        { at: '100%', notify: 'department_lead' },
        { at: '200%', notify: 'head_of_service' },
      ],
      head_of_service: 'U024HEAD',
    },
  };
}

function broken(change: (policy: Record<string, any>) => void): Record<string, any> {
  const policy = validPolicy();
  change(policy);
  return policy;
}

describe('parsePolicy', () => {
  it('accepts a valid policy and fills in defaults', () => {
    const result = parsePolicy(validPolicy());
    expect(result.ok ? [] : formatPolicyErrors(result.error)).toEqual([]);
    if (!result.ok) return;
    expect(result.value.library.currency).toBe('USD');
    expect(result.value.handoff.default_service_level).toBe('1 business day');
    expect(result.value.handoff.rules[0]!.responsibility).toBe('passed');
    expect(result.value.connectors).toMatchObject({ patron: ['demo'], holdings: ['demo'], price: ['demo'] });
    expect(result.value.privacy.retention_days).toBe(180);
    expect(result.value.rubrics.min_n).toBe(5);
  });

  const cases: { name: string; policy: unknown; lines: string[] }[] = [
    {
      name: 'an empty file',
      policy: null,
      lines: ['The policy file is empty; start it with `library:`, `departments:` and `handoff:`, as in examples/liaison.config.yaml'],
    },
    {
      name: 'a misspelt key, which also leaves the real key missing',
      policy: broken((p) => {
        p.library.openning_hours = p.library.opening_hours;
        delete p.library.opening_hours;
      }),
      lines: [
        'library.opening_hours: is missing; write e.g. { monday: "08:00-17:00", sunday: closed }',
        'library.openning_hours: is not a known key; did you mean `opening_hours`?',
      ],
    },
    {
      name: 'a key with nothing near it',
      policy: broken((p) => {
        p.departments[0].phone = '555-0100';
      }),
      lines: ['departments[0].phone: is not a known key; known keys here: id, name, slack_channel, teams_channel, lead, members, backups'],
    },
    {
      name: 'a misspelt weekday',
      policy: broken((p) => {
        p.library.opening_hours.munday = '07:30-23:00';
      }),
      lines: ['library.opening_hours.munday: is not a known key; did you mean `monday`?'],
    },
    {
      name: 'a misspelt section',
      policy: broken((p) => {
        p.departmnets = p.departments;
        delete p.departments;
      }),
      lines: ['departments: is missing; add a list', 'departmnets: is not a known key; did you mean `departments`?'],
    },
    {
      name: 'a service level with a typo',
      policy: broken((p) => {
        p.handoff.rules[1].service_level = '2 bussiness days';
      }),
      lines: ['handoff.rules[1].service_level: "2 bussiness days" is not a service level; try "2 business days"'],
    },
    {
      name: 'a channel that is not one',
      policy: broken((p) => {
        p.handoff.rules[0].match.channels = ['chats'];
      }),
      lines: ['handoff.rules[0].match.channels[0]: "chats" is not an allowed value; did you mean "chat"? Allowed: desk, chat, email, phone, zendesk, slack, teams, web, ill'],
    },
    {
      name: 'a responsibility far from any allowed value',
      policy: broken((p) => {
        p.handoff.rules[0].responsibility = 'shared';
      }),
      lines: ['handoff.rules[0].responsibility: "shared" is not an allowed value; allowed: passed, retained'],
    },
    {
      name: 'a Slack channel YAML read as a comment',
      policy: broken((p) => {
        p.departments[1].slack_channel = null;
      }),
      lines: ['departments[1].slack_channel: is empty; write a value; if it starts with "#", put it in quotes, because YAML reads "#" as the start of a comment, e.g. "#ask-reference"'],
    },
    {
      name: 'a list written as a mapping',
      policy: broken((p) => {
        p.departments = p.departments[0];
      }),
      lines: ['departments: expected a list, got a mapping; write a list: one "- item" per line, or [first, second]'],
    },
    {
      name: 'a number written as text',
      policy: broken((p) => {
        p.privacy = { retention_days: 'six months' };
      }),
      lines: ['privacy.retention_days: is not a number of days; write e.g. 180'],
    },
    {
      name: 'a rule sent to a department that does not exist',
      policy: broken((p) => {
        p.handoff.rules[0].department = 'eressources';
      }),
      lines: ['handoff.rules[0].department: "eressources" is not a department; did you mean "eresources"? Departments: reference, eresources, circulation'],
    },
    {
      name: 'a rule sent to a department nothing like the others',
      policy: broken((p) => {
        p.handoff.rules[1].department = 'acquisitions';
      }),
      lines: ['handoff.rules[1].department: "acquisitions" is not a department; departments: reference, eresources, circulation'],
    },
    {
      name: 'two departments with one id',
      policy: broken((p) => {
        p.departments[2].id = 'reference';
        p.handoff.rules[1].department = 'reference';
      }),
      lines: ['departments[2].id: "reference" is already the id of departments[0]; give each department its own id'],
    },
    {
      name: 'two rules with one id',
      policy: broken((p) => {
        p.handoff.rules[1].id = 'off-campus-access';
      }),
      lines: ['handoff.rules[1].id: "off-campus-access" is already the id of handoff.rules[0]; give each rule its own id'],
    },
    {
      name: 'no default rule',
      policy: broken((p) => {
        p.handoff.rules.pop();
      }),
      lines: [
        'handoff.rules: has no default rule, so a question no rule matches would go nowhere; add a last rule with `default: true`, e.g. { id: everything-else, default: true, department: reference, service_level: 1 business day }',
      ],
    },
    {
      name: 'the default rule not last',
      policy: broken((p) => {
        p.handoff.rules.unshift(p.handoff.rules.pop());
      }),
      lines: ['handoff.rules[0].default: the default rule must be the last rule; move "everything-else" to the end of the rules'],
    },
    {
      name: 'two default rules',
      policy: broken((p) => {
        p.handoff.rules[1] = { ...p.handoff.rules[1], default: true };
        delete p.handoff.rules[1].match;
      }),
      lines: ['handoff.rules[2].default: is a second default rule (rules[1] is already the default); keep one default rule, the last'],
    },
    {
      name: 'a default rule with conditions',
      policy: broken((p) => {
        p.handoff.rules[2].match = { words: ['help'] };
      }),
      lines: [
        'handoff.rules[2].match: is ignored: the default rule takes every question no other rule matched; remove `match` from the default rule, or make it an ordinary rule above a new default rule',
      ],
    },
    {
      name: 'an ordinary rule with no conditions',
      policy: broken((p) => {
        delete p.handoff.rules[1].match;
      }),
      lines: [
        'handoff.rules[1].match: is missing, so this rule takes every question and the rules after it are never used; add words, categories, patron_types or channels, or make it the default rule',
      ],
    },
    {
      name: 'escalation to a head of service the file does not name',
      policy: broken((p) => {
        delete p.handoff.head_of_service;
      }),
      lines: ['handoff.head_of_service: is missing, but handoff.escalation[2] notifies head_of_service; add head_of_service: a Slack user id or e-mail address, e.g. "U024HEAD"'],
    },
    {
      name: 'the default escalation ladder with no head of service',
      policy: broken((p) => {
        delete p.handoff.head_of_service;
        delete p.handoff.escalation;
      }),
      lines: [
        'handoff.head_of_service: is missing, but the default escalation ladder notifies head_of_service at 200%; add head_of_service (a Slack user id or e-mail address, e.g. "U024HEAD"), or write your own handoff.escalation',
      ],
    },
    {
      name: 'a rung that notifies nobody known',
      policy: broken((p) => {
        p.handoff.escalation[1].notify = 'department_head';
      }),
      lines: ['handoff.escalation[1].notify: "department_head" is not someone to notify; did you mean "department_lead"?'],
    },
    {
      name: 'a built-in rubric that does not exist',
      policy: broken((p) => {
        p.rubrics = { builtin: ['rusa-behavioural-2023'] };
      }),
      lines: [
        'rubrics.builtin[0]: "rusa-behavioural-2023" is not a built-in rubric; did you mean "rusa-behavioral-2023"? The built-in rubrics are rusa-behavioral-2023, mystery-shopper-visit, read-scale',
      ],
    },
    {
      name: 'a rule\'s unknown department while the same handoff section has another problem',
      policy: broken((p) => {
        p.handoff.escalation[1].notify = 'department_head';
        p.handoff.rules[0].department = 'e-resources';
      }),
      lines: [
        'handoff.escalation[1].notify: "department_head" is not someone to notify; did you mean "department_lead"?',
        'handoff.rules[0].department: "e-resources" is not a department; did you mean "eresources"? Departments: reference, eresources, circulation',
      ],
    },
    {
      name: 'a rule\'s department that is not an id, once, while the handoff section has another problem',
      policy: broken((p) => {
        p.handoff.escalation[1].notify = 'department_head';
        p.handoff.rules[0].department = 'E Resources';
      }),
      lines: [
        'handoff.rules[0].department: is not an id; use lowercase letters, digits and hyphens, e.g. "special-collections"',
        'handoff.escalation[1].notify: "department_head" is not someone to notify; did you mean "department_lead"?',
      ],
    },
    {
      name: 'problems in several sections, all at once',
      policy: broken((p) => {
        p.library.time_zone = 'America/Chicgo';
        p.departments[0].lead = 'Ana';
        p.handoff.rules[0].department = 'e-resources';
        p.connectors = { cache_seconds: -1 };
      }),
      lines: [
        'library.time_zone: "America/Chicgo" is not a known time zone; did you mean "America/Chicago"?',
        'departments[0].lead: is neither a Slack user id nor an e-mail address; write one like "U024BE7LH" or "ana.ruiz@northfield.edu"',
        'connectors.cache_seconds: is negative; write 0 or more seconds',
        'handoff.rules[0].department: "e-resources" is not a department; did you mean "eresources"? Departments: reference, eresources, circulation',
      ],
    },
  ];

  it.each(cases)('reports $name', ({ policy, lines }) => {
    const result = parsePolicy(policy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(PolicyError);
    expect(result.error.code).toBe('policy_invalid');
    expect(formatPolicyErrors(result.error)).toEqual(lines);
  });

  it('checks references between sections that are valid even when another section is not', () => {
    const result = parsePolicy(
      broken((p) => {
        p.library.time_zone = 'Mars/Olympus';
        p.handoff.rules[0].department = 'eressources';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path.join('.'))).toEqual(['library.time_zone', 'handoff.rules.0.department']);
    expect(result.error.message).toBe('The policy file has 2 problems.');
  });
});

describe('a parsed policy cannot change under the caches that remember work per policy', () => {
  function parsed(policy: Record<string, any>) {
    const result = parsePolicy(policy);
    if (!result.ok) throw new Error(formatPolicyErrors(result.error).join('\n'));
    return result.value;
  }

  it('is frozen all the way down: changing it in place throws (modules run in strict mode)', () => {
    const policy = parsed(validPolicy());
    expect(Object.isFrozen(policy)).toBe(true);
    expect(() => {
      (policy.handoff.rules[0] as any).department = 'circulation';
    }).toThrow(TypeError);
    expect(() => {
      (policy.handoff.rules as any[]).push(policy.handoff.rules[0]);
    }).toThrow(TypeError);
    expect(() => {
      (policy.library.opening_hours as any).monday = [];
    }).toThrow(TypeError);
    expect(() => {
      (policy.library.holidays as any[]).length = 0;
    }).toThrow(TypeError);
    expect(policy.handoff.rules[0]!.department).toBe('eresources');
  });

  it('routes a changed policy by its new rules, not by the patterns prepared for the old one', () => {
    const question = { text: 'the proxy login loops', channel: 'chat' as const };
    expect(routeHandoff(question, parsed(validPolicy()).handoff.rules).department).toBe('eresources');
    const changed = parsed(broken((policy) => (policy.handoff.rules[0].department = 'circulation')));
    expect(routeHandoff(question, changed.handoff.rules).department).toBe('circulation');
  });

  it('counts opening time of a changed policy by its new hours, not by the intervals remembered for the old one', () => {
    const monday = { from: new Date('2026-11-30T14:00:00Z'), to: new Date('2026-11-30T16:00:00Z') }; // 08:00–10:00 in Chicago
    expect(openMinutesBetween(monday.from, monday.to, parsed(validPolicy()).library)).toBe(120);
    const later = parsed(broken((policy) => (policy.library.opening_hours.monday = '09:00-17:00')));
    expect(openMinutesBetween(monday.from, monday.to, later.library)).toBe(60);
  });
});
