/** Keyboard-only use: Tab reaches every control in order, Enter/Space act, focus is visible. */
import { expect, test } from '@playwright/test';
import { fakeCalls, focusedName, open, tabTo } from './helpers';

test('popover: Tab order and Enter/Space on the footer buttons', async ({ page }) => {
  await open(page, { state: 'stale', lang: 'en' });
  const order: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    order.push(await focusedName(page));
  }
  // The scrolling list comes first so it can be scrolled with the arrow keys, then each card's fold button.
  expect(order).toEqual(['Usage', 'ada@example.com', 'Retry now', 'Add an account', 'Refresh', 'Settings']);

  // A visible focus ring on the focused button.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe('solid');

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  const methods = (await fakeCalls(page)).map((c) => c.method);
  expect(methods).toContain('openSettings');
  expect(methods).toContain('refresh');
});

test('settings: every control is reachable and usable from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 560, height: 640 });
  await open(page, { state: 'ok', lang: 'en', view: 'settings', section: 'sources' });
  await tabTo(page, 'Read local Claude Code logs');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Read local Claude Code logs' })).not.toBeChecked();

  // Back to the section list, and one down to Alerts.
  await tabTo(page, 'Sources', 40, 'Shift+Tab');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'New threshold (%)');
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove threshold 42%' })).toBeVisible();

  // Focus is still in the input after Enter; the chips come before it.
  await tabTo(page, 'Remove threshold 42%', 10, 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Remove threshold 42%' })).toHaveCount(0);

  await tabTo(page, 'Alerts', 20, 'Shift+Tab');
  await page.keyboard.press('Home');
  await tabTo(page, 'Launch at login');
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Launch at login' })).toBeChecked();
  const patches = (await fakeCalls(page)).filter((c) => c.method === 'updateSettings').map((c) => c['patch']);
  expect(patches).toContainEqual({ launchAtLogin: true });
  expect(patches).toContainEqual({ sources: { 'local-logs': { enabled: false } } });
  expect(patches).toContainEqual({ thresholds: [42, 50, 75, 90] });
  expect(patches).toContainEqual({ thresholds: [50, 75, 90] });
});
