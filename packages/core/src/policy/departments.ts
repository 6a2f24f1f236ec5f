/**
 * The library's departments as the policy file lists them: who they are and where in Slack
 * (and Teams) a hand-off reaches them.
 */
import * as z from 'zod';
import { slugSchema } from './slug.js';

// A Slack member id ("U024BE7LH"; "W…" on Enterprise Grid) or an e-mail address.
const slackUserId = /^[UW][A-Z0-9]{2,}$/;
const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A member of staff: a Slack user id or an e-mail address. */
export const staffContactSchema = z
  .string()
  .trim()
  .refine((value) => slackUserId.test(value) || emailAddress.test(value), {
    message: 'is neither a Slack user id nor an e-mail address; write one like "U024BE7LH" or "ana.ruiz@northfield.edu"',
  })
  .meta({ examples: ['U024BE7LH'] });

// Slack channel names are lowercase letters, digits, hyphens and underscores (up to 80); an id starts with C or G.
const channelName = /^#[a-z0-9_\-\p{L}]{1,80}$/u;
const channelId = /^[CG][A-Z0-9]{2,}$/;

/** A Slack channel, by "#name" or by its id. */
export const slackChannelSchema = z
  .string()
  .trim()
  .refine((value) => channelName.test(value) || channelId.test(value), {
    message: 'is not a Slack channel; write its name with "#" in quotes, e.g. "#ask-reference", or its id, e.g. "C024BE91L"',
  })
  .meta({ examples: ['#ask-reference'] });

export const departmentSchema = z.strictObject({
  id: slugSchema.meta({ examples: ['reference'] }),
  name: z
    .string()
    .trim()
    .min(1, 'is empty; write the department\'s name, e.g. "Research & Reference"')
    .meta({ examples: ['Research & Reference'] }),
  slack_channel: slackChannelSchema,
  teams_channel: z.string().trim().min(1, 'is empty; write the Teams channel name or leave the key out').optional(),
  lead: staffContactSchema.optional(),
  members: z.array(staffContactSchema).optional(),
  /** The backup rota beside the lead: who covers, in order, when a member is away and their team cannot. */
  backups: z.array(staffContactSchema).optional(),
});

/** The `departments` section: at least one department. */
export const departmentsSchema = z.array(departmentSchema).min(1, 'lists no departments; list at least one');

export type Department = z.output<typeof departmentSchema>;
