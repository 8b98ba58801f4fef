import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Notification, Tray, ipcMain, resetElectronMock, shell as mockShell } from './electron-mock';
import { startShell, type Shell } from '../../../electron/adapters/shell';
import type { LoginItem } from '../../../electron/adapters/login-item';
import { AlertStore } from '../../../electron/core/alerts';
import { SecretStore, type KeytarLike } from '../../../electron/core/secret-store';
import type { AppState } from '../../../shared/ipc';
import { FakeCore } from './fake-core';
import { HOUR, T0, snap, win } from './fixtures';

class MemoryKeytar implements KeytarLike {
  readonly items = new Map<string, string>();
  async getPassword(s: string, a: string): Promise<string | null> {
    return this.items.get(`${s}/${a}`) ?? null;
  }
  async setPassword(s: string, a: string, p: string): Promise<void> {
    this.items.set(`${s}/${a}`, p);
  }
  async deletePassword(s: string, a: string): Promise<boolean> {
    return this.items.delete(`${s}/${a}`);
  }
}

class FakeLoginItem implements LoginItem {
  enabled = false;
  async get(): Promise<boolean> {
    return this.enabled;
  }
  async set(v: boolean): Promise<void> {
    this.enabled = v;
  }
}

const RESET = T0 + 2 * HOUR + 13 * 60_000;
const session = (used: number, state: 'ok' | 'stale' = 'ok') => [
  snap([win('five_hour', 'session', used, RESET), win('seven_day', 'weekly', 10, T0 + 90 * HOUR)], state),
];

