import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumProfileDir, dataDir } from '../../../electron/core/platform/paths';
import type { AppState, SecretStatus } from '../../../shared/ipc';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Tray, app, globalShortcut, ipcMain, pagesLoaded, protocol, session } from './electron-mock';
import { CLAUDE_WEB_PARTITION } from '../../../electron/adapters/claude-web-fetch';

describe('main (composition root)', () => {
  let tmp: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-'));
    Object.assign(process.env, {
      BRIMLINE_DATA_DIR: path.join(tmp, 'data'),
      CLAUDE_CONFIG_DIR: path.join(tmp, 'no-claude'),
      // Nothing listens on port 9 of loopback: no traffic leaves the machine.
      BRIMLINE_ANTHROPIC_API_URL: 'http://127.0.0.1:9',
      XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
      // Vanilla GNOME with no session bus to ask: the desktop name decides (no tray host, first start).
      XDG_CURRENT_DESKTOP: 'GNOME',
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

  it("moves Chromium's profile, then takes the single-instance lock, enables the sandbox, turns the GPU off and registers app:// before ready", () => {
    expect(app.lifecycle.slice(0, 5)).toEqual([
      'setPath:userData',
      'requestSingleInstanceLock',
      'enableSandbox',
      'disableHardwareAcceleration',
      'appendSwitch:disable-gpu',
    ]);
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    if (process.platform === 'darwin') expect(app.lifecycle).toContain('dock.hide');
  });

  it("keeps Chromium's profile out of Brimline's data folder, and a dev run apart from the installed app", () => {
    const appData = app.getPath('appData');
    const userData = app.getPath('userData');
    // What Brimline's data folder would be without BRIMLINE_DATA_DIR: <appData>/Brimline, Electron's default userData.
    const { BRIMLINE_DATA_DIR: _override, ...env } = process.env;
    const brimlineData = dataDir(env);
    expect(brimlineData).toBe(path.join(appData, 'Brimline'));
    expect(userData).not.toBe(brimlineData);
    // This run is unpackaged: its lock lives in a profile the packaged app does not use.
    expect(userData).toBe(chromiumProfileDir(appData, false));
    expect(userData).not.toBe(chromiumProfileDir(appData, true));
  });

  it('hardens the default session and serves the renderer', () => {
    expect(session.defaultSession.permissionRequest).not.toBeNull();
    expect(session.defaultSession.headers).not.toBeNull();
    expect(session.defaultSession.protocolHandlers.has('app')).toBe(true);
  });

  it('creates the tray, preloads the popover and registers the IPC handlers', () => {
    expect(BrowserWindow.instances[0]!.loadedUrl).toBe('app://brimline/index.html#popover');
    expect(BrowserWindow.instances[0]!.options.webPreferences).toMatchObject({
      sandbox: true,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
    expect(ipcMain.handlers.has('brimline:get-state')).toBe(true);
  });

  it.runIf(process.platform === 'linux')('vanilla GNOME: shows the popover at the first start, with the AppIndicator note', async () => {
    const popover = BrowserWindow.instances[0]!;
    expect(popover.visible).toBe(true);
    const ev = { sender: { id: popover.webContents.id }, senderFrame: popover.webContents.mainFrame };
    const state = (await ipcMain.handlers.get('brimline:get-state')!(ev, undefined)) as AppState;
    expect(state.trayHost).toEqual({ host: 'likely-absent', note: 'gnome-appindicator' });
  });

  it('opens no hidden claude.ai window while the claude.ai source is off', () => {
    const partitions = BrowserWindow.instances.map((w) => (w.options.webPreferences as { partition?: string } | undefined)?.partition);
    expect(partitions).not.toContain(CLAUDE_WEB_PARTITION);
  });

  it('keeps running with no window open, and a second launch opens the popover', () => {
    expect(app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    app.emit('second-instance', { preventDefault: () => undefined }, ['/opt/Brimline/brimline'], '/home/ada', {});
    expect(BrowserWindow.instances[0]!.visible).toBe(true);
    // A launch without --toggle hands no toggle over.
    expect(app.lockData).toBeUndefined();
  });

  it('a second launch with --toggle closes the open popover; without it, opens it as before', () => {
    const popover = BrowserWindow.instances[0]!;
    const second = (argv: string[], data: unknown = {}) =>
      app.emit('second-instance', { preventDefault: () => undefined }, ['/opt/Brimline/brimline', ...argv], '/home/ada', data);
    popover.show();
    popover.focus();
    second(['--toggle']);
    expect(popover.visible).toBe(false);
    second([]);
    expect(popover.visible).toBe(true);
    second([], { toggle: true });
    expect(popover.visible).toBe(false);
    second([]);
    expect(popover.visible).toBe(true);
  });

  it('macOS: launching again from Finder or Spotlight (activate) opens the popover', () => {
    const popover = BrowserWindow.instances[0]!;
    popover.hide();
    app.emit('activate', { preventDefault: () => undefined }, false);
    expect(popover.visible).toBe(true);
  });

  it('reports a further key saved through IPC as saved (the keychain status covers the further keys)', async () => {
    const popover = BrowserWindow.instances[0]!;
    const ev = { sender: { id: popover.webContents.id }, senderFrame: popover.webContents.mainFrame };
    const status = (await ipcMain.handlers.get('brimline:add-key')!(ev, {
      kind: 'adminApiKey',
      value: 'sk-ant-admin01-TEST-second',
    })) as SecretStatus;
    const further = Object.entries(status.saved).filter(([name]) => name.startsWith('adminApiKey.'));
    expect(further).toEqual([[expect.stringMatching(/^adminApiKey\.[0-9a-f]{8}$/), true]]);
  });

  it('registers the shortcut Settings sets; pressing it opens the popover, and again closes it', async () => {
    const popover = BrowserWindow.instances[0]!;
    popover.hide();
    const ev = { sender: { id: popover.webContents.id }, senderFrame: popover.webContents.mainFrame };
    await ipcMain.handlers.get('brimline:update-settings')!(ev, { shortcut: 'CommandOrControl+Alt+B' });
    expect(globalShortcut.isRegistered('CommandOrControl+Alt+B')).toBe(true);
    const state = (await ipcMain.handlers.get('brimline:get-state')!(ev, undefined)) as AppState;
    expect(state.shortcut).toMatchObject({ status: 'active', accelerator: 'CommandOrControl+Alt+B' });
    // An unpackaged run binds the Electron binary with its app folder.
    expect(state.shortcut.toggleCommand).toMatch(/ --toggle$/);
    // Past the guard that keeps a tray click which just closed the popover from reopening it.
    await new Promise((resolve) => setTimeout(resolve, 350));
    globalShortcut.press('CommandOrControl+Alt+B');
    await pagesLoaded();
    expect(popover.visible).toBe(true);
    globalShortcut.press('CommandOrControl+Alt+B');
    expect(popover.visible).toBe(false);
  });

  it('Windows shutdown: session-end saves the state although before-quit never comes', async () => {
    const snapshots = path.join(tmp, 'data', 'snapshots.json');
    rmSync(snapshots, { force: true });
    BrowserWindow.instances[0]!.emit('session-end', { reasons: ['shutdown'], preventDefault: () => undefined });
    await vi.waitFor(() => expect(existsSync(snapshots)).toBe(true));
    // The shell was stopped like on quit (IPC handlers gone), yet quitting is left to Windows.
    expect(ipcMain.handlers.has('brimline:get-state')).toBe(false);
    expect(app.lifecycle).not.toContain('quit');
    // Stopping released the global shortcut.
    expect(globalShortcut.calls.at(-1)).toBe('unregisterAll');
    expect(globalShortcut.press('CommandOrControl+Alt+B')).toBe(false);
  });
});
