/**
 * The contract of a site adapter: one request system's staff pages. An adapter says which
 * URLs it knows (`include`), and finds the borrowing requests on a page — each as core's
 * request shape (ILLiad field names) and the element the badge goes beside. It reads as
 * little as it can (transaction number, title, ISBN); the hub fills the rest.
 */
import type { BorrowingRequest } from '@liaison/core';

export const siteIds = ['illiad', 'tipasa', 'alma', 'reshare', 'koha'] as const;
export type SiteId = (typeof siteIds)[number];

/** Where the badge goes relative to its anchor element. */
export type BadgePlacement = 'append' | 'prepend' | 'after';

/** One borrowing request found on a page, and where its badge goes. */
export interface FoundRequest {
  request: BorrowingRequest;
  anchor: Element;
  placement: BadgePlacement;
}

export interface Site {
  /** A built-in system, or a page staff taught (options page). */
  id: SiteId | 'taught';
  /** The system's name as staff know it. */
  name: string;
  /** URL patterns (tested against path, query and hash) of the pages this adapter reads. */
  include: RegExp[];
  /** The requests on the page; none (never an error) when the markup is not the expected one. */
  findRequests(root: ParentNode): FoundRequest[];
}

/** A built-in system's adapter (one file each in src/sites/). */
export interface SystemSite extends Site {
  id: SiteId;
}

/** Whether a site's URL patterns match a location (path, query and hash; hosts vary by library). */
export function isIncluded(site: Site, location: { pathname: string; search: string; hash: string }): boolean {
  const where = `${location.pathname}${location.search}${location.hash}`;
  return site.include.some((pattern) => pattern.test(where));
}
