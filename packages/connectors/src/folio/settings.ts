/** The `connectors.systems.folio` settings: where Okapi (or the Kong gateway) is, the tenant, and which variables hold the login. */
import { z } from 'zod';
import { baseUrl, environmentVariable, matchField, timeoutMs } from '../settings.js';

export const folioSettingsSchema = z.strictObject({
  type: z.literal('folio'),
  /** Okapi's address, e.g. https://okapi.example.edu. */
  base_url: baseUrl,
  /** The library's tenant id, sent as X-Okapi-Tenant. */
  tenant: z.string().trim().min(1, 'is empty; write the tenant id, e.g. "diku"'),
  /** Variables holding the FOLIO user Liaison logs in as (it needs read permissions only). */
  username_env: environmentVariable,
  password_env: environmentVariable,
  /** ISO 4217 code of the fines (FOLIO keeps the currency in tenant settings, not on each fee). */
  currency: z.string().trim().length(3, 'is not a three-letter currency code, e.g. "USD"').toUpperCase().default('USD'),
  /** When FOLIO is a second patron source: which field of the first one's record to look it up by. */
  match_by: matchField.optional(),
  timeout_ms: timeoutMs,
});

export type FolioSettings = z.output<typeof folioSettingsSchema>;