describe('shell wiring', () => {
  let dir: string;
  let core: FakeCore;
  let login: FakeLoginItem;
  let shell: Shell;
  let quits = 0;
  let notified: string[];

  async function start(platform: NodeJS.Platform = 'darwin'): Promise<void> {
    core = new FakeCore(dir);
    await core.start();
    login = new FakeLoginItem();
    const alerts = new AlertStore(dir);
    await alerts.load();
    notified = [];
    shell = await startShell({
      core,
      secrets: new SecretStore({ loadKeytar: async () => new MemoryKeytar() }),
      alerts,
      loginItem: login,
      logger: { log() {}, info() {}, warn() {}, error() {} },
      platform,
      preload: '/out/preload/index.cjs',
      assetsDir: '/assets',
      origin: { devServerUrl: null },
      appVersion: '1.2.3',
      systemLocales: ['en-US'],
      timeZone: 'UTC',
      devTools: false,
      quit: () => quits++,
      now: () => T0,
      setInterval: () => 0,
      clearInterval: () => undefined,
      observer: { notified: (t) => notified.push(`${t.title} | ${t.body}`) },
    });
  }

  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(path.join(os.tmpdir(), 'headroom-shell-'));
    quits = 0;
  });
  afterEach(() => {
    shell?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('updates the tray title, tooltip and menu on a snapshot', async () => {
    await start('darwin');
    const tray = Tray.instances[0]!;
    expect(tray.title).toBe('–');
    core.push(session(42));
    expect(tray.title).toBe('42%');
    expect(tray.tooltip).toBe('Session (5 h) 42% · resets in 2 hr 13 min\nWeekly 10% · resets in 3 days 18 hr');
    tray.emit('right-click');
    expect(tray.poppedUp.at(-1)!.items[0]).toMatchObject({ label: 'Session (5 h) 42% · resets in 2 hr 13 min', enabled: false });
  });

  it('notifies once on a threshold crossing, with the reset clock, and the click opens the popover', async () => {
    await start('darwin');
    core.push(session(40));
    await shell.settled();
    expect(Notification.instances).toHaveLength(0);
    core.push(session(95));
    await shell.settled();
    expect(Notification.instances).toHaveLength(1);
    const n = Notification.instances[0]!;
    // One notification for the 90 threshold, stating the real usage.
    expect(n.options).toMatchObject({ title: 'Claude Session (5 h) at 95%', body: 'Resets at 12:13 PM.' });
    expect(n.shown).toBe(true);
    expect(notified).toEqual(['Claude Session (5 h) at 95% | Resets at 12:13 PM.']);
    core.push(session(96));
    await shell.settled();
    expect(Notification.instances).toHaveLength(1);
    n.emit('click');
    expect(shell.windows.isPopoverVisible()).toBe(true);
  });

  it('does not notify for stale data or when notifications are off, and does not repeat after a restart', async () => {
    await start('linux');
    core.push(session(80, 'stale'));
    await shell.settled();
    expect(Notification.instances).toHaveLength(0);
    await core.settings.update({ notifications: { enabled: false } });
    core.push(session(80));
    await shell.settled();
    expect(Notification.instances).toHaveLength(0);
    shell.dispose();

    // Restart with notifications on: the 75 crossing was recorded, so it does not fire now.
    await start('linux');
    await core.settings.update({ notifications: { enabled: true } });
    core.push(session(80));
    await shell.settled();
    expect(Notification.instances).toHaveLength(0);
    core.push(session(91));
    await shell.settled();
    expect(Notification.instances.map((x) => x.options.title)).toEqual(['Claude Session (5 h) at 91%']);
    // The renderer learns the alert state: the session window was notified at 90 in this cycle.
    const state = await shell.appState();
    expect(state.alerts).toEqual({ 'local/session': 90 });
  });

  it('serves state over IPC to its own windows only, never a secret', async () => {
    await start('linux');
    shell.windows.showPopover(null);
    const pop = BrowserWindow.instances[0]!;
    const ev = { sender: { id: pop.webContents.id }, senderFrame: pop.webContents.mainFrame };
    const call = (ch: string, payload?: unknown, e: unknown = ev) => Promise.resolve(ipcMain.handlers.get(ch)!(e, payload));

    const status = await call('headroom:save-secret', { name: 'claudeSessionKey', value: 'sk-ant-sid01-very-secret-value' });
    expect(status).toEqual({ saved: { claudeSessionKey: true, adminApiKey: false }, backend: 'keychain', keychainProblem: null });
    const state = (await call('headroom:get-state')) as AppState;
    expect(state.secrets.saved.claudeSessionKey).toBe(true);
    expect(state.claudeCode.found).toBe(true);
    expect(state.appVersion).toBe('1.2.3');
    expect(state.platform).toBe('linux');
    const everything = JSON.stringify([state, pop.webContents.sent]);
    expect(everything).not.toContain('very-secret');
    expect(pop.webContents.sent.some((m) => m.channel === 'headroom:state')).toBe(true);

    await expect(call('headroom:get-state', undefined, { sender: { id: 4242 }, senderFrame: pop.webContents.mainFrame })).rejects.toThrow(
      /not a Headroom window/,
    );
    expect(await call('headroom:open-external', { url: 'https://evil.example/' })).toBe(false);
    expect(await call('headroom:open-external', { url: 'https://claude.ai/settings/usage' })).toBe(true);
    expect(mockShell.opened).toEqual(['https://claude.ai/settings/usage']);
    const settings = await call('headroom:update-settings', { thresholds: [60, 80] });
    expect(settings).toMatchObject({ thresholds: [60, 80] });
    await call('headroom:quit');
    expect(quits).toBe(1);
  });

  it('drives the tray menu: refresh, launch at login (real state), usage page, settings, quit', async () => {
    await start('linux');
    core.push(session(20));
    const tray = Tray.instances[0]!;
    const item = (id: string) => tray.contextMenu!.items.find((i) => i.id === id)!;
    item('refresh').click!({ checked: false });
    expect(core.calls).toContain('refreshNow');
    expect(item('launch-at-login').checked).toBe(false);
    item('launch-at-login').click!({ checked: true });
    await vi.waitFor(() => expect(tray.contextMenu!.items.find((i) => i.id === 'launch-at-login')!.checked).toBe(true));
    expect(login.enabled).toBe(true);
    expect(core.settings.get().launchAtLogin).toBe(true);
    item('usage-page').click!({ checked: false });
    expect(mockShell.opened).toEqual(['https://claude.ai/settings/usage']);
    item('settings').click!({ checked: false });
    expect(BrowserWindow.instances.some((w) => w.loadedUrl === 'app://headroom/index.html#settings')).toBe(true);
    item('quit').click!({ checked: false });
    expect(quits).toBe(1);
  });

  it('applies launch at login when the settings page changes it', async () => {
    await start('win32');
    await core.settings.update({ launchAtLogin: true });
    await vi.waitFor(() => expect(login.enabled).toBe(true));
  });

  it('stops listening when disposed', async () => {
    await start('darwin');
    const tray = Tray.instances[0]!;
    shell.dispose();
    core.push(session(42));
    expect(tray.title).toBe('–');
    expect(ipcMain.handlers.size).toBe(0);
    expect(Tray.instances[0]!.destroyed).toBe(true);
  });
});
