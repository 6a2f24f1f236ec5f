import { z } from 'zod';

/** `?weeks=N` of a report: how many weeks back from now it covers (1 to a year). */
export const reportPeriodQuery = z
  .object({ weeks: z.coerce.number().int().min(1, 'weeks must be at least 1').max(53, 'weeks can be at most 53 (a year)').optional() })
  .strict();
