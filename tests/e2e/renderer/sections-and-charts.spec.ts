/**
 * Issue 23 in real Chromium: the settings sections from the keyboard (WAI-ARIA tabs) and at 200 %
 * zoom, the history charts' tooltips from the mouse and the keyboard, and the compact popover.
 */
import { expect, test, type Page } from '@playwright/test';
import { SETTINGS_SIZE } from '../../../electron/core/tray/window-placement';
import { fakeCalls, focusedName, lookAndA11y, open, tabTo } from './helpers';

const selectedTab = (page: Page) => page.locator('[role="tab"][aria-selected="true"]');

test('settings sections: one tab stop, arrows, Home and End move and select, Tab enters the panel, the choice is remembered', async ({
  page,
}) => {
  await page.setViewportSize(SETTINGS_SIZE);
  await open(page, { state: 'two-accounts', lang: 'en', view: 'settings' });
  await tabTo(page, 'General');
  await page.keyboard.press('ArrowDown');
  expect(await focusedName(page)).toBe('Accounts');
  await expect(selectedTab(page)).toHaveText('Accounts');
  await expect(page.getByRole('tabpanel', { name: 'Accounts' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(selectedTab(page)).toHaveText('Sources');
  await expect(page.getByTestId('claude-code')).toBeVisible();
  await page.keyboard.press('End');
  await expect(selectedTab(page)).toHaveText('About');
  await page.keyboard.press('ArrowDown');
  await expect(selectedTab(page)).toHaveText('General');
  await page.keyboard.press('ArrowUp');
  await expect(selectedTab(page)).toHaveText('About');
  // Only the selected tab is in the Tab order: the next Tab goes into the panel.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]') !== null)).toBe(true);
  await page.getByRole('button', { name: 'Open' }).click();
  expect(await fakeCalls(page)).toContainEqual({ method: 'openDataFolder' });

  await page.reload();
  await expect(selectedTab(page)).toHaveText('About');
  await expect(page.getByTestId('about-data-folder')).toHaveText('/home/ada/.config/brimline');
});

test('settings at 200 % zoom, in French: the sections become a row, nothing overflows, axe finds nothing', async ({ page }) => {
  // A 720 × 640 window at 200 % zoom lays out like a 360 × 320 one.
  await page.setViewportSize({ width: SETTINGS_SIZE.width / 2, height: SETTINGS_SIZE.height / 2 });
  const problems = await open(page, { state: 'two-accounts', lang: 'fr', theme: 'light', view: 'settings', section: 'about' });
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveText(['Général', 'Comptes', 'Sources', 'Alertes', 'À propos']);
  const first = await tabs.first().boundingBox();
  const second = await tabs.nth(1).boundingBox();
  expect(Math.abs(first!.y - second!.y)).toBeLessThan(2);
  await lookAndA11y(page, 'settings-zoom200-about-fr-light', problems, true);
  await tabs.nth(1).click();
  await lookAndA11y(page, 'settings-zoom200-accounts-fr-light', problems, true);
});

test('history charts: values and times on hover and from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 900 });
  await open(page, { state: 'ok', lang: 'en', view: 'history' });
  await page.getByTestId('history-cost').waitFor();
  const peaks = page.getByTestId('history-session').getByTestId('chart-peaks');
  // Tab from the period buttons reaches Export…, then the first chart's latest bar.
  await page.getByRole('button', { name: '30 days' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText('Export…');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveClass(/chart-mark/);
  const tip = peaks.getByTestId('chart-tip');
  await expect(tip).toBeVisible();
  const latest = await focused.getAttribute('aria-label');
  expect(latest).toMatch(/^\w{3} \d{1,2} \w{3}, \d\d:\d\d: \d+%/);
  await expect(tip).toHaveText(latest!);
  await page.keyboard.press('ArrowLeft');
  const before = await page.locator(':focus').getAttribute('aria-label');
  expect(before).not.toBe(latest);
  await expect(tip).toHaveText(before!);
  await page.keyboard.press('Home');
  await expect(tip).toHaveText((await peaks.locator('.chart-mark').first().getAttribute('aria-label'))!);
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);

  // The mouse: hovering a point of the usage line shows its value and time.
  const usage = page.getByTestId('history-session').getByTestId('chart-usage');
  const point = usage.locator('.chart-mark').nth(3);
  await point.hover();
  await expect(usage.getByTestId('chart-tip')).toHaveText((await point.getAttribute('aria-label'))!);

  // The cost chart: its bars carry amounts, and the total is written out.
  const cost = page.getByTestId('history-cost');
  await expect(cost.locator('text.chart-value').first()).toHaveText(/^\$\d/);
  await expect(cost.getByTestId('history-cost-total')).toContainText(/^Total US\$[\d.]+ · highest US\$[\d.]+ on \w{3} \d/);
  const bar = cost.locator('.chart-mark').last();
  await bar.hover();
  await expect(cost.getByTestId('chart-tip')).toHaveText(/^\w{3} \d{1,2} \w{3}: US\$[\d.]+$/);
  await lookAndA11y(page, 'history-tooltip-en-light', [], false);
});

test('history: cycles that reached the limit are marked and listed with when', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 900 });
  await open(page, { state: 'ok', lang: 'fr', view: 'history' });
  await page.getByRole('button', { name: '30 jours' }).click();
  const hits = page.getByTestId('history-hits').first();
  await expect(hits).toContainText(/^Atteint 100\s%\s: \S+ \d+ \S+, \d\d:\d\d/);
  const over = page.locator('.chart-bar-over').first();
  await expect(over).toHaveAttribute('aria-label', /limite atteinte$/);
});

for (const lang of ['en', 'fr'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`compact popover, ${lang} ${theme}: one line per window, details from the keyboard, passes axe`, async ({ page }) => {
      const problems = await open(page, { state: 'ok', lang, theme, view: 'settings', section: 'general' });
      await page.getByRole('checkbox', { name: lang === 'en' ? /^Compact popover/ : /^Fenêtre compacte/ }).check();
      await page.goto(page.url().replace('#settings/general', '#popover'));
      await page.locator('.popover').waitFor();
      const session = page.getByTestId('window-session');
      await expect(session.getByTestId('window-outlook')).toHaveCount(0);
      await lookAndA11y(page, `popover-compact-${lang}-${theme}`, problems, false);
      const lineHeight = (await session.boundingBox())!.height;
      expect(lineHeight).toBeLessThan(32);
      const details = session.getByRole('button', { name: lang === 'en' ? 'Details: Session (5 h)' : 'Détails : Session (5 h)' });
      await details.focus();
      await page.keyboard.press('Enter');
      await expect(details).toHaveAttribute('aria-expanded', 'true');
      await expect(session.getByTestId('window-outlook')).toBeVisible();
      await lookAndA11y(page, `popover-compact-open-${lang}-${theme}`, problems, false);
    });
  }
}
