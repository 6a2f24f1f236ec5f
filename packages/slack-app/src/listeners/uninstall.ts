import type { App, InstallationStore, Logger } from '@slack/bolt';

/**
 * When a workspace removes the app, or revokes its bot token, its stored installation goes too:
 * a token Slack no longer honours must not be kept in the Liaison store. With one workspace (a bot
 * token from the environment) there is nothing stored; the event is only logged.
 */
export function registerUninstallListeners(app: App, installationStore: InstallationStore | undefined, logger: Logger): void {
  async function forget(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }, why: string): Promise<void> {
    logger.info(`Slack workspace ${context.teamId ?? context.enterpriseId ?? '(unknown)'}: ${why}`);
    if (!installationStore?.deleteInstallation) return;
    await installationStore.deleteInstallation({
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: context.isEnterpriseInstall ?? false,
    });
  }

  app.event('app_uninstalled', async ({ context }) => {
    await forget(context, 'the app was uninstalled; its installation is deleted');
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    // User tokens are not kept; only a revoked bot token makes the installation useless.
    if ((event.tokens.bot ?? []).length > 0) await forget(context, 'its bot token was revoked; its installation is deleted');
  });
}
