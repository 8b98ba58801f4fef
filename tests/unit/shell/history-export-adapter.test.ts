/** Export… from the History view: main's save dialog (mocked Electron), then the core exporter writing a real file. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, MockWebFrame, dialog, ipcMain, pagesLoaded, resetElectronMock } from './electron-mock';
import { defaultExportName, exportHistoryWithDialog, type HistoryExportDialogDeps } from '../../../electron/adapters/history-export';
import { registerIpcHandlers, type IpcHandlers } from '../../../electron/adapters/ipc';
import { WindowManager } from '../../../electron/adapters/windows';
import { exportHistoryTo } from '../../../electron/core/app/history-export';
import { HistoryService } from '../../../electron/core/history/history-service';
import type { Logger } from '../../../electron/core/platform/log';
import { makeTranslator } from '../../../shared/i18n/translator';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { UsageView } from '../../../shared/domain';

const NOW = Date.parse('2026-07-03T14:00:00Z');
const ACCOUNT = 'account:1111aaaa-2222-3333-4444-555566667777';
const logger: Logger = { log() {}, info() {}, warn() {}, error() {} };
const view: UsageView = {
  accounts: [{ id: ACCOUNT, label: 'ada@example.com', email: 'ada@example.com', plan: 'Max 5x' }],
  windows: [],
  extraUsage: [],
  warnings: [],
};

/** A history with three samples, and the service part that exports it. */
async function service() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-adapter-'));
  const history = new HistoryService(dataDir, { now: () => NOW, maintenance: false, desktopHistoryFile: null });
  await history.start();
  await history.store.append(
    [3, 2, 1].map((h) => ({
      t: NOW - h * 3_600_000,
      accountId: ACCOUNT,
      windowId: 'five_hour',
      kind: 'session',
      sourceId: 'claude-oauth',
      usedPercent: 10 * h,
      resetsAt: NOW + 3_600_000,
      imported: false,
    })),
  );
  const calls: string[] = [];
  const translator = makeTranslator('en', ['en-US']);
  return {
    calls,
    part: {
      translator: () => translator,
      exportHistory: (days: 7 | 30, file: string) => {
        calls.push(file);
        return exportHistoryTo(
          { history, view: () => view, settings: () => DEFAULT_SETTINGS, translator: () => translator, now: () => NOW, logger },
          days,
          file,
        );
      },
    },
  };
}

/** The dialog without a parent window (a hidden popover). */
const noParent: HistoryExportDialogDeps['withDialog'] = (show) => show(null);

describe('Export… (save dialog in main)', () => {
  beforeEach(() => resetElectronMock());

  it('offers CSV and JSON, named by today, and writes the file the user chose with the core exporter', async () => {
    const { part } = await service();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-to-'));
    dialog.saveDialogChoice = path.join(out, 'mine.csv');
    const result = await exportHistoryWithDialog({ service: part, withDialog: noParent, now: () => NOW }, 7);
    expect(result).toEqual({ kind: 'saved', path: path.join(out, 'mine.csv'), samples: 3, days: 0 });
    const [shown] = dialog.saveDialogs;
    expect(shown!.options).toMatchObject({
      title: 'Export usage history',
      defaultPath: path.join(os.homedir(), 'Downloads', defaultExportName(NOW)),
      filters: [
        { name: 'CSV', extensions: ['csv'] },
        { name: 'JSON', extensions: ['json'] },
      ],
    });
    expect(defaultExportName(NOW)).toMatch(/^brimline-history-2026-07-0[34]\.csv$/);
    const lines = fs.readFileSync(path.join(out, 'mine.csv'), 'utf8').split('\r\n');
    expect(lines[0]!.startsWith('kind,time,day,account_id,account_label,email,')).toBe(true);
    expect(lines.filter((l) => l.startsWith('sample,'))).toHaveLength(3);
    // The app's export leaves emails out, even though the account is named by one.
    expect(lines.join('\n')).not.toContain('@');

    dialog.saveDialogChoice = path.join(out, 'mine.json');
    await exportHistoryWithDialog({ service: part, withDialog: noParent, now: () => NOW }, 30);
    expect((JSON.parse(fs.readFileSync(path.join(out, 'mine.json'), 'utf8')) as { samples: unknown[] }).samples).toHaveLength(3);
  });

  it('cancel writes nothing and says nothing', async () => {
    const { part, calls } = await service();
    dialog.saveDialogChoice = null;
    expect(await exportHistoryWithDialog({ service: part, withDialog: noParent, now: () => NOW }, 7)).toEqual({ kind: 'canceled' });
    expect(dialog.saveDialogs).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('a file that cannot be written: why, in words, and the file already there untouched', async () => {
    const { part } = await service();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-export-to-'));
    fs.writeFileSync(path.join(out, 'blocker'), 'keep');
    dialog.saveDialogChoice = path.join(out, 'blocker', 'x.csv');
    const result = await exportHistoryWithDialog({ service: part, withDialog: noParent, now: () => NOW }, 7);
    expect(result).toEqual({
      kind: 'failed',
      path: path.join(out, 'blocker', 'x.csv'),
      reason: 'not-a-folder',
      message: `Could not write to ${path.join(out, 'blocker', 'x.csv')}: part of the path is not a folder; nothing was changed.`,
    });
    expect(fs.readdirSync(out)).toEqual(['blocker']);
    expect(fs.readFileSync(path.join(out, 'blocker'), 'utf8')).toBe('keep');
  });

  it('opens over the visible popover, which stays open while the dialog has the focus', async () => {
    const wm = new WindowManager({
      preload: '/p.cjs',
      origin: { devServerUrl: null },
      platform: 'linux',
      devTools: false,
      popoverMode: 'anchored',
    });
    wm.showPopover({ x: 1000, y: 0, width: 24, height: 24 });
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    const { part } = await service();
    dialog.saveDialogChoice = null;
    const seen = await wm.withDialog(async (parent) => {
      pop.emit('blur');
      return { parent, visible: wm.isPopoverVisible() };
    });
    expect(seen).toEqual({ parent: pop, visible: true });
    await exportHistoryWithDialog({ service: part, withDialog: (show) => wm.withDialog(show), now: () => NOW }, 7);
    expect(dialog.saveDialogs[0]!.parent).toBe(pop);
    // Once the dialog is gone, a blur closes the popover again.
    pop.emit('blur');
    expect(wm.isPopoverVisible()).toBe(false);
  });

  it('the renderer cannot send a path: a payload with one is refused before any dialog', async () => {
    const handler = vi.fn(() => ({ kind: 'canceled' as const }));
    registerIpcHandlers(
      { 'brimline:export-history': handler } as unknown as IpcHandlers,
      { ownsWebContents: () => true, origin: { devServerUrl: null } },
      logger,
    );
    const ev = { sender: { id: 1 }, senderFrame: new MockWebFrame('app://brimline/index.html#history') };
    const call = (payload: unknown): Promise<unknown> =>
      Promise.resolve().then(() => ipcMain.handlers.get('brimline:export-history')!(ev, payload));
    await expect(call({ days: 7, path: '/etc/passwd' })).rejects.toThrow(/Invalid request for brimline:export-history/);
    await expect(call({ days: 365 })).rejects.toThrow(/days/);
    expect(handler).not.toHaveBeenCalled();
    await expect(call({ days: 30 })).resolves.toEqual({ kind: 'canceled' });
    expect(handler).toHaveBeenCalledWith({ days: 30 });
    expect(dialog.saveDialogs).toEqual([]);
  });
});
