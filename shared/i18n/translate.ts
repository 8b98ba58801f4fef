/**
 * Message lookup, interpolation and plural choice for the renderer's catalogues. Pure: the
 * language and the catalogues are passed in, so tray code and tests can use it too.
 */
import { en, type MessageKey } from './en';
import { fr } from './fr';
import type { CatalogueOf, Message, Params, PluralMessage } from './types';

export type UiLanguage = 'en' | 'fr';
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'fr'];

export const CATALOGUES: Record<UiLanguage, CatalogueOf<typeof en>> = { en, fr };

const PLACEHOLDER = /\{(\w+)\}/g;

function interpolate(template: string, params: Params | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params?.[name];
    // A forgotten parameter shows as the placeholder, which tests catch, rather than "undefined".
    return value === undefined ? whole : String(value);
  });
}

function pluralForm(message: PluralMessage, locale: string, count: number): string {
  const category = new Intl.PluralRules(locale).select(count);
  if (category === 'one') return message.one;
  if (category === 'many' && message.many !== undefined) return message.many;
  if (category === 'zero' && message.zero !== undefined) return message.zero;
  return message.other;
}

export function translate(language: UiLanguage, locale: string, key: MessageKey, params?: Params): string {
  const message: Message = CATALOGUES[language][key] ?? en[key];
  if (typeof message === 'string') return interpolate(message, params);
  const count = typeof params?.['count'] === 'number' ? params['count'] : Number(params?.['count'] ?? 0);
  const form = pluralForm(message, locale, count);
  // The count shows formatted for the locale ("1 234"), while the plural rule used the raw number.
  const shown = { ...params, count: new Intl.NumberFormat(locale).format(count) };
  return interpolate(form, shown);
}

/** Placeholder names a message uses, across all its plural forms. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message).filter((v): v is string => typeof v === 'string');
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names].sort();
}

/**
 * The UI language for a setting and the system's preferred languages, and the locale to format
 * numbers and dates with (the system's regional variant when it matches, e.g. fr-CA).
 */
export function resolveLanguage(
  setting: 'system' | UiLanguage,
  systemLocales: readonly string[],
): { language: UiLanguage; locale: string } {
  const base = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';
  let language: UiLanguage;
  if (setting !== 'system') language = setting;
  else {
    const match = systemLocales.map(base).find((b): b is UiLanguage => (UI_LANGUAGES as readonly string[]).includes(b));
    language = match ?? 'en';
  }
  const regional = systemLocales.find((tag) => base(tag) === language);
  let locale: string = language;
  if (regional !== undefined) {
    try {
      locale = Intl.getCanonicalLocales(regional)[0] ?? language;
    } catch {
      locale = language;
    }
  }
  return { language, locale };
}

export type { MessageKey } from './en';
export type { Message, Params, PluralMessage, CatalogueOf } from './types';
