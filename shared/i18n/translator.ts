/**
 * The one language pipeline: a setting ('system' | 'en' | 'fr') and the system's locales give the
 * catalogue and the locale every surface formats with. The tray, notifications, CLI text and the
 * popover all build their words here, so they agree (a de-DE system without a German catalogue
 * gets English words with English units, never a mix).
 */
import { formatDuration, formatMoney, formatPercent, formatResetClock, formatTokens } from '../format';
import { resolveLanguage, translate, type MessageKey, type Params, type UiLanguage } from './translate';

export type LanguageSetting = 'system' | UiLanguage;

export interface Translator {
  language: UiLanguage;
  /** Intl locale for numbers, dates and durations. */
  locale: string;
  /** IANA zone for clocks; undefined means the system's. */
  timeZone: string | undefined;
  t(key: MessageKey, params?: Params): string;
  duration(ms: number): string;
  clock(at: number, now: number): string;
  percent(value: number): string;
  money(amount: number, currency: string): string;
  tokens(n: number): string;
}

export function makeTranslator(setting: LanguageSetting, systemLocales: readonly string[], timeZone?: string): Translator {
  const { language, locale } = resolveLanguage(setting, systemLocales);
  return {
    language,
    locale,
    timeZone,
    t: (key, params) => translate(language, locale, key, params),
    duration: (ms) => formatDuration(ms, locale),
    clock: (at, now) => formatResetClock(at, now, { locale, timeZone }),
    percent: (value) => formatPercent(value, locale),
    money: (amount, currency) => formatMoney(amount, currency, locale),
    tokens: (n) => formatTokens(n, locale),
  };
}
