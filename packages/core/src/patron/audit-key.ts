/**
 * The one key under which the audit log files every view of a patron, so "who looked at me?"
 * finds all of them: the patron's e-mail in lower case (as typed, `AMARA.OKAFOR@…` and
 * `amara.okafor@…` are one person), else their barcode as the library prints it. A look-up by
 * barcode that finds the patron's e-mail is filed under the e-mail, so the two never split.
 */
export function patronAuditKey(patron: { email?: string | undefined; barcode?: string | undefined }): string | null {
  const email = patron.email?.trim().toLowerCase();
  if (email) return email;
  const barcode = patron.barcode?.trim();
  return barcode ? barcode : null;
}

/**
 * Every key a patron's views may be filed under: the e-mail key and, for views recorded where
 * only the barcode was known (a hand-off that names the barcode alone), the barcode.
 */
export function patronAuditKeys(patron: { email?: string | undefined; barcode?: string | undefined }): string[] {
  const keys = [patronAuditKey({ email: patron.email }), patronAuditKey({ barcode: patron.barcode })].filter((key): key is string => key !== null);
  return [...new Set(keys)];
}
