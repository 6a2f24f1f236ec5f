import * as z from 'zod';

/**
 * An id a library writes in its policy file and staff type in Slack ("special-collections",
 * "off-campus-access"): lowercase letters and digits joined by single hyphens, so it reads the
 * same in a URL, a Slack command and a log line.
 */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not an id; use lowercase letters, digits and hyphens, e.g. "special-collections"');
