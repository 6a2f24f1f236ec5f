/**
 * What the library sets on the options page, kept in `chrome.storage.local` under one key:
 * the hub's address, a staff token, which request systems run on which sites, and the sites
 * where staff paused badges. Read once per page; stored values are parsed, never trusted.
 */
import { siteIds, type SiteId } from './sites/site.js';

export interface SiteSetting {
  system: SiteId;
  /** The staff site's origin, e.g. "https://illiad.library.edu" (scheme, host and port). */
  origin: string;
}

/**
 * A request list staff taught the extension on a site it does not know (ILLiad, Tipasa and Alma
 * pages are customised per library): the headings of its columns as the page shows them. Kept
 * per site; on that site it is used instead of the built-in adapters.
 */
export interface TaughtPage {
  origin: string;
  /** The heading of the column with the request numbers, e.g. "TN" or "Request #". */
  numberHeading: string;
  titleHeading?: string;
  isbnHeading?: string;
}

export interface Settings {
  /** The hub's base URL, e.g. "https://liaison.library.edu"; empty when the library runs without one. */
  hubUrl: string;
  /** A staff token from `liaison token create` ("lsn_…"). */
  token: string;
  sites: SiteSetting[];
  /** Origins where staff switched badges off from the toolbar popup. */
  pausedOrigins: string[];
  /** Request lists staff taught on the options page, one per site. */
  taughtPages: TaughtPage[];
}

export const settingsKey = 'settings';

export const emptySettings: Settings = { hubUrl: '', token: '', sites: [], pausedOrigins: [], taughtPages: [] };

/** The longest column heading kept (a heading is a few words; anything longer is not one). */
const longestHeading = 120;

/** The origin of a URL a person typed ("illiad.library.edu/" → "https://illiad.library.edu"), or null. */
export function originOf(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The host-permission match pattern of an origin: match patterns carry no port, so it is dropped. */
export function matchPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Settings from whatever storage holds: unknown keys dropped, bad entries left out, defaults filled. */
export function parseSettings(stored: unknown): Settings {
  if (typeof stored !== 'object' || stored === null) return { ...emptySettings, sites: [], pausedOrigins: [], taughtPages: [] };
  const value = stored as Record<string, unknown>;
  const sites: SiteSetting[] = [];
  if (Array.isArray(value.sites)) {
    for (const entry of value.sites as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { system, origin } = entry as Record<string, unknown>;
      const parsedOrigin = isString(origin) ? originOf(origin) : null;
      if (isString(system) && (siteIds as readonly string[]).includes(system) && parsedOrigin) sites.push({ system: system as SiteId, origin: parsedOrigin });
    }
  }
  const hubUrl = isString(value.hubUrl) ? value.hubUrl.trim().replace(/\/+$/, '') : '';
  return {
    hubUrl: hubUrl && originOf(hubUrl) ? hubUrl : '',
    token: isString(value.token) ? value.token.trim() : '',
    sites,
    pausedOrigins: Array.isArray(value.pausedOrigins) ? (value.pausedOrigins as unknown[]).filter(isString) : [],
    taughtPages: parseTaughtPages(value.taughtPages),
  };
}

/** A heading as stored: white space made single, trimmed; empty or overlong ones are no heading. */
function headingOf(value: unknown): string | undefined {
  if (!isString(value)) return undefined;
  const heading = value.replace(/\s+/g, ' ').trim();
  return heading && heading.length <= longestHeading ? heading : undefined;
}

/** Taught pages from storage: one per origin (the last wins), each with a number heading. */
export function parseTaughtPages(stored: unknown): TaughtPage[] {
  if (!Array.isArray(stored)) return [];
  const byOrigin = new Map<string, TaughtPage>();
  for (const entry of stored as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const fields = entry as Record<string, unknown>;
    const origin = isString(fields.origin) ? originOf(fields.origin) : null;
    const numberHeading = headingOf(fields.numberHeading);
    if (!origin || !numberHeading) continue;
    const titleHeading = headingOf(fields.titleHeading);
    const isbnHeading = headingOf(fields.isbnHeading);
    byOrigin.set(origin, { origin, numberHeading, ...(titleHeading ? { titleHeading } : {}), ...(isbnHeading ? { isbnHeading } : {}) });
  }
  return [...byOrigin.values()];
}

/**
 * Settings with a page staff taught, as the picker sent it from a tab at `senderUrl`: refused
 * unless it parses, comes from a tab of the site it names (another site's page cannot teach it),
 * and that site is one the library turned on (the content script runs nowhere else).
 */
export function withTaughtPage(settings: Settings, page: unknown, senderUrl: string | undefined): { ok: true; settings: Settings; page: TaughtPage } | { ok: false; message: string } {
  const [taught] = parseTaughtPages([page]);
  const senderOrigin = senderUrl ? originOf(senderUrl) : null;
  if (!taught || taught.origin !== senderOrigin) return { ok: false, message: 'Liaison could not read what was taught; start again from the options page.' };
  if (!settings.sites.some((site) => site.origin === taught.origin)) {
    return { ok: false, message: `${taught.origin} is not among the sites Liaison badges; add it on the options page first.` };
  }
  return { ok: true, page: taught, settings: { ...settings, taughtPages: [...settings.taughtPages.filter((known) => known.origin !== taught.origin), taught] } };
}

/** The stored settings. */
export async function readSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(settingsKey);
  return parseSettings(stored[settingsKey]);
}

export async function writeSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [settingsKey]: settings });
}
