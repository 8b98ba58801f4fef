/**
 * Every popover state and the settings page in light/dark × en/fr: a screenshot saved to
 * tests/artifacts/ for people to look at, no horizontal overflow, no console error, and no axe-core
 * violation. One page load serves all three checks.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURES, open } from './helpers';

const COMBOS = [
  { lang: 'en', theme: 'light' },
  { lang: 'en', theme: 'dark' },
  { lang: 'fr', theme: 'light' },
  { lang: 'fr', theme: 'dark' },
] as const;

async function check(page: Page, name: string, problems: string[], fullPage: boolean): Promise<void> {
  await page.screenshot({ path: `tests/artifacts/${name}.png`, fullPage });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(overflow, `${name} overflows horizontally`).toBe(false);
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems, name).toEqual([]);
}

for (const { lang, theme } of COMBOS) {
  test(`popover and settings look right and pass axe, ${lang} ${theme}`, async ({ page }) => {
    for (const state of FIXTURES) {
      const problems = await open(page, { state, lang, theme });
      await check(page, `popover-${state}-${lang}-${theme}`, problems, false);
    }
    await page.setViewportSize({ width: 560, height: 640 });
    for (const state of ['ok', 'no-keychain'] as const) {
      const problems = await open(page, { state, lang, theme, view: 'settings' });
      // Show a validation message too, so its colours are checked.
      await page.locator('input[inputmode="numeric"]').fill('500');
      await check(page, `settings-${state}-${lang}-${theme}`, problems, true);
    }
  });
}
