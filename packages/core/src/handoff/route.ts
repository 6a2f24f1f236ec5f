/**
 * Hand-off routing: which department a patron's question goes to, and how fast it is owed.
 * The library writes ordered rules in its policy file; the first rule whose conditions all hold
 * wins, and exactly one `default: true` rule (written last) takes everything else.
 */
import * as z from 'zod';
import { LiaisonError } from '../errors.js';
import { slugSchema } from '../policy/slug.js';
import { serviceLevelSchema } from '../time/service-level.js';
import type { QueryChannel, Responsibility } from './handoff.js';

/** Every channel a question can arrive by, as the policy file spells it. */
export const queryChannels = ['desk', 'chat', 'email', 'phone', 'zendesk', 'slack', 'teams', 'web', 'ill'] as const satisfies readonly QueryChannel[];
// Fails to compile when handoff.ts gains a channel this list lacks.
const everyChannelListed: Exclude<QueryChannel, (typeof queryChannels)[number]> extends never ? true : false = true;
void everyChannelListed;

const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `lists no ${what}; list at least one, or leave the key out`);

const matchSchema = z.strictObject({
  /** Words or phrases, any of which in the question's text satisfies the condition. */
  words: nonEmptyList(z.string().trim().min(1, 'is empty; write a word or phrase'), 'words').optional(),
  categories: nonEmptyList(z.string().trim().min(1, 'is empty; write a category'), 'categories').optional(),
  patron_types: nonEmptyList(z.string().trim().min(1, 'is empty; write a patron type'), 'patron types').optional(),
  channels: nonEmptyList(z.enum(queryChannels), 'channels').optional(),
});

/** One routing rule as the library writes it under `handoff.rules`. */
export const routingRuleSchema = z.strictObject({
  id: slugSchema,
  department: slugSchema,
  service_level: serviceLevelSchema,
  responsibility: z.enum(['passed', 'retained']).default('passed'),
  match: matchSchema.optional(),
  default: z.boolean().optional(),
  description: z.string().optional(),
});

export type RoutingRule = z.output<typeof routingRuleSchema>;
export type RoutingRuleInput = z.input<typeof routingRuleSchema>;

/** A patron's question as routing sees it. */
export interface RoutingQuery {
  text: string;
  category?: string;
  patronType?: string;
  channel?: QueryChannel;
}

/** Where routing sent a question, and why, in words staff can read. */
export interface RoutingDecision {
  department: string;
  serviceLevel: RoutingRule['service_level'];
  responsibility: Responsibility;
  ruleId: string;
  isDefault: boolean;
  /** The rule's own values (as the policy writes them) that the question satisfied. */
  matched: { words: string[]; category?: string; patronType?: string; channel?: QueryChannel };
  explanation: string;
}

/** Rules prepared once (word patterns built) so each question is routed without re-reading the policy. */
export interface CompiledRoutingRules {
  readonly rules: readonly RoutingRule[];
  route(query: RoutingQuery): RoutingDecision;
}

/**
 * Folds case, accents and typographic apostrophes so "Café" and "cafe", "can’t" and "can't"
 * compare equal: decompose (NFD), drop the combining marks, lowercase.
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[\u2018\u2019\u02bc]/gu, "'").toLowerCase();
}

// Hyphens, dashes and spaces inside a phrase are interchangeable, so "off-campus" also
// finds "off campus" and "link resolver" finds "link-resolver".
const separators = /[\s\-\u2010-\u2015]+/u;
const letterOrDigit = '[\\p{L}\\p{N}]';

function wordPattern(word: string): RegExp {
  const parts = foldForMatching(word.trim())
    .split(separators)
    .filter((part) => part !== '')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  // A "word" of hyphens alone names nothing; it must not match everywhere.
  if (parts.length === 0) return /(?!)/u;
  // Whole words only: "proxy" must not match inside "proxying" or "EZproxy".
  return new RegExp(`(?<!${letterOrDigit})${parts.join('[\\s\\-\\u2010-\\u2015]+')}(?!${letterOrDigit})`, 'u');
}

interface PreparedRule {
  rule: RoutingRule;
  words?: { word: string; pattern: RegExp }[];
  categories?: { value: string; folded: string }[];
  patronTypes?: { value: string; folded: string }[];
  channels?: readonly QueryChannel[];
}

function prepare(rule: RoutingRule): PreparedRule {
  const fold = (values: string[]) => values.map((value) => ({ value, folded: foldForMatching(value.trim()) }));
  const match = rule.match ?? {};
  return {
    rule,
    ...(match.words && { words: match.words.map((word) => ({ word, pattern: wordPattern(word) })) }),
    ...(match.categories && { categories: fold(match.categories) }),
    ...(match.patron_types && { patronTypes: fold(match.patron_types) }),
    ...(match.channels && { channels: match.channels }),
  };
}

/** The rule's values the question satisfied, or null when any condition the rule sets fails. */
function evaluate(prepared: PreparedRule, query: RoutingQuery, foldedText: string): RoutingDecision['matched'] | null {
  const matched: RoutingDecision['matched'] = { words: [] };
  if (prepared.words) {
    matched.words = prepared.words.filter(({ pattern }) => pattern.test(foldedText)).map(({ word }) => word);
    if (matched.words.length === 0) return null;
  }
  if (prepared.categories) {
    const category = query.category === undefined ? undefined : foldForMatching(query.category.trim());
    const hit = prepared.categories.find(({ folded }) => folded === category);
    if (!hit) return null;
    matched.category = hit.value;
  }
  if (prepared.patronTypes) {
    const patronType = query.patronType === undefined ? undefined : foldForMatching(query.patronType.trim());
    const hit = prepared.patronTypes.find(({ folded }) => folded === patronType);
    if (!hit) return null;
    matched.patronType = hit.value;
  }
  if (prepared.channels) {
    if (query.channel === undefined || !prepared.channels.includes(query.channel)) return null;
    matched.channel = query.channel;
  }
  return matched;
}

