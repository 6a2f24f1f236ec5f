import type { FindPatronOptions, HoldingsSource, IllRequestSource, OpenAccessSource, PatronLookupResult, PatronSource, PriceSource } from '@liaison/connectors';

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
  /**
   * Finds one patron across the patron sources, matching each later source by its configured
   * field (e-mail, username or barcode) from the first source's record. When absent, every
   * patron source is asked with what staff typed and the answers are merged.
   */
  findPatron?(by: { email?: string; barcode?: string }, options?: FindPatronOptions): Promise<PatronLookupResult>;
}
