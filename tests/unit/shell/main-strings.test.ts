import { describe, expect, it } from 'vitest';
import { MAIN_STRINGS, resolveMainLocale } from '../../../shared/i18n/main-strings';

describe('main-process strings', () => {
  it('pick French for fr-* system locales and English otherwise', () => {
    expect(resolveMainLocale('system', 'fr-CA')).toBe('fr');
    expect(resolveMainLocale('system', 'de-DE')).toBe('en');
    expect(resolveMainLocale('en', 'fr-FR')).toBe('en');
    expect(resolveMainLocale('fr', 'en-US')).toBe('fr');
  });

  it('have every key translated, with no English left in French', () => {
    const en = MAIN_STRINGS.en;
    const fr = MAIN_STRINGS.fr;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(en.notifyThresholdTitle('Session', '75%')).toBe('Claude session at 75%');
    expect(en.notifyThresholdBody('14:05')).toBe('Resets at 14:05.');
    expect(fr.menuSettings).not.toBe(en.menuSettings);
    expect(fr.notifyResetTitle('Semaine')).toBe('Claude : semaine réinitialisé');
  });
});
