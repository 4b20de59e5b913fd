/**
 * Looks messages up in a catalogue and fills in "{name}" placeholders. Plural messages are pairs of keys
 * "base.one" / "base.other", chosen with the language's plural rules (French says "0 échantillon", English
 * "0 samples"). Pure: the React hook binds a translator to the chosen language.
 */
import { formatCount } from '../format/format-values.js';
import { en } from './en.js';
import type { Catalogue, MessageKey } from './en.js';
import { fr } from './fr.js';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

export const catalogues: Record<Language, Catalogue> = { en, fr };

export type MessageParams = Record<string, string | number>;

/** Keys that have ".one" and ".other" forms, without the suffix. */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never }[MessageKey];

export interface Translator {
  (key: MessageKey, params?: MessageParams): string;
  /** The plural form for `count`; {count} is filled in (formatted) along with the other params. */
  plural(base: PluralBase, count: number, params?: MessageParams): string;
  readonly language: Language;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? formatCount(value) : value;
  });
}

export function createTranslator(language: Language): Translator {
  const catalogue = catalogues[language];
  const rules = new Intl.PluralRules(language);
  const t = ((key: MessageKey, params?: MessageParams) => fill(catalogue[key] ?? en[key] ?? key, params)) as Translator;
  t.plural = (base, count, params) => {
    const form = rules.select(count) === 'one' ? 'one' : 'other';
    return t(`${base}.${form}` as MessageKey, { ...params, count });
  };
  Object.defineProperty(t, 'language', { value: language });
  return t;
}

/** The English translator: the default of pure helpers, so their tests read in English. */
export const englishT = createTranslator('en');
