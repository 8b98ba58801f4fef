/** The global shortcut through the shell, against the Electron mock's globalShortcut (keys other apps hold, key presses). */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, globalShortcut, ipcMain, pagesLoaded, resetElectronMock } from './electron-mock';
import { createGlobalShortcut } from '../../../electron/adapters/shortcut';
import { startShell, type Shell } from '../../../electron/adapters/shell';
import { AlertStore } from '../../../electron/core/alerts/alerts';
import { SecretStore } from '../../../electron/core/platform/secret-store';
import type { AppState } from '../../../shared/ipc';
import { FakeCore } from './fake-core';
import { T0 } from './fixtures';

describe('the globalShortcut adapter', () => {
  beforeEach(() => resetElectronMock());

  it('registers, answers false for keys another app holds or Electron cannot read, and releases', () => {
    const port = createGlobalShortcut();
    let presses = 0;
    expect(port.register('CommandOrControl+Shift+U', () => void presses++)).toBe(true);
    expect(globalShortcut.press('Ctrl+Shift+U')).toBe(true);
    expect(presses).toBe(1);
    globalShortcut.taken.add('Super+U');
    expect(port.register('Super+U', () => undefined)).toBe(false);
    expect(() => port.register('Ctrl+Banana', () => undefined)).toThrow(/conversion failure/);
    port.unregister('CommandOrControl+Shift+U');
    expect(globalShortcut.press('Ctrl+Shift+U')).toBe(false);
    port.register('Alt+F9', () => undefined);
    port.unregisterAll();
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(false);
  });
});

describe('the global shortcut in the app', () => {
  let dir: string;
  let core: FakeCore;
  let shell: Shell;

  async function start(options: { wayland?: boolean } = {}): Promise<void> {
    core = new FakeCore(dir);
    await core.start();
    const alerts = new AlertStore(dir);
    await alerts.load();
    shell = await startShell({
      core,
      secrets: new SecretStore({
        loadKeytar: async () => ({ getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false }),
      }),
      alerts,
      loginItem: { get: async () => false, set: async () => undefined },
      logger: { log() {}, info() {}, warn() {}, error() {} },
      platform: 'linux',
      preload: '/out/preload/index.cjs',
      assetsDir: '/assets',
      origin: { devServerUrl: null },
      appVersion: '1.2.3',
      systemLocales: ['en-US'],
      timeZone: 'UTC',
      devTools: false,
      quit: () => undefined,
      now: () => T0,
      setInterval: () => undefined,
      clearInterval: () => undefined,
      toggleCommand: '/home/ada/Brimline.AppImage --toggle',
      wayland: options.wayland ?? false,
    });
    shell.windows.preload();
    await pagesLoaded();
  }

  /** What Settings does: the patch through IPC, from the popover's own page. */
  async function setShortcut(shortcut: string | null): Promise<void> {
    const pop = BrowserWindow.instances[0]!;
    const ev = { sender: { id: pop.webContents.id }, senderFrame: pop.webContents.mainFrame };
    await ipcMain.handlers.get('brimline:update-settings')!(ev, { shortcut });
  }

  /** The state the open windows were last sent. */
  const pushed = (): AppState =>
    BrowserWindow.instances[0]!.webContents.sent.filter((m) => m.channel === 'brimline:state').at(-1)!.payload as AppState;

  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-shortcut-shell-'));
  });
  afterEach(() => {
    shell?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers nothing until the setting asks', async () => {
    await start();
    expect(globalShortcut.calls).toEqual([]);
    expect(pushed().shortcut).toEqual({
      status: 'off',
      accelerator: null,
      wayland: false,
      toggleCommand: '/home/ada/Brimline.AppImage --toggle',
    });
  });

  it('registers the shortcut when it is set; pressing it opens the popover, and again closes it', async () => {
    await start();
    await setShortcut('CommandOrControl+Shift+U');
    expect(globalShortcut.isRegistered('CommandOrControl+Shift+U')).toBe(true);
    expect(pushed().shortcut).toMatchObject({ status: 'active', accelerator: 'CommandOrControl+Shift+U' });
    const popover = BrowserWindow.instances[0]!;
    expect(popover.visible).toBe(false);
    expect(globalShortcut.press('Ctrl+Shift+U')).toBe(true);
    await pagesLoaded();
    expect(popover.visible).toBe(true);
    globalShortcut.press('Ctrl+Shift+U');
    expect(popover.visible).toBe(false);
  });

  it('releases the old shortcut when the setting changes', async () => {
    await start();
    await setShortcut('CommandOrControl+Shift+U');
    await setShortcut('Super+U');
    expect(globalShortcut.calls).toEqual(['register:CommandOrControl+Shift+U', 'unregister:CommandOrControl+Shift+U', 'register:Super+U']);
    expect(globalShortcut.press('Ctrl+Shift+U')).toBe(false);
    expect(globalShortcut.press('Super+U')).toBe(true);
    await setShortcut(null);
    expect(globalShortcut.isRegistered('Super+U')).toBe(false);
    expect(pushed().shortcut.status).toBe('off');
  });

  it('shows the refusal in the app state when another app holds the keys', async () => {
    globalShortcut.taken.add('Control+Shift+U');
    await start();
    await setShortcut('CommandOrControl+Shift+U');
    expect(pushed().shortcut).toMatchObject({ status: 'refused', accelerator: 'CommandOrControl+Shift+U' });
    expect(pushed().settings.shortcut).toBe('CommandOrControl+Shift+U');
    expect(globalShortcut.press('Ctrl+Shift+U')).toBe(false);
  });

  it('refuses garbage from the renderer before it reaches Electron', async () => {
    await start();
    await expect(setShortcut('Ctrl+Banana')).rejects.toThrow();
    expect(globalShortcut.calls).toEqual([]);
  });

  it('says Wayland, with the command to bind, to Settings', async () => {
    await start({ wayland: true });
    expect(pushed().shortcut).toMatchObject({ wayland: true, toggleCommand: '/home/ada/Brimline.AppImage --toggle' });
  });

  it('releases every shortcut on quit', async () => {
    await start();
    await setShortcut('Alt+F9');
    shell.dispose();
    expect(globalShortcut.calls.at(-1)).toBe('unregisterAll');
    expect(globalShortcut.press('Alt+F9')).toBe(false);
  });
});
