/**
 * React glue for the typed catalogues in shared/i18n: the language follows the setting (or the
 * system), and numbers, dates and durations are formatted with `Intl` for the same locale.
 */
import { useMemo } from 'react';
import { resolveLanguage, translate, type MessageKey, type Params, type UiLanguage } from '../shared/i18n/translate';
import { formatDuration, formatMoney, formatPercent, formatResetClock, formatTokens } from '../shared/format';
import type { Language } from '../shared/settings';
import { useHeadroom } from './store-context';

export interface I18n {
  language: UiLanguage;
  locale: string;
  t(key: MessageKey, params?: Params): string;
  duration(ms: number): string;
  clock(at: number, now: number): string;
  percent(value: number): string;
  money(amount: number, currency: string): string;
  tokens(n: number): string;
}

function systemLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function makeI18n(setting: Language, locales: readonly string[] = systemLocales()): I18n {
  const { language, locale } = resolveLanguage(setting, locales);
  return {
    language,
    locale,
    t: (key, params) => translate(language, locale, key, params),
    duration: (ms) => formatDuration(ms, locale),
    clock: (at, now) => formatResetClock(at, now, { locale }),
    percent: (value) => formatPercent(value, locale),
    money: (amount, currency) => formatMoney(amount, currency, locale),
    tokens: (n) => formatTokens(n, locale),
  };
}

export function useI18n(): I18n {
  const setting = useHeadroom((s) => s.app?.settings.language ?? 'system');
  return useMemo(() => makeI18n(setting), [setting]);
}
