/**
 * What the Slack app needs to know about the library, as the policy file says it. The hub's
 * parsed `Policy` satisfies this shape; the app reads nothing else of it.
 */
import type { LibraryCalendar, PrivacyPolicy, SlackTrustPolicy } from '@liaison/core';

/** A department as the policy lists it (`departments[]`). */
export interface DepartmentInfo {
  id: string;
  name: string;
  /** "#ask-reference" or a channel id. */
  slack_channel: string;
  /** A Slack user id or an e-mail address. */
  lead?: string;
  members?: string[];
  backups?: string[];
}

export interface SlackPolicy {
  library: LibraryCalendar & { name: string };
  departments: DepartmentInfo[];
  privacy: PrivacyPolicy;
  handoff: { head_of_service?: string };
  /** The workspaces Liaison answers and extra staff (`slack`); left out, any workspace is answered. */
  slack?: SlackTrustPolicy;
}

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/** True when `id` is a Slack member id ("U024BE7LH"), i.e. someone Slack can mention and message. */
export function isSlackUserId(id: string | null | undefined): boolean {
  return typeof id === 'string' && slackUserId.test(id);
}

/** The department's name, or its id when the policy no longer lists it. */
export function departmentName(policy: Pick<SlackPolicy, 'departments'>, id: string): string {
  return policy.departments.find((department) => department.id === id)?.name ?? id;
}

/** The departments whose lead or members include this Slack user (by id, or by e-mail when known). */
export function departmentsOf(policy: Pick<SlackPolicy, 'departments'>, userId: string, email?: string): string[] {
  const names = new Set([userId, ...(email ? [email.toLowerCase()] : [])]);
  return policy.departments
    .filter((department) => [department.lead, ...(department.members ?? [])].some((contact) => contact !== undefined && (names.has(contact) || names.has(contact.toLowerCase()))))
    .map((department) => department.id);
}
