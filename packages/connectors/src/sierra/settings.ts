/** The `connectors.systems.sierra` settings: the REST API's address and the variables holding the client key and secret. */
import { z } from 'zod';
import { baseUrl, environmentVariable, matchField, timeoutMs } from '../settings.js';

export const sierraSettingsSchema = z.strictObject({
  type: z.literal('sierra'),
  /** The API's address up to the version, e.g. https://catalog.example.edu/iii/sierra-api. */
  base_url: baseUrl,
  /** Variables holding the API client key and secret made in Sierra's Admin app. */
  client_key_env: environmentVariable,
  client_secret_env: environmentVariable,
  /** The variable-length field tag that holds e-mail addresses in patron records ("z" unless changed). */
  email_field_tag: z.string().trim().length(1, 'is not a one-letter field tag, e.g. "z"').default('z'),
  /** Names staff know for Sierra's numeric patron types, e.g. { "3": "Faculty" }. */
  patron_types: z.record(z.string(), z.string()).default({}),
  currency: z.string().trim().length(3, 'is not a three-letter currency code, e.g. "USD"').toUpperCase().default('USD'),
  match_by: matchField.optional(),
  timeout_ms: timeoutMs,
});

export type SierraSettings = z.output<typeof sierraSettingsSchema>;
