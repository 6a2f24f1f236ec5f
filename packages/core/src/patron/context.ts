/**
 * What the library knows about one patron, gathered from its systems (ILS, ILLiad, Liaison itself)
 * before any privacy rule is applied. `redactPatronContext` turns this into what a surface may show.
 */

export interface PatronIdentity {
  /** The patron's id in the system that answered (never shown as such to the patron). */
  id: string;
  name: string;
  email?: string;
  barcode?: string;
  username?: string;
  /** The library's patron type, e.g. "Undergraduate", "Faculty", "Community borrower". */
  patronType: string;
  /** Department, school or programme. */
  affiliation?: string;
  /** Name of the patron's subject liaison librarian. */
  liaisonLibrarian?: string;
  expiresOn?: string; // ISO date
}

export interface PatronBlock {
  code: string;
  message: string;
  source: 'manual' | 'automated';
}

export interface Loan {
  title: string;
  author?: string;
  barcode?: string;
  dueAt: string; // ISO 8601 instant
  isOverdue: boolean;
  renewals?: number;
}

export interface HoldOrRequest {
  title: string;
  status: string; // as the ILS words it: "Open - Awaiting pickup", "In transit"
  placedAt?: string;
  pickupLocation?: string;
  expiresAt?: string;
}

export interface IllRequest {
  transactionNumber: string;
  title: string;
  requestType: 'Loan' | 'Article';
  status: string; // ILLiad's TransactionStatus, e.g. "Awaiting Copyright Clearance"
  updatedAt?: string;
  dueAt?: string;
}

export interface Fine {
  amount: number; // in the library's currency, e.g. 2.5
  reason: string;
  title?: string;
  createdAt?: string;
}

export interface EarlierHandoff {
  id: string;
  state: string;
  department: string;
  summary: string;
  createdAt: string;
}

export interface EarlierTicket {
  id: string;
  subject: string;
  status: string;
  createdAt: string;
}

/** The full, unredacted context. Each list is present when its source answered. */
export interface PatronContext {
  identity: PatronIdentity;
  standing: {
    blocks: PatronBlock[];
    fines: Fine[];
    currency: string; // ISO 4217, e.g. "USD"
  };
  loans: Loan[];
  holds: HoldOrRequest[];
  illRequests: IllRequest[];
  handoffs: EarlierHandoff[];
  tickets: EarlierTicket[];
  /** Sources that did not answer, named so staff know what is missing (e.g. "ILLiad: timed out"). */
  missing: { source: string; reason: string }[];
}
