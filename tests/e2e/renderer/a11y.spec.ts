/** axe-core finds no violations in any state, in either language or theme. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FIXTURES, open } from './helpers';

for (const lang of ['en', 'fr'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: popover states and settings, ${lang} ${theme}`, async ({ page }) => {
      for (const state of FIXTURES) {
        await open(page, { state, lang, theme });
        const result = await new AxeBuilder({ page }).analyze();
        expect(result.violations.map((v) => `${state}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
      await page.setViewportSize({ width: 560, height: 640 });
      for (const state of ['ok', 'no-keychain'] as const) {
        await open(page, { state, lang, theme, view: 'settings' });
        // Show a validation message too, so its colours are checked.
        await page.locator('input[inputmode="numeric"]').fill('500');
        const result = await new AxeBuilder({ page }).analyze();
        expect(result.violations.map((v) => `settings ${state}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    });
  }
}
