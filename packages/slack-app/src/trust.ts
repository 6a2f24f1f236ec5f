/**
 * Who the app listens to. A request from a workspace the policy does not list is acknowledged (so
 * Slack does not retry it) and goes no further: authorization refuses it before any bot token is
 * looked up, and a global middleware stops the few events Bolt does not authorize. Hand-off details
 * and card actions are for the staff the policy names; anyone else gets a polite private refusal.
 * The rules themselves (`isAllowedWorkspace`, `isKnownStaff`) live in core.
 */
import { isAllowedWorkspace } from '@liaison/core';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Installation, InstallationQuery, InstallationStore, Middleware } from '@slack/bolt';
import type { SlackPolicy } from './library.js';
import { handoffNumber } from './listeners/lists.js';
import type { StaffDirectory } from './staff-directory.js';
import { eventModalCallback } from './views/event-modal.js';
import { cardActions } from './views/handoff-card.js';

/** Thrown by authorization for a workspace the policy does not list; Bolt then acknowledges and runs nothing. */
export class ForeignWorkspaceError extends Error {
  constructor(teamId: string | undefined) {
    super(`a request from Slack workspace ${teamId ?? '(none)'}, which the policy's slack.workspaces does not list, was ignored`);
    this.name = 'ForeignWorkspaceError';
  }
}

/** Throws ForeignWorkspaceError unless the policy allows the workspace. */
export function requireAllowedWorkspace(policy: () => Pick<SlackPolicy, 'slack'>, teamId: string | undefined): void {
  if (!isAllowedWorkspace(policy(), teamId)) throw new ForeignWorkspaceError(teamId);
}

/** OAuth: a workspace the policy does not list can neither install the app nor have its token looked up. */
export function guardInstallationStore(store: InstallationStore, policy: () => Pick<SlackPolicy, 'slack'>): InstallationStore {
  return {
    async storeInstallation(installation, logger) {
      requireAllowedWorkspace(policy, installation.team?.id);
      return store.storeInstallation(installation, logger);
    },
    async fetchInstallation(query: InstallationQuery<boolean>, logger): Promise<Installation<'v1' | 'v2', boolean>> {
      requireAllowedWorkspace(policy, query.teamId);
      return store.fetchInstallation(query, logger);
    },
    ...(store.deleteInstallation && { deleteInstallation: store.deleteInstallation.bind(store) }),
  };
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The team a request came from, however its payload spells it. */
function teamOf(args: Args): string | undefined {
  if (args.context.teamId) return args.context.teamId;
  const body = args.body as { team_id?: string; team?: { id?: string } | null; user?: { team_id?: string } };
  return body.team_id ?? body.team?.id ?? body.user?.team_id ?? undefined;
}

const cardActionIds = new Set<string>(Object.values(cardActions));

/** What a request would do that only staff may, in words for the refusal; undefined when anyone may. */
function staffOnlyPurpose(args: Args): string | undefined {
  const body = args.body as { type?: string; command?: string; text?: string; actions?: { action_id?: string }[]; view?: { callback_id?: string } };
  if (body.command === '/handoffs' && handoffNumber.test(body.text ?? '')) return 'see a hand-off’s details';
  if (body.type === 'block_actions' && (body.actions ?? []).some((action) => cardActionIds.has(action.action_id ?? ''))) return 'act on a hand-off card';
  if (body.type === 'view_submission' && body.view?.callback_id === eventModalCallback) return 'act on a hand-off card';
  return undefined;
}

function userOf(args: Args): string | undefined {
  const body = args.body as { user_id?: string; user?: { id?: string } };
  return body.user_id ?? body.user?.id ?? args.context.userId;
}

export function refusalText(purpose: string): string {
  return `Sorry — only library staff named in Liaison’s policy can ${purpose}. If you work here, ask your coordinator to add you.`;
}

/** The global middleware: foreign workspaces stop here; staff-only requests from others are refused politely. */
export function trustMiddleware(policy: () => Pick<SlackPolicy, 'slack'>, directory: StaffDirectory): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = 'ack' in args && typeof args.ack === 'function' ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (!isAllowedWorkspace(policy(), teamOf(args))) {
      await ack?.();
      return;
    }
    const purpose = staffOnlyPurpose(args);
    const userId = userOf(args);
    if (!purpose) return args.next();
    if (userId && (await directory.isStaff(args.client, userId))) return args.next();
    const text = refusalText(purpose);
    const body = args.body as { command?: string; type?: string };
    if (body.command) {
      await ack?.({ response_type: 'ephemeral', text });
    } else if (body.type === 'view_submission') {
      await ack?.({ response_action: 'clear' });
      if (userId) await args.client.chat.postMessage({ channel: userId, text });
    } else {
      await ack?.();
      if ('respond' in args && typeof args.respond === 'function') await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    }
  };
}

/** Registers the trust middleware ahead of every listener. */
export function registerTrust(app: App, policy: () => Pick<SlackPolicy, 'slack'>, directory: StaffDirectory): void {
  app.use(trustMiddleware(policy, directory));
}
