/** Settings › General: recording the global shortcut, its refusal by the OS, and the Wayland note (fake bridge). */
import { expect, test, type Page } from '@playwright/test';
import { fakeCalls, open } from './helpers';

test.use({ viewport: { width: 560, height: 900 } });

const recorder = (page: Page) => page.getByRole('button', { name: /^Record shortcut/ });

test('records a key combination, shows it and sends it; Escape cancels; Clear removes it', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'en', view: 'settings', section: 'general' });
  await expect(recorder(page)).toHaveAccessibleName('Record shortcut, now None');
  await recorder(page).click();
  await expect(recorder(page)).toHaveText('Press the keys…');
  // Modifiers alone keep it listening, and show what is held.
  await page.keyboard.down('Control');
  await page.keyboard.down('Shift');
  await expect(recorder(page)).toHaveText('Ctrl+Shift+…');
  await page.keyboard.press('KeyU');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Control');
  await expect(recorder(page)).toHaveText('Ctrl+Shift+U');
  await expect(page.getByText('Press Ctrl+Shift+U anywhere to open or close Brimline.')).toBeVisible();
  expect(await fakeCalls(page)).toContainEqual({ method: 'updateSettings', patch: { shortcut: 'CommandOrControl+Shift+U' } });

  // A key without a modifier is refused as you press it, and nothing is sent.
  await recorder(page).click();
  await page.keyboard.press('KeyK');
  await expect(page.getByText('Add Ctrl, Alt or Super (Cmd or Option on macOS): only F-keys work alone.')).toBeVisible();
  // Escape cancels: the shortcut stays.
  await page.keyboard.press('Escape');
  await expect(recorder(page)).toHaveText('Ctrl+Shift+U');
  const sent = (await fakeCalls(page)).filter((c) => c.method === 'updateSettings');
  expect(sent).toEqual([{ method: 'updateSettings', patch: { shortcut: 'CommandOrControl+Shift+U' } }]);

  // An F-key works alone.
  await recorder(page).click();
  await page.keyboard.press('F9');
  await expect(recorder(page)).toHaveText('F9');
  expect(await fakeCalls(page)).toContainEqual({ method: 'updateSettings', patch: { shortcut: 'F9' } });

  await page.getByRole('button', { name: 'Clear the shortcut' }).click();
  await expect(recorder(page)).toHaveText('None');
  expect(await fakeCalls(page)).toContainEqual({ method: 'updateSettings', patch: { shortcut: null } });
  await expect(page.getByRole('button', { name: 'Clear the shortcut' })).toHaveCount(0);
});

test('says when another app already uses the shortcut', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'en', view: 'settings', section: 'general' });
  await page.evaluate(() =>
    (window as unknown as { __brimlineFake: { takenShortcuts: Set<string> } }).__brimlineFake.takenShortcuts.add('CommandOrControl+Alt+U'),
  );
  await recorder(page).click();
  await page.keyboard.press('Control+Alt+KeyU');
  await expect(page.getByTestId('shortcut-refused')).toHaveText('Another app already uses Ctrl+Alt+U; choose another.');
  await expect(recorder(page)).toHaveText('Ctrl+Alt+U');
  // Another one that is free clears the message.
  await recorder(page).click();
  await page.keyboard.press('Control+Alt+KeyI');
  await expect(page.getByText('Press Ctrl+Alt+I anywhere to open or close Brimline.')).toBeVisible();
  await expect(page.getByTestId('shortcut-refused')).toHaveCount(0);
});

test('Tab alone leaves the field while it records', async ({ page }) => {
  await open(page, { state: 'ok', lang: 'en', view: 'settings', section: 'general' });
  await recorder(page).click();
  await page.keyboard.press('Tab');
  await expect(recorder(page)).toHaveText('None');
  await expect(recorder(page)).not.toBeFocused();
});

test('Wayland: says apps cannot grab keys, with the command to bind and how', async ({ page }) => {
  await open(page, { state: 'wayland', lang: 'en', view: 'settings', section: 'general' });
  const note = page.getByTestId('shortcut-wayland');
  await expect(note).toContainText('On Wayland, apps cannot grab keys');
  await expect(note.locator('.command-text')).toHaveText([
    'brimline --toggle',
    'bindsym $mod+u exec brimline --toggle',
    'bind = SUPER, U, exec, brimline --toggle',
  ]);
  await expect(note).toContainText('GNOME: Settings › Keyboard');
  await expect(page.getByRole('button', { name: 'Copy command brimline --toggle' })).toBeVisible();
});
