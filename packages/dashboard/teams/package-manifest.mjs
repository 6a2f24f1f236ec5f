// The Teams manifest for one hub: its domain in every address, and the app registration's client id.
const placeholderDomain = 'liaison.example.edu';
const placeholderClientId = '00000000-0000-4000-8000-000000000000';
// A host name: labels of letters, digits and inner hyphens, with a dot; no scheme, path or port.
const hostName = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Fills `template` in for `hubDomain` and `clientId`; `{ ok: false, error }` naming what is wrong
 * and how to write it when either is missing or malformed.
 */
export function teamsPackageManifest(template, { hubDomain, clientId }) {
  if (!hubDomain) return { ok: false, error: 'name the hub\'s domain: --hub-domain=liaison.library.edu' };
  if (!hostName.test(hubDomain)) {
    return { ok: false, error: `"${hubDomain}" is not a domain name; write the host alone, e.g. --hub-domain=liaison.library.edu (no https://, path or port)` };
  }
  if (!clientId) return { ok: false, error: 'name the Entra ID app registration: --client-id=<its Application (client) ID>' };
  if (!guid.test(clientId)) return { ok: false, error: `"${clientId}" is not an Application (client) ID; copy the GUID from the app registration's Overview page` };
  const text = JSON.stringify(template).replaceAll(placeholderDomain, hubDomain.toLowerCase()).replaceAll(placeholderClientId, clientId.toLowerCase());
  return { ok: true, manifest: JSON.parse(text) };
}
