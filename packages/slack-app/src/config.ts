/**
 * Slack's settings from the environment variables Slack's own tooling uses. No variable set:
 * Slack stays off. Some set but not enough: a message that names what is missing.
 */

export interface SlackConfig {
  /** `http`: Slack calls the hub at /slack/events. `socket`: the hub dials Slack (Socket Mode, for a laptop). */
  mode: 'http' | 'socket';
  signingSecret?: string;
  /** One workspace: the bot token (xoxb-…). */
  botToken?: string;
  /** Socket Mode: the app-level token (xapp-…). */
  appToken?: string;
  /** Several workspaces (a consortium): OAuth, with installations kept in the Liaison store. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
}

export type SlackConfigResult = { ok: true; config: SlackConfig } | { ok: false; message: string } | null;

const names = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'] as const;

/** Reads SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (and SLACK_STATE_SECRET). */
export function slackConfigFromEnvironment(env: Record<string, string | undefined>): SlackConfigResult {
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  if (!names.some((name) => value(name))) return null;
  const signingSecret = value('SLACK_SIGNING_SECRET');
  const botToken = value('SLACK_BOT_TOKEN');
  const appToken = value('SLACK_APP_TOKEN');
  const clientId = value('SLACK_CLIENT_ID');
  const clientSecret = value('SLACK_CLIENT_SECRET');
  if (appToken) {
    if (!appToken.startsWith('xapp-')) return { ok: false, message: 'SLACK_APP_TOKEN is not an app-level token; it starts with "xapp-" (Basic Information → App-Level Tokens).' };
    if (!botToken) return { ok: false, message: 'Socket Mode needs SLACK_BOT_TOKEN too (OAuth & Permissions → Bot User OAuth Token, "xoxb-…").' };
    return { ok: true, config: { mode: 'socket', appToken, botToken, ...(signingSecret && { signingSecret }) } };
  }
  if (!signingSecret) return { ok: false, message: 'Set SLACK_SIGNING_SECRET (Basic Information → Signing Secret) so the hub can check that requests come from Slack.' };
  if (clientId || clientSecret) {
    if (!clientId || !clientSecret) return { ok: false, message: 'OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → App Credentials).' };
    const stateSecret = value('SLACK_STATE_SECRET') ?? clientSecret;
    return { ok: true, config: { mode: 'http', signingSecret, oauth: { clientId, clientSecret, stateSecret }, ...(botToken && { botToken }) } };
  }
  if (!botToken) return { ok: false, message: 'Set SLACK_BOT_TOKEN ("xoxb-…") for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for several.' };
  if (!botToken.startsWith('xoxb-')) return { ok: false, message: 'SLACK_BOT_TOKEN is not a bot token; it starts with "xoxb-".' };
  return { ok: true, config: { mode: 'http', signingSecret, botToken } };
}
