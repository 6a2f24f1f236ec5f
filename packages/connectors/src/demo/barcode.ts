/**
 * 14-digit library barcodes in the Codabar style most ILSs print: a type digit (2 for a patron,
 * 3 for an item), a four-digit institution code, an eight-digit number and a mod-10 check digit.
 */

/** Northfield's institution code in its barcodes. */
export const institutionCode = '1234';

/** The mod-10 check digit of the first 13 digits: odd positions doubled (less 9 when over 9), all summed. */
export function barcodeCheckDigit(first13: string): string {
  let sum = 0;
  for (let index = 0; index < 13; index += 1) {
    const digit = Number(first13[index]);
    if (index % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return String((10 - (sum % 10)) % 10);
}

/** The barcode of patron (`kind` 'patron') or item number `sequence` (0–99,999,999). */
export function libraryBarcode(kind: 'patron' | 'item', sequence: number): string {
  const first13 = `${kind === 'patron' ? '2' : '3'}${institutionCode}${String(sequence).padStart(8, '0')}`;
  return first13 + barcodeCheckDigit(first13);
}
