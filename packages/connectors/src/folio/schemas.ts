/**
 * FOLIO's answers, as documented by mod-users, mod-circulation, mod-feesfines, mod-patron-blocks,
 * mod-login and mod-search. Only the fields Liaison reads are named; the rest pass unread.
 */
import { z } from 'zod';

const optionalText = z.string().nullish().transform((text) => text ?? undefined);

/** POST /authn/login-with-expiry: the tokens come as cookies; the body says when they expire. */
export const loginWithExpirySchema = z.object({
  accessTokenExpiration: z.string().optional(),
  refreshTokenExpiration: z.string().optional(),
});

export const folioUserSchema = z.object({
  id: z.string(),
  username: optionalText,
  barcode: optionalText,
  active: z.boolean().optional(),
  patronGroup: optionalText,
  /** Ids of the user's departments (mod-users /departments). */
  departments: z.array(z.string()).optional(),
  expirationDate: optionalText,
  personal: z
    .object({
      lastName: z.string(),
      firstName: optionalText,
      preferredFirstName: optionalText,
      email: optionalText,
    })
    .optional(),
});
export type FolioUser = z.output<typeof folioUserSchema>;

/** GET /users?query=… */
export const usersSchema = z.object({ users: z.array(folioUserSchema), totalRecords: z.number() });

/** GET /groups/{id} */
export const groupSchema = z.object({ id: z.string(), group: z.string(), desc: optionalText });

/** GET /departments?query=… (mod-users) */
export const departmentsSchema = z.object({
  departments: z.array(z.object({ id: z.string(), name: z.string(), code: optionalText })),
  totalRecords: z.number(),
});

/** GET /circulation/loans?query=… */
export const loansSchema = z.object({
  loans: z.array(
    z.object({
      id: z.string(),
      dueDate: z.string(),
      renewalCount: z.number().optional(),
      item: z
        .object({
          title: optionalText,
          barcode: optionalText,
          contributors: z.array(z.object({ name: z.string() })).optional(),
        })
        .optional(),
    }),
  ),
  totalRecords: z.number(),
});

/** GET /circulation/requests?query=… */
export const requestsSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      requestType: optionalText,
      status: z.string(),
      requestDate: optionalText,
      requestExpirationDate: optionalText,
      holdShelfExpirationDate: optionalText,
      instance: z.object({ title: optionalText }).optional(),
      /** mod-circulation's copy of the item holds only its barcode. */
      item: z.object({ barcode: optionalText }).optional(),
      pickupServicePoint: z.object({ name: optionalText }).optional(),
    }),
  ),
  totalRecords: z.number(),
});

/** GET /accounts?query=… (fees and fines) */
export const accountsSchema = z.object({
  accounts: z.array(
    z.object({
      id: z.string(),
      amount: z.number(),
      remaining: z.number(),
      feeFineType: optionalText,
      title: optionalText,
      metadata: z.object({ createdDate: optionalText }).optional(),
    }),
  ),
  totalRecords: z.number(),
});

/** GET /manualblocks?query=… */
export const manualBlocksSchema = z.object({
  manualblocks: z.array(
    z.object({
      id: z.string(),
      desc: optionalText,
      patronMessage: optionalText,
      expirationDate: optionalText,
      borrowing: z.boolean().optional(),
      renewals: z.boolean().optional(),
      requests: z.boolean().optional(),
    }),
  ),
  totalRecords: z.number(),
});

/** GET /automated-patron-blocks/{userId} */
export const automatedBlocksSchema = z.object({
  automatedPatronBlocks: z.array(
    z.object({
      patronBlockConditionId: optionalText,
      blockBorrowing: z.boolean().optional(),
      blockRenewals: z.boolean().optional(),
      blockRequests: z.boolean().optional(),
      message: optionalText,
    }),
  ),
});

/** GET /search/instances?query=… (mod-search) */
export const instancesSchema = z.object({
  totalRecords: z.number(),
  instances: z.array(z.object({ id: z.string(), title: optionalText })).optional(),
});
