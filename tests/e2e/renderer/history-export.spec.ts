/**
 * Issue 24 in real Chromium: Export… in the History view asks main (the fake bridge stands in for
 * its save dialog and write) and says where the file went, why nothing was written, or nothing
 * after a cancel.
 */
import { expect, test, type Page } from '@playwright/test';
import type { HistoryExportResult } from '../../../shared/ipc';
import { fakeCalls, lookAndA11y, open } from './helpers';

/** What main's save dialog and write come to for the next Export…. */
async function nextExport(page: Page, result: HistoryExportResult): Promise<void> {
  await page.evaluate((r) => {
    (window as unknown as { __brimlineFake: { setExportResult(x: unknown): void } }).__brimlineFake.setExportResult(r);
  }, result);
}

test('Export…: saved, then a folder that refuses the file, then a cancel', async ({ page }) => {
  const problems = await open(page, { state: 'ok', lang: 'en', view: 'history' });
  await page.getByTestId('history-cost').waitFor();
  await page.getByRole('button', { name: '30 days' }).click();
  const message = page.getByTestId('history-export-message');
  await expect(message).toHaveCount(0);

  const saved = '/home/ada/Downloads/brimline-history-2026-07-03.csv';
  await nextExport(page, { kind: 'saved', path: saved, samples: 412, days: 30 });
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toHaveText(`Saved to ${saved}`);
  // The period on screen is the one exported; the renderer sent no path.
  expect((await fakeCalls(page)).filter((c) => c.method === 'exportHistory')).toEqual([{ method: 'exportHistory', days: 30 }]);
  await lookAndA11y(page, 'history-export-saved-en', problems, false);

  await nextExport(page, {
    kind: 'failed',
    path: '/mnt/readonly/usage.csv',
    reason: 'permission',
    message: 'Could not write to /mnt/readonly/usage.csv: permission denied; nothing was changed.',
  });
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('alert')).toHaveText('Could not write to /mnt/readonly/usage.csv: permission denied; nothing was changed.');
  await expect(page.getByText('Saved to')).toHaveCount(0);
  await lookAndA11y(page, 'history-export-failed-en', problems, false);

  await nextExport(page, { kind: 'canceled' });
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(message).toHaveCount(0);
  expect((await fakeCalls(page)).filter((c) => c.method === 'exportHistory')).toHaveLength(3);
});

test('Export… in French, dark: the reason in the user’s language', async ({ page }) => {
  const problems = await open(page, { state: 'ok', lang: 'fr', theme: 'dark', view: 'history' });
  await page.getByTestId('history-cost').waitFor();
  await nextExport(page, { kind: 'failed', path: '/media/usb/h.json', reason: 'disk-full', message: 'Could not write…' });
  await page.getByRole('button', { name: 'Exporter…' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Impossible d’écrire dans /media/usb/h.json : le disque est plein ; rien n’a été modifié.',
  );
  await lookAndA11y(page, 'history-export-failed-fr-dark', problems, false);
});
