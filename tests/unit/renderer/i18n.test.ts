import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { fr } from '../../../shared/i18n/fr';
import { placeholders, resolveLanguage, translate, type CatalogueOf } from '../../../shared/i18n/translate';

describe('catalogues', () => {
  it('fr has exactly the keys of en', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every fr message uses the same placeholders as its en message', () => {
    const mismatched = (Object.keys(en) as (keyof typeof en)[]).filter((k) => placeholders(en[k]).join() !== placeholders(fr[k]).join());
    expect(mismatched).toEqual([]);
  });

  it('a catalogue missing a key does not type-check (checked by tsc)', () => {
    const { 'app.name': dropped, ...rest } = fr;
    // @ts-expect-error 'app.name' is missing, so this is not a complete catalogue.
    const incomplete: CatalogueOf<typeof en> = rest;
    expect(dropped).toBe('Brimline');
    expect(Object.keys(incomplete)).toHaveLength(Object.keys(en).length - 1);
  });

  it('no message is empty and plural messages stay plural', () => {
    for (const [key, message] of Object.entries(fr)) {
      const reference = en[key as keyof typeof en];
      expect(typeof message, key).toBe(typeof reference);
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      for (const text of texts) expect(String(text).trim(), key).not.toBe('');
    }
  });
});

describe('translate', () => {
  it('interpolates named parameters', () => {
    expect(translate('en', 'en', 'window.used', { percent: '62%' })).toBe('62% used');
    expect(translate('fr', 'fr', 'window.used', { percent: '62 %' })).toBe('62 % utilisés');
  });

  it('leaves a missing parameter visible instead of printing undefined', () => {
    expect(translate('en', 'en', 'window.used')).toBe('{percent} used');
  });

  it('chooses plural forms by the locale rules and formats the count', () => {
    expect(translate('en', 'en', 'scan.files', { done: 1, count: 1 })).toBe('1 of 1 file');
    expect(translate('en', 'en', 'scan.files', { done: 0, count: 0 })).toBe('0 of 0 files');
    expect(translate('en', 'en-US', 'scan.files', { done: 5, count: 1280 })).toBe('5 of 1,280 files');
    // French treats 0 and 1 as singular.
    expect(translate('fr', 'fr', 'local.unpriced', { count: 0 })).toBe('0 modèle sans prix n’est pas compté');
    expect(translate('fr', 'fr', 'local.unpriced', { count: 2 })).toBe('2 modèles sans prix ne sont pas comptés');
  });
});

describe('resolveLanguage', () => {
  it('follows the first supported system language when set to system', () => {
    expect(resolveLanguage('system', ['de-DE', 'fr-CA', 'en-US'])).toEqual({ language: 'fr', locale: 'fr-CA' });
    expect(resolveLanguage('system', ['de-DE'])).toEqual({ language: 'en', locale: 'en' });
    expect(resolveLanguage('system', [])).toEqual({ language: 'en', locale: 'en' });
  });

  it('uses the chosen language with the system region when it matches', () => {
    expect(resolveLanguage('fr', ['en-GB'])).toEqual({ language: 'fr', locale: 'fr' });
    expect(resolveLanguage('en', ['fr-FR', 'en-GB'])).toEqual({ language: 'en', locale: 'en-GB' });
  });

  it('survives a malformed system tag', () => {
    expect(resolveLanguage('system', ['en-!!'])).toEqual({ language: 'en', locale: 'en' });
  });
});
