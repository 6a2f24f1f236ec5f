/**
 * What Liaison asks the library's systems, one small async interface per question. A real
 * connector (FOLIO, Koha, Alma, Sierra, ILLiad, a vendor) implements one or more of them; the demo
 * library implements all. Each answer that is a fact says where it came from and when.
 */
import { extractIsbns, type BorrowingRequest, type Fact, type PatronContext, type PurchaseFacts } from '@liaison/core';
import { ConnectorError } from './errors.js';

/** How a patron is looked up: staff know an e-mail or a barcode; a second system may be matched by username. */
export interface PatronLookup {
  email?: string;
  barcode?: string;
  username?: string;
}

/** Who a patron is and where they stand: the ILS (and ILLiad for their ILL requests). */
export interface PatronSource {
  /** The system's name as staff know it, e.g. "FOLIO". */
  readonly system: string;
  /** The patron with this e-mail, barcode or username (first given is used), or null when the system has none. */
  findPatron(by: PatronLookup, options?: { signal?: AbortSignal }): Promise<PatronContext | null>;
}

/** Whether the library already holds a title. */
export interface HoldingsSource {
  readonly system: string;
  /** Held or not (ISBN-13s), or undefined when the system cannot tell. */
  isHeld(ids: { isbns: string[]; oclcNumber?: string }): Promise<Fact<boolean> | undefined>;
}

/** What a title costs and whether it can be bought, from a vendor. */
export interface PriceSource {
  readonly system: string;
  /** Price (in `currency`) and availability for the first of these ISBN-13s the vendor knows, or undefined. */
  priceOf(isbns: string[]): Promise<PriceAnswer | undefined>;
}

export interface PriceAnswer {
  price?: Fact<number> & { currency: string };
  available?: Fact<boolean>;
}

/** A borrowing request by its transaction number, as ILLiad holds it. */
export interface IllRequestSource {
  readonly system: string;
  getTransaction(transactionNumber: string): Promise<BorrowingRequest | null>;
}

/** A free, legal copy the patron can have now. */
export interface OpenAccessSource {
  readonly system: string;
  findOpenCopy(work: { isbns: string[]; doi?: string; title?: string }): Promise<Fact<{ url: string; title?: string }> | undefined>;
}

/** The sources asked for purchase facts; each list in the library's order of preference. */
export interface PurchaseFactSources {
  holdings?: HoldingsSource[];
  /** Asked one after another until price and availability are both known: a second vendor is only asked for what the first cannot say. */
  prices?: PriceSource[];
  openAccess?: OpenAccessSource[];
}

export interface MissingSource {
  source: string;
  reason: string;
}

export interface GatheredFacts {
  facts: PurchaseFacts;
  /** Sources that failed and left a fact unknown, named so staff know what the verdict did not see. */
  missing: MissingSource[];
}

export interface GatherOptions {
  now: () => Date;
  /** Told about every failure, for the hub's log; the answer carries only a staff-readable reason. */
  onError?: (source: string, error: unknown) => void;
}

/**
 * Asks holdings, prices and open-access sources about a request, all at once. A failing source
 * never fails the answer: its fact stays unknown and `missing` names it.
 */
export async function gatherPurchaseFacts(
  request: BorrowingRequest,
  sources: PurchaseFactSources,
  { now, onError }: GatherOptions,
): Promise<GatheredFacts> {
  const isbns = extractIsbns(request.ISSN);
  const oclcNumber = request.ESPNumber?.replace(/\D/g, '') || undefined;
  const doi = request.DOI?.trim() || undefined;
  const title = (request.RequestType === 'Article' ? request.PhotoArticleTitle : request.LoanTitle) ?? request.LoanTitle;
  const missing: MissingSource[] = [];
  const readAt = now().toISOString();

  // Runs one source's question; a failure becomes a `missing` entry and an unknown answer.
  async function ask<T>(system: string, question: () => Promise<T>): Promise<{ answer?: T; failure?: MissingSource }> {
    try {
      return { answer: await question() };
    } catch (error) {
      onError?.(system, error);
      return { failure: { source: system, reason: reasonOf(error) } };
    }
  }

  const heldPromise = (async () => {
    const holdings = sources.holdings ?? [];
    if (holdings.length === 0 || (isbns.length === 0 && !oclcNumber)) return undefined;
    const answers = await Promise.all(holdings.map((source) => ask(source.system, () => source.isHeld({ isbns, oclcNumber }))));
    for (const { failure } of answers) if (failure) missing.push(failure);
    // One system that holds it is enough; "not held" is only as sure as the systems that answered.
    const facts = answers.map(({ answer }) => answer).filter((fact): fact is Fact<boolean> => fact !== undefined);
    return facts.find((fact) => fact.value) ?? facts[0];
  })();

  const pricePromise = (async () => {
    const failures: MissingSource[] = [];
    if (isbns.length === 0) return undefined;
    // Price and availability may come from different vendors (a price file without a stock
    // column, then Google Books): each is taken from the first vendor, in order, that knows it,
    // and keeps its own source and date so staff see where each came from.
    const found: PriceAnswer = {};
    for (const source of sources.prices ?? []) {
      const { answer, failure } = await ask(source.system, () => source.priceOf(isbns));
      if (failure) failures.push(failure);
      if (answer?.price && !found.price) found.price = answer.price;
      if (answer?.available && !found.available) found.available = answer.available;
      if (found.price && found.available) return found;
    }
    // A vendor that failed only matters when no other vendor answered in its place.
    if (!found.price && !found.available) missing.push(...failures);
    return found.price || found.available ? found : undefined;
  })();

  const openAccessPromise = (async () => {
    const openAccess = sources.openAccess ?? [];
    if (openAccess.length === 0 || (isbns.length === 0 && !doi && !title)) return undefined;
    const answers = await Promise.all(
      openAccess.map((source) => ask(source.system, () => source.findOpenCopy({ isbns, doi, title }))),
    );
    const copy = answers.find(({ answer }) => answer)?.answer;
    if (!copy) for (const { failure } of answers) if (failure) missing.push(failure);
    return copy;
  })();

  const [held, priced, openCopy] = await Promise.all([heldPromise, pricePromise, openAccessPromise]);
  const facts: PurchaseFacts = {};
  if (held) facts.held = stamped(held, readAt);
  if (priced?.price) facts.price = stamped(priced.price, readAt);
  if (priced?.available) facts.available = stamped(priced.available, readAt);
  if (openCopy) facts.openAccess = stamped(openCopy, readAt);
  return { facts, missing: missing.sort((a, b) => a.source.localeCompare(b.source)) };
}

// A fact without a date was read just now.
function stamped<F extends { asOf?: string }>(fact: F, readAt: string): F {
  return fact.asOf ? fact : { ...fact, asOf: readAt };
}

// ConnectorError messages are written for staff and carry no patron data; anything else might
// quote a URL or a record, so only its kind is shown and the details go to `onError`.
/** A failure as staff may read it: a ConnectorError's message (which carries no patron data), else only the error's kind. */
export function reasonOf(error: unknown): string {
  if (error instanceof ConnectorError) return error.message;
  return `failed unexpectedly (${error instanceof Error ? error.name : typeof error})`;
}
