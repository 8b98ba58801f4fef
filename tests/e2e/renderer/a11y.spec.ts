/** axe-core finds no violations in any state, in either language or theme. One test per page, so each stays well within its timeout. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FIXTURES, open } from './helpers';

for (const lang of ['en', 'fr'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    for (const state of FIXTURES) {
      test(`axe: popover ${state}, ${lang} ${theme}`, async ({ page }) => {
        await open(page, { state, lang, theme });
        const result = await new AxeBuilder({ page }).analyze();
        expect(result.violations.map((v) => `${state}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    }
    for (const state of ['ok', 'no-keychain'] as const) {
      test(`axe: settings ${state}, ${lang} ${theme}`, async ({ page }) => {
        await page.setViewportSize({ width: 560, height: 640 });
        await open(page, { state, lang, theme, view: 'settings' });
        // Show a validation message too, so its colours are checked.
        await page.locator('input[inputmode="numeric"]').fill('500');
        const result = await new AxeBuilder({ page }).analyze();
        expect(result.violations.map((v) => `settings ${state}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    }
  }
}
