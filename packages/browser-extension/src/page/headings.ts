/**
 * The words request systems head their columns and label their fields with, in the staff
 * interface languages the libraries we serve use (English, French, German, Spanish), compared
 * lower-case and without a trailing colon. Where a word comes from a system's own translation
 * file it says which; the others are the usual library words in that language, for the
 * libraries that translate or relabel their pages themselves.
 */

/** An exact, case-blind match of any of the words (already lower case). */
export function anyOf(...words: string[]): RegExp {
  return new RegExp(`^(?:${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

export const requestNumberWords = {
  // Koha ill-list-table.inc "Request ID"; ui-rs en.json patronrequests.id "Request Id", information.hrid "Request ID".
  en: ['request id', 'request number', 'request no.', 'request #', 'ill number', 'transaction number', 'tn'],
  // ui-rs de.json patronrequests.id and information.hrid: "FL-Nummer" (Fernleihnummer).
  de: ['fl-nummer', 'fernleihnummer', 'bestellnummer', 'anfrage-id', 'auftragsnummer', 'id der anfrage'],
  fr: ['id de la demande', 'identifiant de la demande', 'n° de demande', 'numéro de demande', 'no de demande', 'demande n°'],
  es: ['id de la solicitud', 'id de solicitud', 'n.º de solicitud', 'número de solicitud', 'nº de solicitud', 'id del pedido'],
};

export const titleWords = {
  en: ['title'],
  de: ['titel'], // ui-rs de.json patronrequests.title, information.title
  fr: ['titre'],
  es: ['título', 'titulo'],
};

export const authorWords = {
  en: ['author'],
  de: ['autor', 'verfasser', 'mitwirkende'], // "Mitwirkende": ui-rs de.json information.author
  fr: ['auteur'],
  es: ['autor'],
};

export const isbnWords = {
  en: ['isbn', 'issn', 'isbn/issn', 'issn/isbn'],
  de: [],
  fr: [],
  es: [],
};

export const requestTypeWords = {
  // Koha "Request type"; ui-rs patronrequests.serviceType "Type" (de "Typ").
  en: ['request type', 'type', 'service type'],
  de: ['typ', 'art', 'bestellart', 'medientyp'],
  fr: ['type', 'type de demande'],
  es: ['tipo', 'tipo de solicitud'],
};

export const yearWords = {
  en: ['year', 'date', 'publication date', 'date of publication'],
  de: ['jahr', 'erscheinungsjahr'], // ui-rs de.json information.date
  fr: ['année', 'date de publication'],
  es: ['año', 'fecha de publicación'],
};

/** Every language's words of one field, as one pattern. */
export function inEveryLanguage(words: Record<string, string[]>): RegExp {
  return anyOf(...Object.values(words).flat());
}

export const requestNumberHeading = inEveryLanguage(requestNumberWords);
export const titleHeading = inEveryLanguage(titleWords);
export const authorHeading = inEveryLanguage(authorWords);
export const isbnHeading = inEveryLanguage(isbnWords);
export const requestTypeHeading = inEveryLanguage(requestTypeWords);
export const yearHeading = inEveryLanguage(yearWords);
