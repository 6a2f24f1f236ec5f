/**
 * Alma's answers (Ex Libris Developer Network, Users API, JSON): a user list
 * (`{ user: [...], total_record_count }`, with no `user` at all when nothing matched), a user
 * record with contact info, identifiers and blocks, and the user's loans (`item_loan`),
 * requests (`user_request`) and fees (`fee`, with `total_sum` and `currency`). Code-and-description
 * fields come as `{ value, desc }`.
 */
import { z } from 'zod';

const text = z.string().nullish().transform((value) => value ?? undefined);
const coded = z.object({ value: z.string(), desc: text }).nullish().transform((value) => value ?? undefined);

export const almaUserListSchema = z.object({
  user: z.array(z.object({ primary_id: z.string() })).optional(),
  total_record_count: z.number(),
});

export const almaUserSchema = z.object({
  primary_id: z.string(),
  first_name: text,
  last_name: text,
  full_name: text,
  user_group: coded,
  expiry_date: text,
  status: coded,
  contact_info: z
    .object({ email: z.array(z.object({ email_address: z.string(), preferred: z.boolean().optional() })).optional() })
    .optional(),
  user_identifier: z.array(z.object({ id_type: coded, value: z.string(), status: text })).optional(),
  user_block: z
    .array(
      z.object({
        block_type: coded,
        block_description: coded,
        block_status: text,
        block_note: text,
        expiry_date: text,
        created_by: text,
      }),
    )
    .optional(),
});
export type AlmaUser = z.output<typeof almaUserSchema>;

export const almaLoansSchema = z.object({
  item_loan: z
    .array(
      z.object({
        loan_id: z.string(),
        title: text,
        author: text,
        item_barcode: text,
        due_date: z.string(),
        loan_status: text,
      }),
    )
    .optional(),
  total_record_count: z.number(),
});

export const almaRequestsSchema = z.object({
  user_request: z
    .array(
      z.object({
        request_id: z.string(),
        request_type: text,
        title: text,
        request_status: text,
        request_date: text,
        pickup_location: text,
        expiry_date: text,
      }),
    )
    .optional(),
  total_record_count: z.number(),
});

export const almaFeesSchema = z.object({
  fee: z
    .array(
      z.object({
        id: z.string(),
        type: coded,
        status: coded,
        balance: z.number(),
        title: text,
        creation_time: text,
        comment: text,
      }),
    )
    .optional(),
  total_record_count: z.number(),
  total_sum: z.number().optional(),
  currency: text,
});
