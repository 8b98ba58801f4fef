/**
 * Screenshots of every popover state and the settings page in light/dark × en/fr, saved to
 * tests/artifacts/ for people to look at. Each also checks that nothing overflows horizontally.
 */
import { expect, test } from '@playwright/test';
import { FIXTURES, open } from './helpers';

const COMBOS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'fr', theme: 'light' },
  { lang: 'fr', theme: 'dark' },
] as const;

for (const { lang, theme } of COMBOS) {
  test(`screenshots ${lang} ${theme}`, async ({ page }) => {
    for (const state of FIXTURES) {
      const problems = await open(page, { state, lang, theme });
      await page.screenshot({ path: `tests/artifacts/popover-${state}-${lang}-${theme}.png`, fullPage: false });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(overflow, `${state} overflows horizontally`).toBe(false);
      expect(problems).toEqual([]);
    }
    await page.setViewportSize({ width: 560, height: 640 });
    for (const state of ['ok', 'no-keychain'] as const) {
      const problems = await open(page, { state, lang, theme, view: 'settings' });
      await page.screenshot({ path: `tests/artifacts/settings-${state}-${lang}-${theme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(overflow, 'settings overflows horizontally').toBe(false);
      expect(problems).toEqual([]);
    }
  });
}
