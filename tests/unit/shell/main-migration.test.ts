/**
 * The app's first start after a development build: the former data folder moves to Brimline's
 * before Chromium's profile, the log or the core open anything in it, and the settings it held are
 * the ones in use. Electron is the mock; the folders are real.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../shared/ipc';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Tray, app, ipcMain } from './electron-mock';

describe('main, first start after a development build', () => {
  let tmp: string;
  let xdg: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-mig-'));
    xdg = path.join(tmp, 'xdg');
    mkdirSync(path.join(xdg, 'Headroom', 'history'), { recursive: true });
    writeFileSync(
      path.join(xdg, 'Headroom', 'settings.json'),
      JSON.stringify({
        version: 1,
        pollIntervalMinutes: 13,
        notifications: { enabled: true, onReset: true, runsOut: true, headroomLeft: false },
      }),
    );
    delete process.env.BRIMLINE_DATA_DIR;
    delete process.env.HEADROOM_DATA_DIR;
    Object.assign(process.env, {
      XDG_CONFIG_HOME: xdg,
      HOME: tmp,
      CLAUDE_CONFIG_DIR: path.join(tmp, 'no-claude'),
      BRIMLINE_ANTHROPIC_API_URL: 'http://127.0.0.1:9',
      XDG_CURRENT_DESKTOP: 'KDE',
    });
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.XDG_RUNTIME_DIR;
    await import('../../../electron/main');
    await vi.waitFor(() => expect(Tray.instances).toHaveLength(1), { timeout: 15_000 });
  });

  afterAll(async () => {
    app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app.lifecycle).toContain('quit'));
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('moved the folder before anything was opened in it, and uses the settings it held', async () => {
    expect(existsSync(path.join(xdg, 'Headroom'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(xdg, 'Brimline', 'settings.json'), 'utf8'))).toMatchObject({ pollIntervalMinutes: 13 });
    expect(readFileSync(path.join(xdg, 'Brimline', 'brimline.log'), 'utf8')).toContain(
      `Data folder moved from ${path.join(xdg, 'Headroom')} to ${path.join(xdg, 'Brimline')}.`,
    );
    const popover = BrowserWindow.instances[0]!;
    const ev = { sender: { id: popover.webContents.id }, senderFrame: popover.webContents.mainFrame };
    const state = (await ipcMain.handlers.get('brimline:get-state')!(ev, undefined)) as AppState;
    expect(state.settings.pollIntervalMinutes).toBe(13);
    expect(state.settings.notifications.unusedAtReset).toBe(false);
    expect(state.problems).toEqual([]);
  });
});
