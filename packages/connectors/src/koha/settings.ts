/** The `connectors.systems.koha` settings: the staff REST API's address and how Liaison signs in. */
import { z } from 'zod';
import { baseUrl, environmentVariable, matchField, timeoutMs } from '../settings.js';

export const kohaSettingsSchema = z
  .strictObject({
    type: z.literal('koha'),
    /** The staff interface's address, e.g. https://staff.library.example.edu (the API is under /api/v1). */
    base_url: baseUrl,
    /** `oauth`: client credentials (RESTOAuth2ClientCredentials); `basic`: a staff user's login (RESTBasicAuth). */
    auth: z.enum(['oauth', 'basic']).default('oauth'),
    client_id_env: environmentVariable.optional(),
    client_secret_env: environmentVariable.optional(),
    username_env: environmentVariable.optional(),
    password_env: environmentVariable.optional(),
    /** ISO 4217 code of the library's fines. */
    currency: z.string().trim().length(3, 'is not a three-letter currency code, e.g. "USD"').toUpperCase().default('USD'),
    /**
     * Names staff know for Koha's patron category codes, e.g. { FAC: Faculty }, so routing rules
     * written with "Faculty" match a patron in category FAC. A code not listed is used as it is.
     */
    patron_types: z.record(z.string(), z.string()).default({}),
    /** Whether to list the patron's ILL requests (Koha's ILL module must be enabled). */
    ill_requests: z.boolean().default(false),
    match_by: matchField.optional(),
    timeout_ms: timeoutMs,
  })
  .superRefine((settings, context) => {
    const needed = settings.auth === 'oauth' ? (['client_id_env', 'client_secret_env'] as const) : (['username_env', 'password_env'] as const);
    for (const field of needed) {
      if (!settings[field]) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message:
            settings.auth === 'oauth'
              ? 'is missing; name the variable holding the API client (or write auth: basic with username_env and password_env)'
              : 'is missing; name the variable holding the staff login for basic authentication',
        });
      }
    }
  });

export type KohaSettings = z.output<typeof kohaSettingsSchema>;

/** The two variables holding this system's secrets, in order (id or username first). */
export function kohaSecretVariables(settings: KohaSettings): [string, string] {
  return settings.auth === 'basic' ? [settings.username_env!, settings.password_env!] : [settings.client_id_env!, settings.client_secret_env!];
}
