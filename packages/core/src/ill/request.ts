/**
 * A borrowing request as the purchase-on-demand rules see it. Field names are ILLiad's
 * transaction field names, so an ILLiad export, a Tipasa export mapped to them, and a page
 * scrape by the browser extension all meet in one shape.
 */
export interface BorrowingRequest {
  TransactionNumber: string;
  /** "Loan" or "Article". */
  RequestType: string;
  DocumentType?: string;
  LoanTitle?: string;
  LoanAuthor?: string;
  LoanPublisher?: string;
  /** Publication date as cataloguers write it: "c2019", "2019.", "[2020]". */
  LoanDate?: string;
  /** ISBNs or ISSNs, possibly several, separated by spaces, commas, semicolons or slashes. */
  ISSN?: string;
  /** OCLC number. */
  ESPNumber?: string;
  /** The patron's status (ILLiad's user status, e.g. "Faculty", "Graduate"). */
  Status?: string;
  /** When the request was made; ISO date or datetime (or ILLiad's "M/D/YYYY h:mm:ss AM"). */
  CreationDate?: string;
  /** Articles: the DOI, when known, for open-access look-ups. */
  DOI?: string;
  PhotoJournalTitle?: string;
  PhotoArticleTitle?: string;
  /** Articles: the journal issue's year, which ILLiad keeps here rather than in LoanDate. */
  PhotoJournalYear?: string;
}

/** Where a fact came from and when it was true, so staff can weigh it. */
export interface FactSource {
  /** e.g. "page", "ILS holdings (FOLIO)", "vendor price file", "Google Books", "demo". */
  source: string;
  /** ISO 8601 instant or date the fact was read. */
  asOf?: string;
}

/** A fact that may be unknown (`undefined`). */
export interface Fact<T> extends FactSource {
  value: T;
}

/** Facts about a request beyond what it says itself. Any may be unknown (absent). */
export interface PurchaseFacts {
  held?: Fact<boolean>;
  /** Price in the policy's currency. */
  price?: Fact<number> & { currency?: string };
  /** In print and purchasable. */
  available?: Fact<boolean>;
  /** Requests for the same title in the demand window, this one included. */
  demand?: Fact<number>;
  /** An open-access copy that staff can give the patron at once. */
  openAccess?: Fact<{ url: string; title?: string }>;
  /** Publication year from a catalogue or vendor record; used instead of the request's LoanDate. */
  publicationYear?: Fact<number>;
}
