/**
 * What `--hub-domain` may put in the manifest's `domainWhitelist`. Zendesk compares that list with
 * the host of each request the app sends with secure settings, so an entry must be a bare host
 * (`liaison.example.edu`): a pasted address (`https://liaison.example.edu/`) never matches, and
 * the shared secret would silently never be sent. An address is reduced to its host; what cannot
 * be a host is refused with the reason.
 */
export type HubDomainResult = { ok: true; host: string; note?: string } | { ok: false; reason: string };

const hostname = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function readHubDomain(given: string): HubDomainResult {
  const text = given.trim();
  if (text === '') return { ok: false, reason: 'it is empty; give the hub\'s host, e.g. --hub-domain=liaison.example.edu' };
  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(looksLikeUrl ? text : `https://${text}`);
  } catch {
    return { ok: false, reason: `"${text}" is neither a host nor an address; give the hub's host, e.g. --hub-domain=liaison.example.edu` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${text}" is a ${url.protocol} address; Zendesk's proxy reaches the hub over https, so give its host, e.g. --hub-domain=liaison.example.edu` };
  }
  if (url.username || url.password) return { ok: false, reason: 'the address carries a user name or password; give only the hub\'s host' };
  const host = url.hostname.toLowerCase();
  if (!hostname.test(host)) return { ok: false, reason: `"${host}" is not a host name Zendesk can reach; give the hub's public host, e.g. liaison.example.edu` };
  if (host === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    return { ok: false, reason: `"${host}" cannot be reached from Zendesk's servers; give the hub's public host name (Zendesk's proxy calls the hub from the internet)` };
  }
  const dropped = [url.port && `port ${url.port}`, url.pathname !== '/' && `path ${url.pathname}`, url.search && 'query', url.hash && 'fragment'].filter(Boolean);
  const changed = host !== text.toLowerCase();
  return { ok: true, host, ...(changed && { note: `--hub-domain "${text}" reduced to its host "${host}"${dropped.length > 0 ? ` (${dropped.join(', ')} left out: Zendesk matches hosts only)` : ''}` }) };
}
