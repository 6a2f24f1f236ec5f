/**
 * Reading a policy file: every problem at once, each with where it is and how to fix it, so a
 * systems librarian fixes the file in one pass instead of one error per run.
 */
import type * as z from 'zod';
import type { Issue, Result } from '../errors.js';
import { LiaisonError, err, formatIssue, ok } from '../errors.js';
import { builtinRubricIds } from '../rubric/builtin/ids.js';
import { crossReferenceIssues } from './cross-references.js';
import type { Policy } from './schema.js';
import { policySchema } from './schema.js';
import { exampleAt, knownKeysAt } from './schema-keys.js';
import { slugSchema } from './slug.js';
import { nearest } from './suggest.js';

/** A policy file that cannot be used, with every problem found in it. */
export class PolicyError extends LiaisonError {
  declare readonly code: 'policy_invalid';
  constructor(issues: Issue[]) {
    super('policy_invalid', `The policy file has ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}.`, issues);
    this.name = 'PolicyError';
  }
}

/**
 * Checks a policy file's contents (already read from YAML or JSON) and fills in defaults. The
 * policy comes back deeply frozen: core remembers work per policy object (prepared routing
 * patterns, opening intervals, compiled purchase rules), so a policy changed in place would give
 * stale answers. A changed policy is a new parse, hence a new object.
 */
export function parsePolicy(input: unknown): Result<Policy, PolicyError> {
  const result = policySchema.safeParse(input, { reportInput: true });
  const shapeIssues = result.success ? [] : result.error.issues.flatMap((issue) => describeIssue(issue, input));
  const written = { departmentIds: writtenDepartmentIds(input), ruleDepartments: writtenRuleDepartments(input), hasEscalation: hasWrittenEscalation(input) };
  const issues = [...shapeIssues, ...crossReferenceIssues(validSections(input, shapeIssues), written)];
  if (issues.length > 0 || !result.success) return err(new PolicyError(issues));
  return ok(deepFreeze(result.data));
}

/** Freezes a parsed value and every object and array inside it (a parse gives plain data only). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** One line per problem: `handoff.rules[2].department: "eressources" is not a department; did you mean "eresources"?`. */
export function formatPolicyErrors(error: PolicyError): string[] {
  return error.issues.map(formatIssue);
}

type Sections = { [Key in keyof Policy]?: Policy[Key] };

/**
 * The sections that are valid on their own, parsed, so references between them can still be
 * checked while another section has problems.
 */
function validSections(input: unknown, shapeIssues: Issue[]): Sections {
  if (!isMapping(input)) return {};
  const broken = new Set(shapeIssues.map((issue) => issue.path[0]));
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policySchema.shape)) {
    if (broken.has(key)) continue;
    const parsed = (schema as z.ZodType).safeParse(input[key]);
    if (parsed.success) sections[key] = parsed.data;
  }
  return sections as Sections;
}

/** Department ids as written, so rules can be checked against them even when a department has another problem. */
function writtenDepartmentIds(input: unknown): string[] | undefined {
  if (!isMapping(input) || !Array.isArray(input.departments)) return undefined;
  return input.departments.flatMap((department: unknown) => (isMapping(department) && typeof department.id === 'string' ? [department.id] : []));
}

/** Each rule's department as written, so they can be checked even when the handoff section has another problem. */
function writtenRuleDepartments(input: unknown): (string | undefined)[] | undefined {
  if (!isMapping(input) || !isMapping(input.handoff) || !Array.isArray(input.handoff.rules)) return undefined;
  // A department that is not even an id has its own problem already; it is not checked twice.
  return input.handoff.rules.map((rule: unknown) => (isMapping(rule) && slugSchema.safeParse(rule.department).success ? (rule.department as string) : undefined));
}

function hasWrittenEscalation(input: unknown): boolean {
  return isMapping(input) && isMapping(input.handoff) && input.handoff.escalation !== undefined;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a value looks to someone reading the YAML. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
  date: 'a date',
};

