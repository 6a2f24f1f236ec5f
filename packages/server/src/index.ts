// The public face of @liaison/server: the hub (to compose, start or test it) and the `liaison` program.
export { main } from './cli.js';
export type { Command, CommandIO } from './command.js';
export { createHub, type Hub, type HubContext, type HubOptions } from './hub/create-hub.js';
export { startHub, PolicyFileError, type RunningHub, type StartHubOptions } from './hub/start.js';
export { startDemoHub, examplePolicyFile, type DemoHub } from './hub/demo-hub.js';
export { demoConnectors } from './hub/demo-connectors.js';
export type { HubConnectors } from './hub/connectors.js';
export type { Notifier, Scheduler, TickReport } from './hub/scheduler.js';
export type { Principal, StaffRole } from './hub/auth.js';
export { createLogger } from './hub/logging.js';
export { loadPolicyFile, parsePolicyText } from './config/load-policy.js';
