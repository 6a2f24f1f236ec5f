/** The `connectors.systems.alma` settings: the regional API gateway and the variable holding the API key. */
import { z } from 'zod';
import { baseUrl, environmentVariable, matchField, timeoutMs } from '../settings.js';

export const almaSettingsSchema = z.strictObject({
  type: z.literal('alma'),
  /** The Ex Libris API gateway for the library's region; North America unless set. */
  base_url: baseUrl.default('https://api-na.hosted.exlibrisgroup.com'),
  /** Variable holding an API key with read access to Users (and Bibs, for holdings). */
  api_key_env: environmentVariable,
  /** The institution's SRU address, for holdings: https://<domain>.alma.exlibrisgroup.com/view/sru/<INSTITUTION_CODE>. */
  sru_url: baseUrl.optional(),
  match_by: matchField.optional(),
  timeout_ms: timeoutMs,
});

export type AlmaSettings = z.output<typeof almaSettingsSchema>;
