/**
 * Checks that need more than one place in the policy file: a rule's department must exist, ids
 * must be unique, routing needs exactly one default rule at the end, and the escalation ladder
 * can only notify people the file names. Each check runs only on sections that are valid on
 * their own, so one broken section does not hide problems elsewhere.
 */
import type { Issue } from '../errors.js';
import type { Policy } from './schema.js';
import { nearest } from './suggest.js';

type Sections = { [Key in keyof Policy]?: Policy[Key] };

/** Problems between sections (and between entries of one list) of a policy whose sections are each valid. */
/** What the file itself says, where a check must tell the written from the defaulted. */
export interface WrittenPolicy {
  /** Department ids as written, for checking rules when the departments section has other problems. */
  departmentIds?: string[];
  /** Each rule's department as written (undefined where it is not text), for when the handoff section has other problems. */
  ruleDepartments?: (string | undefined)[];
  /** Whether the file writes its own `handoff.escalation` (otherwise the default ladder applies). */
  hasEscalation: boolean;
}

export function crossReferenceIssues(sections: Sections, written: WrittenPolicy = { hasEscalation: true }): Issue[] {
  return [
    ...duplicateIds(sections.departments, ['departments'], 'department'),
    ...duplicateIds(sections.handoff?.rules, ['handoff', 'rules'], 'rule'),
    ...ruleDepartments(
      sections.handoff?.rules.map((rule) => rule.department) ?? written.ruleDepartments,
      sections.departments?.map((department) => department.id) ?? written.departmentIds,
    ),
    ...defaultRule(sections.handoff?.rules),
    ...unreachableRules(sections.handoff?.rules),
    ...headOfService(sections.handoff, written.hasEscalation),
    ...teamDepartments(sections.liaison_teams, sections.departments?.map((department) => department.id) ?? written.departmentIds),
  ];
}

/** A liaison team's department must be listed: its lead is who is told when the team is all away. */
function teamDepartments(teams: Policy['liaison_teams'] | undefined, ids: string[] | undefined): Issue[] {
  if (!teams || !ids || ids.length === 0) return [];
  return teams.flatMap((team, index) => {
    if (team.department === undefined || ids.includes(team.department)) return [];
    const suggestion = nearest(team.department, ids);
    return [
      {
        path: ['liaison_teams', index, 'department'],
        message: `"${team.department}" is not a department`,
        hint: suggestion ? `did you mean "${suggestion}"? Departments: ${ids.join(', ')}` : `departments: ${ids.join(', ')}`,
      },
    ];
  });
}

function duplicateIds(entries: readonly { id: string }[] | undefined, path: (string | number)[], what: string): Issue[] {
  const firstAt = new Map<string, number>();
  const issues: Issue[] = [];
  entries?.forEach((entry, index) => {
    const first = firstAt.get(entry.id);
    if (first === undefined) firstAt.set(entry.id, index);
    else
      issues.push({
        path: [...path, index, 'id'],
        message: `"${entry.id}" is already the id of ${pathText(path)}[${first}]`,
        hint: `give each ${what} its own id`,
      });
  });
  return issues;
}

const pathText = (path: (string | number)[]) => path.join('.');

/**
 * Each rule's department must be listed. When the departments section has problems of its own,
 * the ids as written are used, and when the handoff section has, the rules' departments as
 * written: a misspelt department is still reported in the same pass.
 */
function ruleDepartments(departments: readonly (string | undefined)[] | undefined, ids: string[] | undefined): Issue[] {
  if (!departments || !ids || ids.length === 0) return [];
  const issues: Issue[] = [];
  departments.forEach((department, index) => {
    if (department === undefined || ids.includes(department)) return;
    const suggestion = nearest(department, ids);
    issues.push({
      path: ['handoff', 'rules', index, 'department'],
      message: `"${department}" is not a department`,
      hint: suggestion ? `did you mean "${suggestion}"? Departments: ${ids.join(', ')}` : `departments: ${ids.join(', ')}`,
    });
  });
  return issues;
}

type Rules = Policy['handoff']['rules'];

function defaultRule(rules: Rules | undefined): Issue[] {
  if (!rules) return [];
  const defaults = rules.flatMap((rule, index) => (rule.default === true ? [index] : []));
  const [first, ...extra] = defaults;
  if (first === undefined) {
    return [
      {
        path: ['handoff', 'rules'],
        message: 'has no default rule, so a question no rule matches would go nowhere',
        hint: 'add a last rule with `default: true`, e.g. { id: everything-else, default: true, department: reference, service_level: 1 business day }',
      },
    ];
  }
  const issues: Issue[] = extra.map((index) => ({
    path: ['handoff', 'rules', index, 'default'],
    message: `is a second default rule (rules[${first}] is already the default)`,
    hint: 'keep one default rule, the last',
  }));
  if (extra.length === 0 && first !== rules.length - 1) {
    issues.push({
      path: ['handoff', 'rules', first, 'default'],
      message: 'the default rule must be the last rule',
      hint: `move "${rules[first]!.id}" to the end of the rules`,
    });
  }
  const defaultMatch = rules[first]!.match;
  if (defaultMatch && Object.values(defaultMatch).some((values) => values !== undefined)) {
    issues.push({
      path: ['handoff', 'rules', first, 'match'],
      message: 'is ignored: the default rule takes every question no other rule matched',
      hint: 'remove `match` from the default rule, or make it an ordinary rule above a new default rule',
    });
  }
  return issues;
}

/** A rule with no conditions takes every question, so no later rule is ever used. */
function unreachableRules(rules: Rules | undefined): Issue[] {
  if (!rules) return [];
  const issues: Issue[] = [];
  rules.forEach((rule, index) => {
    if (rule.default === true) return;
    const conditions = Object.values(rule.match ?? {}).filter((values) => values !== undefined);
    if (conditions.length > 0) return;
    issues.push({
      path: ['handoff', 'rules', index, 'match'],
      message: 'is missing, so this rule takes every question and the rules after it are never used',
      hint: 'add words, categories, patron_types or channels, or make it the default rule',
    });
  });
  return issues;
}

function headOfService(handoff: Sections['handoff'], hasEscalation: boolean): Issue[] {
  if (!handoff || handoff.head_of_service !== undefined) return [];
  const index = handoff.escalation.findIndex((rung) => rung.notify === 'head_of_service');
  if (index === -1) return [];
  const rung = handoff.escalation[index]!;
  return [
    hasEscalation
      ? {
          path: ['handoff', 'head_of_service'],
          message: `is missing, but handoff.escalation[${index}] notifies head_of_service`,
          hint: 'add head_of_service: a Slack user id or e-mail address, e.g. "U024HEAD"',
        }
      : {
          path: ['handoff', 'head_of_service'],
          message: `is missing, but the default escalation ladder notifies head_of_service at ${rung.at}%`,
          hint: 'add head_of_service (a Slack user id or e-mail address, e.g. "U024HEAD"), or write your own handoff.escalation',
        },
  ];
}
