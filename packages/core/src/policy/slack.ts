/**
 * The `slack` section: which Slack workspaces Liaison answers, and who in them counts as library
 * staff. A request from any other workspace runs nothing; a member the policy does not name as
 * staff is refused hand-off details and card actions. Both rules live here so every surface asks
 * the same question the same way.
 */
import * as z from 'zod';
import { staffContactSchema } from './departments.js';

// A Slack workspace (team) id: "T" then capitals and digits, e.g. "T024BE7LD".
const slackTeamId = /^T[A-Z0-9]{2,}$/;

export const slackWorkspaceSchema = z.strictObject({
  team_id: z
    .string()
    .trim()
    .regex(slackTeamId, 'is not a Slack workspace id; write the team id that starts with "T", e.g. "T024BE7LD" (Slack: workspace settings, or the "team" in any app request)')
    .meta({ examples: ['T024NORTH'] }),
  /** In a consortium, the member library this workspace belongs to (its name as the library calls itself). */
  library: z.string().trim().min(1, 'is empty; write the member library\'s name or leave the key out').optional(),
});

export const slackPolicySchema = z.strictObject({
  workspaces: z
    .array(slackWorkspaceSchema)
    .min(1, 'lists no workspaces; list the workspace(s) Liaison should answer, e.g. [{ team_id: T024BE7LD }], or leave out the `slack` section'),
  /** Staff who are in no department and are not head of service but may still act on cards. */
  staff: z.array(staffContactSchema).default([]),
});

export type SlackTrustPolicy = z.output<typeof slackPolicySchema>;

/** What the trust rules read of a policy (the hub's parsed `Policy` satisfies it). */
export interface StaffRoster {
  departments: readonly { lead?: string | undefined; members?: readonly string[] | undefined; backups?: readonly string[] | undefined }[];
  handoff?: { head_of_service?: string | undefined } | undefined;
  slack?: { workspaces: readonly { team_id: string; library?: string | undefined }[]; staff?: readonly string[] | undefined } | undefined;
}

/** True when Liaison answers this workspace: the policy lists it, or the policy lists none (any workspace, as before). */
export function isAllowedWorkspace(policy: Pick<StaffRoster, 'slack'>, teamId: string | null | undefined): boolean {
  if (!policy.slack) return true;
  return typeof teamId === 'string' && policy.slack.workspaces.some((workspace) => workspace.team_id === teamId);
}

/** Every contact the policy names as staff: department leads, members and backups, the head of service, `slack.staff`. */
export function staffContacts(policy: StaffRoster): string[] {
  return [
    ...policy.departments.flatMap((department) => [department.lead, ...(department.members ?? []), ...(department.backups ?? [])]),
    policy.handoff?.head_of_service,
    ...(policy.slack?.staff ?? []),
  ].filter((contact): contact is string => contact !== undefined);
}

/** True when the policy names this person as staff, by Slack member id or by e-mail (case does not matter). */
export function isKnownStaff(policy: StaffRoster, person: { userId: string; email?: string | undefined }): boolean {
  const names = new Set([person.userId, ...(person.email ? [person.email.toLowerCase()] : [])]);
  return staffContacts(policy).some((contact) => names.has(contact) || names.has(contact.toLowerCase()));
}

/** True when some staff are named only by e-mail, so recognising them needs the member's address. */
export function namesStaffByEmail(policy: StaffRoster): boolean {
  return staffContacts(policy).some((contact) => contact.includes('@'));
}
