/**
 * The whole policy file, liaison.config.yaml, as one schema. Each section's schema lives with
 * the module that uses it; this file only composes them. Parsed values keep the file's
 * snake_case keys, so what a librarian reads in the file is what the code reads.
 */
import * as z from 'zod';
import { escalationLadderSchema } from '../handoff/escalation.js';
import { routingRuleSchema } from '../handoff/route.js';
import { illExportPolicySchema } from '../ill/export-policy.js';
import { purchasePolicySchema } from '../ill/purchase-policy.js';
import { insightsPolicySchema } from '../insight/taxonomy.js';
import { patronFeedbackPolicySchema } from '../patron/feedback.js';
import { privacyPolicySchema } from '../patron/privacy.js';
import { rubricsPolicySchema } from '../rubric/schema.js';
import { libraryCalendarSchema } from '../time/calendar.js';
import { liaisonTeamsSchema } from '../team/liaison-teams.js';
import { serviceLevelSchema } from '../time/service-level.js';
import { connectorsSchema } from './connectors.js';
import { departmentsSchema, staffContactSchema } from './departments.js';
import { slackPolicySchema } from './slack.js';
import { teamsPolicySchema } from './teams.js';

/** The `library` section: name, currency, time zone, opening hours and holidays. */
export const librarySchema = libraryCalendarSchema.safeExtend({
  name: z
    .string()
    .trim()
    .min(1, 'is empty; write the library\'s name, e.g. "Northfield University Library"')
    .meta({ examples: ['Northfield University Library'] }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'is not a currency code; write the three capital letters of ISO 4217, e.g. "USD", "CAD", "EUR"')
    .default('USD'),
  /** How patrons reach the library, shown on status pages. */
  contact: z
    .strictObject({
      email: z.email('is not an e-mail address; write e.g. "ask@library.northfield.edu"').optional(),
      phone: z.string().trim().min(1, 'is empty; write the number patrons call, or leave the key out').optional(),
      url: z.url({ protocol: /^https?$/, error: 'is not a web address; write one starting with https://' }).optional(),
    })
    .optional(),
});

/** The `handoff` section: routing rules, service levels and who is told when a hand-off runs late. */
export const handoffPolicySchema = z.strictObject({
  /** The service level of a hand-off sent to a department by hand rather than by a rule. */
  default_service_level: serviceLevelSchema.prefault('1 business day'),
  rules: z.array(routingRuleSchema).min(1, 'lists no rules; add at least the default rule'),
  escalation: escalationLadderSchema,
  head_of_service: staffContactSchema.optional(),
  /** Accept plain http: addresses as a hand-off's link (intranet pages); otherwise https: only. */
  allow_http_links: z.boolean().default(false),
});

export const policySchema = z.strictObject({
  library: librarySchema,
  departments: departmentsSchema,
  liaison_teams: liaisonTeamsSchema,
  handoff: handoffPolicySchema,
  purchase: purchasePolicySchema,
  ill_export: illExportPolicySchema,
  rubrics: rubricsPolicySchema,
  privacy: privacyPolicySchema,
  patron_feedback: patronFeedbackPolicySchema,
  insights: insightsPolicySchema,
  connectors: connectorsSchema,
  /** Left out: no Teams tab sign-on (the dashboard still works with staff tokens). */
  teams: teamsPolicySchema.optional(),
  /** Left out: any Slack workspace is answered (`config check` warns). */
  slack: slackPolicySchema.optional(),
});

/** A checked policy, with every default filled in. */
export type Policy = z.output<typeof policySchema>;
/** A policy as a library writes it (sections with defaults may be left out). */
export type PolicyInput = z.input<typeof policySchema>;
