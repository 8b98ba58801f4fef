/** Every popover state renders from the built renderer, under the strict CSP, with no errors. */
import { expect, test } from '@playwright/test';
import { fakeCalls, open } from './helpers';

test('ok: cards, rows, bars and extra usage', async ({ page }) => {
  const problems = await open(page, { state: 'ok', lang: 'en' });
  const card = page.getByRole('region', { name: 'ada@example.com' });
  await expect(card.getByRole('progressbar')).toHaveCount(5);
  await expect(card.getByRole('progressbar', { name: 'Session (5 h)' })).toHaveAttribute('aria-valuenow', '62');
  await expect(card.getByTestId('window-session')).toContainText(/Resets in 2 hrs? 13 mins? · /);
  await expect(card.getByTestId('extra-usage')).toContainText('€7.63 of €20.00 this month');
  // The bar's width is set through CSSOM, which the CSP allows.
  const width = await card
    .getByTestId('window-session')
    .locator('.bar-fill')
    .evaluate((el) => (el as HTMLElement).style.width);
  expect(width).toBe('62%');
  expect(problems).toEqual([]);
});

test('stale, rate limited, login expired, no keychain', async ({ page }) => {
  await open(page, { state: 'stale', lang: 'en' });
  await expect(page.getByTestId('state-notice')).toContainText(/Out of date since .+ \(4[78] mins? ago\)/);

  await open(page, { state: 'rate-limited', lang: 'en' });
  await expect(page.getByTestId('state-notice')).toContainText(/Next attempt at .+ \(in 1[12] mins?\)/);
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeDisabled();

  await open(page, { state: 'login-expired', lang: 'en' });
  await expect(page.getByTestId('state-notice').locator('code')).toHaveText('claude');
  await expect(page.getByRole('button', { name: 'Copy command claude' })).toBeVisible();

  await open(page, { state: 'no-keychain', lang: 'en' });
  await page.getByRole('region', { name: 'Needs attention' }).getByRole('button', { name: 'Open Settings' }).click();
  expect((await fakeCalls(page)).map((c) => c.method)).toContain('openSettings');
});

test('no sources, first scan, past reset, local logs', async ({ page }) => {
  await open(page, { state: 'no-sources', lang: 'en' });
  await expect(page.getByRole('heading', { name: 'No sources yet' })).toBeVisible();

  await open(page, { state: 'first-scan', lang: 'en' });
  await expect(page.getByRole('progressbar', { name: 'Scanning local logs' })).toHaveAttribute('aria-valuenow', '31');

  await open(page, { state: 'past-reset', lang: 'en' });
  await expect(page.getByTestId('window-session')).toContainText('Reset · new window started');
  // Unknown until new data arrives: "–", neither the old 97% nor 0%.
  await expect(page.getByTestId('window-session').locator('.row-value')).toHaveText('–');
  await expect(page.getByTestId('window-session')).not.toContainText('97');

  await open(page, { state: 'local-logs', lang: 'en' });
  await expect(page.getByTestId('local-summary')).toContainText(/Projected .+14\.80 by /);
});

test('claude.ai and API spend: the budget bar, month to date and today per model; the organisation choice', async ({ page }) => {
  await open(page, { state: 'web-and-api', lang: 'en' });
  const api = page.getByTestId('account-org_7564efdd-1fa9-4b50-b261-1d69b6bb72f7');
  await expect(api.getByRole('progressbar', { name: 'Monthly API budget' })).toHaveAttribute('aria-valuenow', '76');
  await expect(api.getByTestId('api-spend')).toContainText(/(US)?\$382\.04 of (US)?\$500\.00 this month/);
  await expect(api.getByTestId('api-spend').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('account-org_631972a6-f5c1-452a-838f-e7713f861d09')).toContainText('27% used');

  await open(page, { state: 'web-and-api', lang: 'en', view: 'settings', section: 'sources' });
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Acme Team' });
  const calls = await fakeCalls(page);
  expect(calls).toContainEqual({ method: 'updateSettings', patch: { claudeWebOrganization: 'b0b0b0b0-1111-2222-3333-444455556666' } });
});

test('countdown ticks while open', async ({ page }) => {
  await page.clock.install();
  await open(page, { state: 'ok', lang: 'en' });
  const row = page.getByTestId('window-session');
  await expect(row).toContainText(/Resets in 2 hrs? 13 mins?/);
  await page.clock.runFor(10 * 60_000);
  await expect(row).toContainText(/Resets in 2 hrs? 3 mins?/);
});

test('French', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'fr' });
  await expect(page.locator('html')).toHaveAttribute('lang', /^fr/);
  await expect(page.getByTestId('extra-usage')).toContainText(/7,63\s€ sur 20,00\s€ ce mois-ci/);
  await expect(page.getByRole('button', { name: 'Actualiser' })).toBeVisible();
});

test('the page has no inline script or style, so the strict CSP holds', async ({ request }) => {
  const html = await (await request.get('index.html')).text();
  expect(html).toContain("script-src 'self'");
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toContain('<style');
});
