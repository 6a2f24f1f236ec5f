/**
 * Who a Slack member is to the library: their departments, from the policy file's department
 * leads and members. The file may name staff by Slack member id or by e-mail address; a member
 * named by e-mail is recognised by asking Slack for their address (`users.info`, which needs the
 * `users:read.email` scope the manifest asks for). Addresses are remembered for an hour, so a
 * busy queue does not ask Slack on every click, and a changed address is picked up the same day.
 */
import { isKnownStaff, namesStaffByEmail as policyNamesStaffByEmail, type Actor, type StaffRoster } from '@liaison/core';
import type { webApi } from '@slack/bolt';
import { departmentsOf, type SlackPolicy } from './library.js';

/** How long a member's address is remembered, and how long a failed look-up waits before the next. */
const rememberMs = 60 * 60 * 1000;
const retryAfterFailureMs = 5 * 60 * 1000;

export interface StaffDirectory {
  /** The member's departments: named by member id, or by the member's e-mail address. */
  departmentsOf(client: webApi.WebClient, userId: string): Promise<string[]>;
  /** The hand-off actor for a Slack member: their member id, name, and departments. */
  actorFor(client: webApi.WebClient, user: { id: string; name?: string | undefined; username?: string | undefined }): Promise<Actor>;
  /** True when the policy names the member as staff, by member id or by their e-mail address. */
  isStaff(client: webApi.WebClient, userId: string): Promise<boolean>;
}

export interface StaffDirectoryOptions {
  logger: { warn(...message: unknown[]): void };
  /** The current time in milliseconds (tests). */
  now?: () => number;
}

export function createStaffDirectory(policy: Pick<SlackPolicy, 'departments'> & Pick<StaffRoster, 'handoff' | 'slack'>, { logger, now = Date.now }: StaffDirectoryOptions): StaffDirectory {
  // Only a policy that names someone by e-mail needs anyone's address.
  const namesStaffByEmail = policy.departments.some((department) => [department.lead, ...(department.members ?? [])].some((contact) => contact?.includes('@')));
  const addresses = new Map<string, { email: string | undefined; until: number }>();

  async function emailOf(client: webApi.WebClient, userId: string): Promise<string | undefined> {
    const known = addresses.get(userId);
    if (known && known.until > now()) return known.email;
    try {
      const found = await client.users.info({ user: userId });
      const email = found.user?.profile?.email;
      addresses.set(userId, { email, until: now() + rememberMs });
      return email;
    } catch {
      // The member still acts under their member id; the address (never logged) is asked again later.
      logger.warn('a Slack member\'s e-mail address could not be read (users.info); departments naming staff by e-mail may miss them');
      addresses.set(userId, { email: undefined, until: now() + retryAfterFailureMs });
      return undefined;
    }
  }

  async function departmentsFor(client: webApi.WebClient, userId: string): Promise<string[]> {
    if (!namesStaffByEmail) return departmentsOf(policy, userId);
    return departmentsOf(policy, userId, await emailOf(client, userId));
  }

  return {
    departmentsOf: departmentsFor,
    async actorFor(client, user) {
      const name = user.name ?? user.username;
      return { id: user.id, ...(name && { name }), kind: 'staff', departments: await departmentsFor(client, user.id) };
    },
    async isStaff(client, userId) {
      if (isKnownStaff(policy, { userId })) return true;
      if (!policyNamesStaffByEmail(policy)) return false;
      return isKnownStaff(policy, { userId, email: await emailOf(client, userId) });
    },
  };
}
