import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../create-hub.js';
import { registerChangeFeed } from '../dashboard/change-feed.js';
import { registerQueueRoutes } from '../dashboard/queues.js';
import { registerServiceRoutes } from '../dashboard/service.js';
import { registerQuestionRoutes } from '../dashboard/questions.js';
import { registerPurchaseReportRoutes } from '../dashboard/purchases.js';
import { registerSessionRoutes } from '../dashboard/session.js';
import { registerDashboardFiles } from '../dashboard/static-files.js';
import { entraKeysUrl, registerTeamsSignIn } from '../dashboard/teams-sign-in.js';

/** The staff dashboard (also the Teams tab): its files, sign-in, and the API its pages read. */
export function registerDashboard(app: FastifyInstance, hub: HubContext, options: { teamsKeysUrl?: string | undefined } = {}): void {
  registerDashboardFiles(app);
  registerSessionRoutes(app, hub);
  registerTeamsSignIn(app, hub, options.teamsKeysUrl ?? entraKeysUrl);
  registerQueueRoutes(app, hub);
  registerChangeFeed(app, hub);
  registerServiceRoutes(app, hub);
  registerQuestionRoutes(app, hub);
  registerPurchaseReportRoutes(app, hub);
}
