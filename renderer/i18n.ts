/**
 * React glue for the shared translator: the language follows the setting (or the system), and
 * numbers, dates and durations are formatted with `Intl` for the same locale.
 */
import { useMemo } from 'react';
import { makeTranslator, type Translator } from '../shared/i18n/translator';
import type { Language } from '../shared/settings';
import { useBrimline } from './store-context';

export type I18n = Translator;

function systemLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function makeI18n(setting: Language, locales: readonly string[] = systemLocales()): I18n {
  return makeTranslator(setting, locales);
}

export function useI18n(): I18n {
  const setting = useBrimline((s) => s.app?.settings.language ?? 'system');
  return useMemo(() => makeI18n(setting), [setting]);
}