const quoted = (values: string[]) => values.map((value) => `"${value}"`).join(', ');

function joinClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}

function explain(rule: RoutingRule, matched: RoutingDecision['matched']): string {
  const clauses: string[] = [];
  if (matched.words.length > 0) clauses.push(`the ${matched.words.length === 1 ? 'word' : 'words'} ${quoted(matched.words)}`);
  if (matched.category !== undefined) clauses.push(`the category "${matched.category}"`);
  if (matched.patronType !== undefined) clauses.push(`the patron type "${matched.patronType}"`);
  if (matched.channel !== undefined) clauses.push(`the channel "${matched.channel}"`);
  if (clauses.length === 0) return `Rule "${rule.id}" has no conditions, so it matched.`;
  return `Rule "${rule.id}" matched ${joinClauses(clauses)}.`;
}

function decision(rule: RoutingRule, matched: RoutingDecision['matched'], isDefault: boolean, explanation: string): RoutingDecision {
  return {
    department: rule.department,
    serviceLevel: rule.service_level,
    responsibility: rule.responsibility,
    ruleId: rule.id,
    isDefault,
    matched,
    explanation,
  };
}

/**
 * Prepares rules for routing. Throws a `policy_invalid` LiaisonError when the rules have no
 * default rule or more than one — `parsePolicy` reports that to the library first, so reaching
 * it here means rules were built by hand without being checked.
 */
export function compileRoutingRules(rules: readonly RoutingRule[]): CompiledRoutingRules {
  const defaults = rules.filter((rule) => rule.default === true);
  const fallback = defaults[0];
  if (!fallback || defaults.length > 1) {
    throw new LiaisonError('policy_invalid', 'Routing needs exactly one default rule.', [
      { path: ['handoff', 'rules'], message: `has ${defaults.length} default rules`, hint: 'mark exactly one rule, the last, with `default: true`' },
    ]);
  }
  const ordered = rules.filter((rule) => rule.default !== true).map(prepare);
  return {
    rules,
    route(query) {
      const foldedText = foldForMatching(query.text);
      for (const prepared of ordered) {
        const matched = evaluate(prepared, query, foldedText);
        if (matched) return decision(prepared.rule, matched, false, explain(prepared.rule, matched));
      }
      return decision(fallback, { words: [] }, true, `No rule matched; the default rule "${fallback.id}" applies.`);
    },
  };
}

// Routing the same policy's rules again reuses their prepared patterns.
const compiledByRules = new WeakMap<readonly RoutingRule[], CompiledRoutingRules>();

/** Routes one question through ordered rules: the first rule whose every condition holds, else the default rule. */
export function routeHandoff(query: RoutingQuery, rules: readonly RoutingRule[]): RoutingDecision {
  let compiled = compiledByRules.get(rules);
  if (!compiled) {
    compiled = compileRoutingRules(rules);
    compiledByRules.set(rules, compiled);
  }
  return compiled.route(query);
}

/** What routing by hand needs of the policy's `handoff` section. */
export interface HandoffRoutingPolicy {
  rules: readonly RoutingRule[];
  default_service_level: string;
}

/**
 * The rule a hand-off follows when staff send it to `department` by hand: the first rule that
 * names the department, or undefined when none does (then `default_service_level` applies).
 */
export function ruleForDepartment(policy: HandoffRoutingPolicy, department: string): RoutingRule | undefined {
  return policy.rules.find((rule) => rule.department === department);
}

/** The service level of a hand-off sent to `department` by hand (chosen, reassigned): its first rule's, else the policy's default. */
export function serviceLevelForDepartment(policy: HandoffRoutingPolicy, department: string): string {
  return ruleForDepartment(policy, department)?.service_level ?? policy.default_service_level;
}

/**
 * Routing when staff chose the department: the rules' decision moved to `department`, with that
 * department's service level and responsibility, and an explanation naming both.
 * The same decision comes back when staff chose what the rules chose.
 */
export function routeToChosenDepartment(routed: RoutingDecision, department: string, policy: HandoffRoutingPolicy): RoutingDecision {
  if (department === routed.department) return routed;
  const rule = ruleForDepartment(policy, department);
  return {
    ...routed,
    department,
    serviceLevel: serviceLevelForDepartment(policy, department),
    responsibility: rule?.responsibility ?? routed.responsibility,
    ruleId: rule?.id ?? 'chosen-by-staff',
    isDefault: false,
    matched: { words: [] },
    explanation: `Sent to ${department} by staff (the rules suggested ${routed.department}).`,
  };
}
