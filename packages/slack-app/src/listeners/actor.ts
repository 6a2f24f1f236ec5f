import type { Actor } from '@liaison/core';
import { departmentsOf, type SlackPolicy } from '../library.js';

/** The hand-off actor for a Slack member: their member id, name, and departments from the policy file. */
export function slackActor(policy: SlackPolicy, user: { id: string; name?: string | undefined; username?: string | undefined }): Actor {
  const name = user.name ?? user.username;
  return { id: user.id, ...(name && { name }), kind: 'staff', departments: departmentsOf(policy, user.id) };
}
