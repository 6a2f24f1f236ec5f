/**
 * Slack Web API failures in plain words. The Web API client already waits and retries where
 * Slack says so (HTTP 429 with Retry-After, 5xx, a dropped connection); what reaches here is a
 * failure a person has to fix or hear about.
 */

export interface SlackProblem {
  /** Slack's error code (`channel_not_found`), or the client's (`slack_webapi_request_error`). */
  code: string;
  /** What happened and what to do, for staff. */
  message: string;
}

const explanations: Record<string, (where: string) => string> = {
  channel_not_found: (where) => `Slack does not know the channel ${where}; check the department's slack_channel in the policy file.`,
  not_in_channel: (where) => `Liaison is not a member of ${where}; invite it there with /invite @Liaison.`,
  is_archived: (where) => `${where} is archived; name another channel in the policy file.`,
  expired_trigger_id: () => 'Slack took too long to open the form; please try the command again.',
  invalid_blocks: () => 'Slack refused the message layout; the hub log has the details.',
  ratelimited: () => 'Slack is rate-limiting Liaison; it will try again shortly.',
  invalid_auth: () => 'The Slack token is not valid; check SLACK_BOT_TOKEN.',
  not_authed: () => 'The Slack token is missing; set SLACK_BOT_TOKEN.',
  token_revoked: () => 'The Slack token was revoked; reinstall the app.',
  missing_scope: () => 'The Slack app lacks a permission it needs; reinstall it from manifest.yml.',
  users_not_found: () => 'Slack has no member with that e-mail address.',
};

/** Reads a Slack client error into a code and plain words; `where` names the channel or person involved. */
export function describeSlackError(error: unknown, where = 'that channel'): SlackProblem {
  const failure = error as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string } | null;
  const code = failure?.data?.error ?? (failure?.code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : failure?.code) ?? 'unknown';
  const explain = explanations[code];
  if (explain) return { code, message: explain(where) };
  if (code === 'slack_webapi_request_error') return { code, message: 'Liaison could not reach Slack; it will try again when Slack answers.' };
  return { code, message: `Slack refused the request (${code}); the hub log has the details.` };
}
