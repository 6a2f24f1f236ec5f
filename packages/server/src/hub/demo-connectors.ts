import { createDemoLibrary } from '@liaison/connectors';
import type { HubConnectors } from './connectors.js';

/** The demo library's systems, answering as a small university library would. */
export function demoConnectors(now: () => Date, seed?: number): HubConnectors {
  const demo = createDemoLibrary({ now, ...(seed === undefined ? {} : { seed }) });
  return {
    patrons: [demo.patrons],
    holdings: [demo.holdings],
    prices: [demo.prices],
    illRequests: [demo.illRequests],
    openAccess: [demo.openAccess],
    describe: () => ['demo: the Northfield University demo library (fictional patrons, loans, ILL, holdings and prices)'],
  };
}
