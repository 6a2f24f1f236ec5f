/**
 * The sidebar's words in English, Spanish and French, from the same `translations/*.json` files
 * Zendesk reads for the app's name and settings labels (their `sidebar` section).
 */
import en from '../app/translations/en.json' with { type: 'json' };
import es from '../app/translations/es.json' with { type: 'json' };
import fr from '../app/translations/fr.json' with { type: 'json' };

export type Messages = (typeof en)['sidebar'];
export type MessageKey = Exclude<keyof Messages, 'state'>;

export const supportedLocales = ['en', 'es', 'fr'] as const;
export type Locale = (typeof supportedLocales)[number];

const catalogues: Record<Locale, Messages> = { en: en.sidebar, es: es.sidebar, fr: fr.sidebar };

/** The supported locale for a Zendesk locale such as "es-419" or "fr-ca"; English otherwise. */
export function localeFor(zendeskLocale: string | undefined): Locale {
  const language = (zendeskLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return (supportedLocales as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}

export interface Translator {
  locale: Locale;
  /** The message for `key` with each `{{name}}` replaced by `values.name`. */
  (key: MessageKey, values?: Record<string, string | number>): string;
  /** A hand-off state in words ("waiting on the patron"); the state's own name when unknown. */
  state(state: string): string;
}

/** A translator for `locale`; keys missing in a language fall back to English. */
export function translator(locale: Locale): Translator {
  const messages = catalogues[locale];
  const translate = ((key: MessageKey, values: Record<string, string | number> = {}) => {
    const template = (messages[key] as string | undefined) ?? en.sidebar[key];
    return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }) as Translator;
  translate.locale = locale;
  translate.state = (state) => (messages.state as Record<string, string>)[state] ?? state;
  return translate;
}
