/**
 * The `teams` section: the dashboard as a Microsoft Teams tab with single sign-on. Names the
 * Microsoft Entra ID app registration whose tokens the hub accepts, the tenants (organisations)
 * allowed to sign in, and who among staff sees coordinators' results. Staff are the people the
 * departments name by e-mail (members and leads); a Teams user is matched by e-mail or UPN.
 */
import * as z from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const teamsPolicySchema = z.strictObject({
  /** The Entra ID app registration's Application (client) ID: the audience of the tab's tokens. */
  client_id: z
    .string()
    .trim()
    .regex(guid, 'is not an Application (client) ID; copy the GUID from the app registration\'s Overview page, e.g. "00000000-0000-0000-0000-000000000000"'),
  /** The tenants (Directory (tenant) IDs) whose people may sign in. */
  allowed_tenants: z
    .array(z.string().trim().regex(guid, 'is not a Directory (tenant) ID; copy the GUID from Entra ID\'s Overview page'))
    .min(1, 'lists no tenant; add your organisation\'s Directory (tenant) ID'),
  /** Staff (by e-mail) who see individual staff results, besides department leads and the head of service. */
  coordinators: z
    .array(z.string().trim().toLowerCase().regex(emailAddress, 'is not an e-mail address; write one like "ana.ruiz@northfield.edu"'))
    .default([]),
});

export type TeamsPolicy = z.output<typeof teamsPolicySchema>;
