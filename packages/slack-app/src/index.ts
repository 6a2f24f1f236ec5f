// The public face of @liaison/slack-app.
export { createLiaisonSlackApp, botScopes, slackPaths } from './app.js';
export type { LiaisonSlackApp, LiaisonSlackOptions } from './app.js';
export { slackConfigFromEnvironment } from './config.js';
export type { SlackConfig, SlackConfigResult } from './config.js';
export { HubRefusal } from './port.js';
export type { LiaisonHubPort, CardLocation, CardLocations, HandoffFilter, SlackHandoffRequest } from './port.js';
export type { SlackPolicy, DepartmentInfo } from './library.js';
export type { SlackNotifier, SpikeNotice } from './notifier.js';
export type { ReminderNotice } from './views/reminder.js';
export type { RouteSuggestion } from './views/handoff-modal.js';
export { describeSlackError } from './slack-errors.js';