const typeExamples: Record<string, string> = {
  string: 'write text, in quotes if it starts with "#" or looks like a number or date',
  number: 'write a number without quotes or units, e.g. 150',
  int: 'write a whole number without quotes, e.g. 5',
  boolean: 'write true or false, without quotes',
  array: 'write a list: one "- item" per line, or [first, second]',
  object: 'write indented "key: value" lines under it',
  record: 'write indented "key: value" lines under it',
};

function receivedName(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** Our schemas write "what is wrong; how to fix it" in one message; split it into message and hint. */
function splitMessage(message: string): { message: string; hint?: string } {
  const at = message.indexOf('; ');
  return at === -1 ? { message } : { message: message.slice(0, at), hint: message.slice(at + 2) };
}

// zod's own wording ("Invalid input: …", "Too small: …") means no schema gave a better one.
const isZodDefault = (message: string) => /^(Invalid|Too (small|big))\b/.test(message);

function withExample(path: PropertyKey[], hint: string | undefined): string | undefined {
  const example = exampleAt(policySchema, path);
  if (example === undefined) return hint;
  const text = typeof example === 'string' ? JSON.stringify(example) : JSON.stringify(example).replace(/"([a-z_]+)":/g, '$1: ');
  return hint ? `${hint}, e.g. ${text}` : `e.g. ${text}`;
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

// Lists of names a section checks with its own rule rather than an enum, for "did you mean".
const knownValues: { path: RegExp; values: readonly string[] }[] = [{ path: /^rubrics\.builtin\.\d+$/, values: builtinRubricIds }];

function suggestKnownValue(path: PropertyKey[], input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const where = path.map(String).join('.');
  const known = knownValues.find((entry) => entry.path.test(where));
  return known ? nearest(input, known.values) : undefined;
}

/** Turns one zod issue into the issues a librarian reads, with hints. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown, basePath: PropertyKey[] = []): Issue[] {
  const zodPath = [...basePath, ...issue.path];
  const path = zodPath.map((key) => (typeof key === 'number' ? key : String(key)));
  const own = splitMessage(issue.message);

  if (path.length === 0 && issue.code === 'invalid_type') {
    return [
      {
        path,
        message: issue.input === undefined || issue.input === null ? 'The policy file is empty' : `The policy file is ${receivedName(issue.input)}, not a mapping of sections`,
        hint: 'start it with `library:`, `departments:` and `handoff:`, as in examples/liaison.config.yaml',
      },
    ];
  }

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(policySchema, zodPath);
      return issue.keys.map((key) => {
        const suggestion = nearest(key, known);
        return {
          path: [...path, key],
          message: 'is not a known key',
          hint: suggestion ? `did you mean \`${suggestion}\`?` : known.length > 0 ? `known keys here: ${known.join(', ')}` : 'remove it',
        };
      });
    }
    case 'invalid_key': {
      // A key a record does not allow, e.g. a weekday spelt wrong under opening_hours.
      const inner = issue.issues[0];
      const allowed = inner?.code === 'invalid_value' ? inner.values.map(String) : [];
      const key = String(zodPath[zodPath.length - 1] ?? '');
      const suggestion = nearest(key, allowed);
      return [
        {
          path,
          message: 'is not a known key',
          hint: suggestion ? `did you mean \`${suggestion}\`?` : allowed.length > 0 ? `known keys here: ${listOf(allowed)}` : inner ? splitMessage(inner.message).hint : undefined,
        },
      ];
    }
    case 'invalid_value': {
      if (!isZodDefault(issue.message)) return [{ path, ...own }];
      const values = issue.values.map(String);
      if (issue.input === undefined) return [{ path, message: 'is missing', hint: values.length === 1 ? `write ${values[0]}` : `add one of: ${listOf(values)}` }];
      if (values.length === 1) return [{ path, message: `${shown(issue.input)} is not allowed here`, hint: `write ${values[0]}` }];
      const suggestion = typeof issue.input === 'string' ? nearest(issue.input, values) : undefined;
      return [
        {
          path,
          message: `${shown(issue.input)} is not an allowed value`,
          hint: suggestion ? `did you mean "${suggestion}"? Allowed: ${listOf(values)}` : `allowed: ${listOf(values)}`,
        },
      ];
    }
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        const hint = (isZodDefault(issue.message) ? undefined : own.hint) ?? withExample(zodPath, `add ${expected}`);
        return [{ path, message: 'is missing', ...(hint !== undefined && { hint }) }];
      }
      if (!isZodDefault(issue.message)) return [{ path, ...own }];
      if (issue.input === null && issue.expected === 'string') {
        return [
          {
            path,
            message: 'is empty',
            hint: withExample(zodPath, 'write a value; if it starts with "#", put it in quotes, because YAML reads "#" as the start of a comment'),
          },
        ];
      }
      return [
        { path, message: `expected ${expected}, got ${receivedName(issue.input)}`, hint: withExample(zodPath, typeExamples[issue.expected]) },
      ];
    }
    case 'invalid_union':
      return describeUnion(issue, root, zodPath, path);
    case 'too_small':
    case 'too_big': {
      if (!isZodDefault(issue.message)) return [{ path, ...own }];
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'string' && small && Number(limit) <= 1) return [{ path, message: 'is empty', hint: withExample(zodPath, 'write a value') }];
      if (issue.origin === 'array') {
        return [{ path, message: `has too ${small ? 'few' : 'many'} items`, hint: `list ${small ? 'at least' : 'at most'} ${String(limit)}` }];
      }
      if (issue.origin === 'string') {
        return [{ path, message: `is too ${small ? 'short' : 'long'}`, hint: `use ${small ? 'at least' : 'at most'} ${String(limit)} characters` }];
      }
      return [{ path, message: `${shown(issue.input)} is too ${small ? 'small' : 'large'}`, hint: `use ${small ? 'at least' : 'at most'} ${String(limit)}` }];
    }
    case 'invalid_format':
      if (!isZodDefault(issue.message)) return [{ path, ...own }];
      return [{ path, message: `${shown(issue.input)} is not in the expected form`, hint: withExample(zodPath, undefined) }];
    case 'not_multiple_of':
      if (!isZodDefault(issue.message)) return [{ path, ...own }];
      return [{ path, message: `${shown(issue.input)} is not a multiple of ${issue.divisor}` }];
    default: {
      const suggestion = suggestKnownValue(zodPath, issue.input);
      if (suggestion && own.hint) return [{ path, message: own.message, hint: `did you mean "${suggestion}"? ${own.hint.charAt(0).toUpperCase()}${own.hint.slice(1)}` }];
      const params = issue.code === 'custom' ? issue.params : undefined;
      const hint = own.hint ?? (typeof params?.hint === 'string' ? params.hint : undefined);
      const message = isZodDefault(own.message) ? `${shown(issue.input)} is not valid` : own.message;
      return [{ path, message, ...(hint !== undefined && { hint }) }];
    }
  }
}

/**
 * A value that fits none of several forms (say, one time range or a list of them). Report the
 * form the library most likely meant: the first whose problems lie deeper than "wrong type";
 * when every form failed on type alone, say which types would do.
 */
function describeUnion(issue: z.core.$ZodIssueInvalidUnion, root: unknown, zodPath: PropertyKey[], path: (string | number)[]): Issue[] {
  if (issue.errors.length === 0) return [{ path, ...splitMessage(issue.message) }];
  const typeOnly = (branch: z.core.$ZodIssue[]) => branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
  const meant = issue.errors.find((branch) => !typeOnly(branch));
  if (meant) return meant.flatMap((inner) => describeIssue(inner, root, zodPath));
  if (!isZodDefault(issue.message)) {
    return [{ path, ...(issue.input === undefined ? { message: 'is missing', hint: splitMessage(issue.message).hint } : splitMessage(issue.message)) }];
  }
  const expected = [...new Set(issue.errors.flatMap((branch) => branch.map((inner) => (inner.code === 'invalid_type' ? typeNames[inner.expected] ?? inner.expected : ''))))].filter(Boolean);
  return [
    {
      path,
      message: issue.input === undefined ? 'is missing' : `expected ${expected.join(' or ')}, got ${receivedName(issue.input)}`,
      ...(withExample(zodPath, undefined) !== undefined && { hint: withExample(zodPath, undefined) }),
    },
  ];
}
