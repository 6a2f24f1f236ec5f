/**
 * Koha's REST API v1 answers (api.koha-community.org): lists are bare JSON arrays paged with
 * `_page`/`_per_page`; embedded objects come when asked with `x-koha-embed`. Dates are ISO.
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? undefined);

/** POST /api/v1/oauth/token */
export const kohaTokenSchema = z.object({ access_token: z.string(), token_type: z.string(), expires_in: z.number() });

export const kohaPatronSchema = z.object({
  patron_id: z.number(),
  cardnumber: text,
  userid: text,
  firstname: text,
  preferred_name: text,
  surname: text,
  email: text,
  category_id: z.string(),
  expiry_date: text,
  restricted: z.boolean().optional(),
});
export const kohaPatronsSchema = z.array(kohaPatronSchema);

const biblio = z.object({ title: text, author: text }).nullish();

export const kohaCheckoutsSchema = z.array(
  z.object({
    checkout_id: z.number(),
    due_date: z.string(),
    renewals_count: z.number().nullish(),
    item: z.object({ external_id: text, biblio }).nullish(),
  }),
);

export const kohaHoldsSchema = z.array(
  z.object({
    hold_id: z.number(),
    hold_date: text,
    expiration_date: text,
    /** null (waiting its turn), "W" (waiting for pickup), "T" (in transit), "P" (being processed). */
    status: text,
    pickup_library_id: text,
    biblio_id: z.number(),
  }),
);

/** GET /api/v1/biblios with Accept: application/json */
export const kohaBibliosSchema = z.array(z.object({ biblio_id: z.number(), title: text, author: text }));

export const kohaAccountSchema = z.object({
  balance: z.number(),
  outstanding_debits: z.object({
    total: z.number(),
    lines: z.array(z.object({ account_line_id: z.number(), amount_outstanding: z.number(), description: text, debit_type: text, date: text })),
  }),
});

export const kohaIllRequestsSchema = z.array(
  z.object({
    ill_request_id: z.number(),
    status: z.string(),
    medium: text,
    requested_date: text,
    timestamp: text,
    due_date: text,
    extended_attributes: z.array(z.object({ type: z.string(), value: z.string().nullable() })).optional(),
    biblio,
  }),
);
