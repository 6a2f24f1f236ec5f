/**
 * Reading values off staff pages: cell text by column heading, values by their label. Shared
 * by the site adapters so each one says only what is particular to its system.
 */

/** An element's text with runs of white space made single and the ends trimmed. */
export function textOf(element: Element | null | undefined): string {
  const raw = element?.textContent;
  if (!raw) return '';
  // Most cells hold one clean line; collapse white space only where there is some (500-row pages).
  return hasLooseSpace.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
}

const hasLooseSpace = /\s\s|[\t\n\r\f\u00a0]/;

/** A label as written on a page, compared without case, colons or surrounding space. */
export function labelKey(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[:：]\s*$/, '').trim().toLowerCase();
}

/**
 * The index of the first heading matching each pattern, e.g. `{ number: /^tn$|transaction/ }`
 * → `{ number: 0 }`; patterns with no heading are left out.
 */
export function columnIndexes<K extends string>(headings: Element[], patterns: Record<K, RegExp>): Partial<Record<K, number>> {
  const found: Partial<Record<K, number>> = {};
  const texts = headings.map((heading) => labelKey(textOf(heading)));
  for (const key of Object.keys(patterns) as K[]) {
    const index = texts.findIndex((text) => patterns[key].test(text));
    if (index >= 0) found[key] = index;
  }
  return found;
}

/**
 * Values by label inside a container: each element matching `labelSelector` names the value
 * in its next element sibling (`<dt>`/`<dd>`, label/value `<div>`s), or, when it has none,
 * the rest of its parent's text (Koha's `<li><span class="label">Title:</span> …</li>`).
 */
export function labelledValues(container: ParentNode, labelSelector: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const label of container.querySelectorAll(labelSelector)) {
    const key = labelKey(textOf(label));
    if (!key || values.has(key)) continue;
    let sibling = label.nextElementSibling;
    // A badge we placed beside the value is not the value.
    while (sibling?.classList.contains(ownBadgeClass)) sibling = sibling.nextElementSibling;
    let value: string;
    if (sibling) value = textOf(sibling);
    else {
      const parentText = textOf(label.parentElement);
      value = parentText.slice(textOf(label).length).trim();
    }
    values.set(key, value);
  }
  return values;
}

/** The class of the badges the extension places (content/badge-view.ts), skipped when reading values. */
const ownBadgeClass = 'liaison-badge';

/** The first value whose label matches one of the patterns. */
export function valueFor(values: Map<string, string>, pattern: RegExp): string | undefined {
  for (const [label, value] of values) if (pattern.test(label) && value) return value;
  return undefined;
}

/** "Article" for article-like type words, else "Loan" (ILLiad's two request types). */
export function requestTypeOf(typeText: string | undefined): 'Loan' | 'Article' {
  return typeText && /article|copy|chapter|digiti[sz]ation|journal/i.test(typeText) ? 'Article' : 'Loan';
}

/** Drops empty fields, so the request carries only what the page showed. */
export function withoutEmpty<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined && field !== '') out[key] = field;
  return out as T;
}
