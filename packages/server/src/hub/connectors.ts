import type { HoldingsSource, IllRequestSource, OpenAccessSource, PatronSource, PriceSource } from '@liaison/connectors';

/** The systems the hub asks, as the policy file's `connectors` section chose them. */
export interface HubConnectors {
  /** Patron sources, merged for one patron (an ILS and ILLiad, say). */
  patrons: PatronSource[];
  holdings: HoldingsSource[];
  /** Price and availability sources, tried in the policy's order until one answers. */
  prices: PriceSource[];
  illRequests: IllRequestSource[];
  openAccess: OpenAccessSource[];
  /** One line per configured system for the start-up banner and `connectors check`. */
  describe(): string[];
}
