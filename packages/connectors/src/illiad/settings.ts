/** The `connectors.systems.illiad` settings: the Web Platform's address and the variable holding its API key. */
import { z } from 'zod';
import { baseUrl, environmentVariable, timeoutMs } from '../settings.js';

export const illiadSettingsSchema = z.strictObject({
  type: z.literal('illiad'),
  /** The Web Platform's address, e.g. https://illiad.example.edu/ILLiadWebPlatform. */
  base_url: baseUrl,
  /** Variable holding the key made for Liaison in the Customization Manager (WebPlatformConfig). */
  api_key_env: environmentVariable,
  /**
   * Which field of the ILS record finds the patron's ILLiad user: `username` (ILLiad's UserName,
   * the usual choice with single sign-on), `barcode` (ILLiad's ExternalUserId) or `email` (for
   * sites whose ILLiad usernames are e-mail addresses).
   */
  match_by: z.enum(['username', 'barcode', 'email']).default('username'),
  timeout_ms: timeoutMs,
});

export type IlliadSettings = z.output<typeof illiadSettingsSchema>;
