/**
 * Every popover state and the settings page in light/dark × en/fr: a screenshot saved to
 * tests/artifacts/ for people to look at, no horizontal overflow, no console error, and no axe-core
 * violation. One page load serves all three checks; one test per page keeps each well within its
 * timeout on a busy 2-core machine.
 */
import { test } from '@playwright/test';
import { FIXTURES, lookAndA11y as check, open } from './helpers';

for (const lang of ['en', 'fr'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    for (const state of FIXTURES) {
      test(`popover ${state}, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
        const problems = await open(page, { state, lang, theme });
        await check(page, `popover-${state}-${lang}-${theme}`, problems, false);
      });
    }
    test(`popover pace and forecast rows, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
      // Tall enough to show every window's tick, wording and sparkline at once.
      await page.setViewportSize({ width: 360, height: 1100 });
      const problems = await open(page, { state: 'ok', lang, theme });
      await page.getByTestId('sparkline-used').first().waitFor();
      await check(page, `popover-outlook-${lang}-${theme}`, problems, false);
    });
    test(`history view, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 900 });
      const problems = await open(page, { state: 'ok', lang, theme, view: 'history' });
      await page.getByTestId('history-cost').waitFor();
      await check(page, `history-7-${lang}-${theme}`, problems, true);
      await page.getByRole('button', { name: lang === 'en' ? '30 days' : '30 jours' }).click();
      await page.locator('button[aria-pressed="true"]', { hasText: '30' }).waitFor();
      await check(page, `history-30-${lang}-${theme}`, problems, true);
    });
    for (const state of ['ok', 'no-keychain', 'desktop-notes', 'web-and-api', 'two-accounts'] as const) {
      test(`settings ${state}, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
        await page.setViewportSize({ width: 560, height: 640 });
        const problems = await open(page, { state, lang, theme, view: 'settings' });
        // Show a validation message too, so its colours are checked.
        await page.locator('input[inputmode="numeric"]').fill('500');
        await check(page, `settings-${state}-${lang}-${theme}`, problems, true);
      });
    }
  }
}
