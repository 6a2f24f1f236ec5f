/**
 * The simulated ZAF SDK, loaded in the app's iframe in place of Zendesk's `zaf_sdk.min.js`. Like
 * the real one it defines `ZAFClient.init()`; its client forwards each call to the host page.
 */
import type { ZafHost } from './host.js';

const host = (window.parent as Window & { zafHost: ZafHost }).zafHost;

const client = {
  get: (paths: string | string[]) => host.get(paths),
  on: (event: string, handler: (...args: unknown[]) => void) => host.on(event, handler),
  off: (event: string, handler: (...args: unknown[]) => void) => host.off(event, handler),
  request: (options: { url: string; [option: string]: unknown }) => host.request(options),
  invoke: (name: string, ...args: unknown[]) => host.invoke(name, ...args),
  context: () => host.context(),
  metadata: () => host.metadata(),
};

let registered = false;
(window as unknown as { ZAFClient: { init(): typeof client } }).ZAFClient = {
  init() {
    if (!registered) {
      registered = true;
      host.register();
    }
    return client;
  },
};
