/**
 * Every popover state, every settings section and the history view in light/dark × en/fr: a screenshot saved to
 * tests/artifacts/ for people to look at, no horizontal overflow, no console error, and no axe-core
 * violation. One page load serves all three checks; one test per page keeps each well within its
 * timeout on a busy 2-core machine.
 */
import { expect, test } from '@playwright/test';
import { SETTINGS_SECTIONS } from '../../../shared/settings';
import { SETTINGS_SIZE } from '../../../electron/core/tray/window-placement';
import { FIXTURES, lookAndA11y as check, open } from './helpers';

const SETTINGS_VIEWPORT = { ...SETTINGS_SIZE };
/** "About one screen": a 768 px laptop screen less the title bar and the panel. */
const MAX_SECTION_HEIGHT = 900;

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
      // 30 days of session cycles are many marks for axe to walk on a busy machine.
      test.setTimeout(120_000);
      // Tall enough that the scrolling list shows every chart, the cost chart included.
      await page.setViewportSize({ width: 360, height: 2400 });
      const problems = await open(page, { state: 'ok', lang, theme, view: 'history' });
      await page.getByTestId('history-cost').waitFor();
      await check(page, `history-7-${lang}-${theme}`, problems, true);
      await page.getByRole('button', { name: lang === 'en' ? '30 days' : '30 jours' }).click();
      await page.locator('button[aria-pressed="true"]', { hasText: '30' }).waitFor();
      await check(page, `history-30-${lang}-${theme}`, problems, true);
    });
    // Each state at the section it changes; with two accounts, every section (each about one screen tall).
    for (const [state, section] of [
      ['ok', 'general'],
      ['no-keychain', 'sources'],
      ['desktop-notes', 'alerts'],
      ['wayland', 'general'],
      ['web-and-api', 'sources'],
    ] as const) {
      test(`settings ${state} (${section}), ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
        await page.setViewportSize(SETTINGS_VIEWPORT);
        const problems = await open(page, { state, lang, theme, view: 'settings', section });
        // Show a validation message too, so its colours are checked.
        if (section === 'general')
          await page.getByLabel(lang === 'en' ? 'Check every (minutes)' : 'Vérifier toutes les (minutes)').fill('0');
        await check(page, `settings-${state}-${section}-${lang}-${theme}`, problems, true);
      });
    }
    test(`settings, every section with two accounts, ${lang} ${theme}: looks right, passes axe, fits a screen`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.setViewportSize(SETTINGS_VIEWPORT);
      const problems = await open(page, { state: 'two-accounts', lang, theme, view: 'settings', section: 'general' });
      const tabs = page.getByRole('tab');
      for (let i = 0; i < SETTINGS_SECTIONS.length; i++) {
        await tabs.nth(i).click();
        await page.locator(`[data-testid="settings-${SETTINGS_SECTIONS[i]}"]`).waitFor();
        await check(page, `settings-two-accounts-${SETTINGS_SECTIONS[i]}-${lang}-${theme}`, problems, true);
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(tall, `${SETTINGS_SECTIONS[i]} is ${tall} px tall`).toBeLessThanOrEqual(MAX_SECTION_HEIGHT);
      }
    });
  }
}
