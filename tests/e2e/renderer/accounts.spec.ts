/**
 * Several accounts (`two-accounts` fixture): the popover's account cards and Settings › Accounts,
 * used from the keyboard alone, and screenshots (tests/artifacts/accounts-*.png) checked by axe.
 */
import { expect, test, type Page } from '@playwright/test';
import { fakeCalls, focusedName, lookAndA11y, open, tabTo } from './helpers';

const WORK = 'account:5f0c2b8e-7d4a-4e61-9a3b-2c8d9e0f1a2b';
const PERSONAL = 'account:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

async function patches(page: Page): Promise<unknown[]> {
  return (await fakeCalls(page)).filter((c) => c.method === 'updateSettings').map((c) => c['patch']);
}

test('settings: rename, move, remove and confirm an account from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 560, height: 640 });
  await open(page, { state: 'two-accounts', lang: 'en', view: 'settings', section: 'accounts' });

  await tabTo(page, 'Name of ada@example.com');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Home');
  await page.keyboard.press('Enter');
  expect(await patches(page)).toContainEqual({ accounts: { labels: { [WORK]: 'Work', [PERSONAL]: 'Home' } } });

  // The buttons follow the new name.
  await tabTo(page, 'Move Home up');
  await page.keyboard.press('Space');
  expect(await patches(page)).toContainEqual({ accounts: { order: [PERSONAL, WORK, 'local'] } });
  await expect(page.getByRole('textbox', { name: /^Name of / }).first()).toHaveValue('Home');

  await tabTo(page, 'Remove Home…');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove Home…' })).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Also delete its usage history');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Remove account');
  await page.keyboard.press('Enter');
  expect(await fakeCalls(page)).toContainEqual({ method: 'removeAccount', accountId: PERSONAL, deleteHistory: true });
  await expect(page.getByRole('textbox', { name: /^Name of / })).toHaveCount(2);

  // Escape hatch: Cancel puts focus back on Remove.
  await tabTo(page, 'Remove Work…', 60, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Cancel');
  await page.keyboard.press('Enter');
  expect(await focusedName(page)).toBe('Remove Work…');
  expect((await fakeCalls(page)).filter((c) => c.method === 'removeAccount')).toHaveLength(1);
});

test('popover: an account card folds from the keyboard and stays folded', async ({ page }) => {
  await open(page, { state: 'two-accounts', lang: 'en' });
  await tabTo(page, 'Work');
  await page.keyboard.press('Enter');
  const toggle = page.getByRole('button', { name: 'Work', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId(`account-${WORK.replace(/[^A-Za-z0-9_-]/g, '_')}`).getByTestId('account-top')).toHaveText(
    'Session (5 h) · 47% used',
  );
  // Main keeps it: a fresh page (the fake persists settings as main does) opens folded.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Work', exact: true })).toHaveAttribute('aria-expanded', 'false');
});

function check(page: Page, name: string, problems: string[]): Promise<void> {
  return lookAndA11y(page, name, problems, true);
}

for (const lang of ['en', 'fr'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`accounts popover, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
      // Tall enough for every card at once.
      await page.setViewportSize({ width: 360, height: 1500 });
      const problems = await open(page, { state: 'two-accounts', lang, theme });
      await check(page, `accounts-popover-${lang}-${theme}`, problems);
      await page.getByRole('button', { name: 'ada@example.com', exact: true }).click();
      await check(page, `accounts-popover-folded-${lang}-${theme}`, problems);
    });
    test(`accounts settings, ${lang} ${theme}: looks right, passes axe`, async ({ page }) => {
      await page.setViewportSize({ width: 560, height: 900 });
      const problems = await open(page, { state: 'two-accounts', lang, theme, view: 'settings', section: 'accounts' });
      // The confirmation, the removed folders and a folder error open, so their colours are checked.
      await page.getByRole('button', { name: lang === 'en' ? 'Remove Work…' : 'Retirer Work…' }).click();
      await page.getByRole('button', { name: lang === 'en' ? /Removed folder/ : /Dossier retiré/ }).click();
      await page.getByLabel(lang === 'en' ? 'Add a Claude Code folder' : 'Ajouter un dossier Claude Code').fill('claude-work');
      await check(page, `accounts-settings-${lang}-${theme}`, problems);
    });
  }
}
