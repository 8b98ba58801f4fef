/** Settings round-trip through the bridge and survive a reload (the fake keeps them as main does). */
import { expect, test } from '@playwright/test';
import { fakeCalls, open } from './helpers';

test.use({ viewport: { width: 560, height: 640 } });

test('settings round-trip through the bridge and survive a restart', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'en', view: 'settings', section: 'alerts' });
  await page.getByLabel('New threshold (%)').fill('60');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Remove threshold 90%' }).click();
  await page.getByRole('tab', { name: 'General' }).click();
  await page.getByLabel('Check every (minutes)').fill('12');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByRole('radio', { name: 'Remaining' }).check();
  await page.getByRole('tab', { name: 'Sources' }).click();
  await page.getByRole('checkbox', { name: 'Read local Claude Code logs' }).uncheck();

  const calls = await fakeCalls(page);
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { thresholds: [50, 60, 75, 90] } });
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { thresholds: [50, 60, 75] } });
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { pollIntervalMinutes: 12 } });
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { theme: 'dark' } });
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { sources: { 'local-logs': { enabled: false } } } });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // "Restart": a fresh page without the lang/theme overrides reads what was persisted.
  await page.goto('index.html?state=ok#settings');
  // It opens at the section left last.
  await expect(page.getByRole('tab', { name: 'Sources' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('checkbox', { name: 'Read local Claude Code logs' })).not.toBeChecked();
  await page.getByRole('tab', { name: 'General' }).click();
  await expect(page.getByLabel('Check every (minutes)')).toHaveValue('12');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.getByRole('radio', { name: 'Remaining' })).toBeChecked();
  await page.getByRole('tab', { name: 'Alerts' }).click();
  await expect(page.getByRole('button', { name: /^Remove threshold/ })).toHaveCount(3);

  // The popover follows: remaining instead of used.
  await page.goto('index.html?state=ok#popover');
  await expect(page.getByTestId('window-session')).toContainText('38% left');
});

test('an invalid polling interval is refused as you type and not sent', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'fr', view: 'settings' });
  await page.getByLabel('Vérifier toutes les (minutes)').fill('0');
  await expect(page.getByText('Choisissez un nombre entier entre 1 et 1440.')).toBeVisible();
  const calls = await fakeCalls(page);
  expect(calls.filter((c) => c.method === 'updateSettings')).toEqual([]);
});

test('language switch applies at once', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'en', view: 'settings' });
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await expect(page).toHaveTitle('Réglages · Brimline');
});
