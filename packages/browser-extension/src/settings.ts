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

export interface Settings {
  /** The hub's base URL, e.g. "https://liaison.library.edu"; empty when the library runs without one. */
  hubUrl: string;
  /** A staff token from `liaison token create` ("lsn_…"). */
  token: string;
  sites: SiteSetting[];
  /** Origins where staff switched badges off from the toolbar popup. */
  pausedOrigins: string[];
}

export const settingsKey = 'settings';

export const emptySettings: Settings = { hubUrl: '', token: '', sites: [], pausedOrigins: [] };

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
  if (typeof stored !== 'object' || stored === null) return { ...emptySettings, sites: [], pausedOrigins: [] };
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
  };
}

/** The stored settings. */
export async function readSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(settingsKey);
  return parseSettings(stored[settingsKey]);
}

export async function writeSettings(settings: Settings): Promise<void> {
  await chrome.storage.local.set({ [settingsKey]: settings });
}
