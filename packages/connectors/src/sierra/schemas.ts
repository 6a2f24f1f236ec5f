/**
 * Sierra REST API v6 answers (Innovative's documentation): a token from /v6/token, a patron
 * record from /v6/patrons/find, and `{ total, entries }` lists for checkouts, holds and fines,
 * where linked records are URLs ("…/v6/items/1234567"); bibs and items listed by id.
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? undefined);

export const sierraTokenSchema = z.object({ access_token: z.string(), token_type: z.string(), expires_in: z.number() });

export const sierraPatronSchema = z.object({
  id: z.number(),
  names: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  barcodes: z.array(z.string()).optional(),
  patronType: z.number().optional(),
  expirationDate: text,
  /** The manual block (MBLOCK); "-" is none. */
  blockInfo: z.object({ code: z.string() }).optional(),
  /** The block Sierra sets itself when the patron reaches a limit of their patron type; "-" is none. */
  autoBlockInfo: z.object({ code: z.string() }).optional(),
  moneyOwed: z.number().optional(),
});
export type SierraPatron = z.output<typeof sierraPatronSchema>;

export const sierraCheckoutsSchema = z.object({
  total: z.number(),
  entries: z.array(z.object({ id: z.string(), item: z.string(), dueDate: z.string(), numberOfRenewals: z.number().optional(), barcode: text })),
});

export const sierraHoldsSchema = z.object({
  total: z.number(),
  entries: z.array(
    z.object({
      id: z.string(),
      record: z.string(),
      recordType: text,
      placed: text,
      notNeededAfterDate: text,
      pickupLocation: z.object({ code: z.string(), name: z.string() }).optional(),
      status: z.object({ code: z.string(), name: z.string() }).optional(),
    }),
  ),
});

export const sierraFinesSchema = z.object({
  total: z.number(),
  entries: z.array(
    z.object({
      id: z.string(),
      assessedDate: text,
      itemCharge: z.number().default(0),
      processingFee: z.number().default(0),
      billingFee: z.number().default(0),
      paidAmount: z.number().default(0),
      chargeType: z.object({ code: z.string(), display: z.string() }).optional(),
      description: text,
    }),
  ),
});

export const sierraItemsSchema = z.object({ total: z.number(), entries: z.array(z.object({ id: z.string(), bibIds: z.array(z.string()).optional() })) });
export const sierraBibsSchema = z.object({ total: z.number(), entries: z.array(z.object({ id: z.string(), title: text, author: text })) });
