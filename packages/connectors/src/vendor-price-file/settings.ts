/** The `connectors.systems.<name>` settings of a vendor price file: where the CSV is and whose it is. */
import { z } from 'zod';

export const vendorPriceFileSettingsSchema = z.strictObject({
  type: z.literal('vendor-price-file'),
  /** The CSV exported from the library's book vendor; a relative path is read from the policy file's folder. */
  path: z.string().trim().min(1, 'is empty; write the path of the CSV, e.g. "prices/gobi.csv"'),
  /** The vendor's name as staff know it, shown with every price, e.g. "GOBI". */
  vendor: z.string().trim().min(1).default('vendor'),
  /** ISO 4217 code for rows without a currency column. */
  currency: z.string().trim().length(3, 'is not a three-letter currency code, e.g. "USD"').toUpperCase().default('USD'),
});

export type VendorPriceFileSettings = z.output<typeof vendorPriceFileSettingsSchema>;
