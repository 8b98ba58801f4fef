import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Notification, Tray, ipcMain, pagesLoaded, resetElectronMock, shell as mockShell } from './electron-mock';
import { startShell, type Shell, type ShellOptions, type UpdaterPort } from '../../../electron/adapters/shell';
import type { LoginItem } from '../../../electron/adapters/login-item';
import { AlertStore } from '../../../electron/core/alerts/alerts';
import { SecretStore, type KeytarLike } from '../../../electron/core/platform/secret-store';
import { RELEASES_URL, UpdateController } from '../../../electron/core/platform/update-policy';
import { ManualClock } from '../../support/manual-clock';
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
  /** macOS 13+: registered, waiting for approval in System Settings. */
  pendingApproval = false;
  async requiresApproval(): Promise<boolean> {
    return this.pendingApproval;
  }
  async get(): Promise<boolean> {
    return this.enabled;
  }
  async set(v: boolean): Promise<void> {
    // macOS registers the item but leaves it off until the user approves it.
    this.enabled = v && !this.pendingApproval;
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
  let clock: number;
  let ticks: (() => void)[];

  async function start(platform: NodeJS.Platform = 'darwin', extra: Partial<ShellOptions> = {}): Promise<void> {
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
      now: () => clock,
      setInterval: (fn) => ticks.push(fn),
      clearInterval: () => undefined,
      observer: { notified: (t) => notified.push(`${t.title} | ${t.body}`) },
      ...extra,
    });
  }

  beforeEach(() => {
    resetElectronMock();
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-shell-'));
    quits = 0;
    clock = T0;
    ticks = [];
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
    await pagesLoaded();
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
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    const ev = { sender: { id: pop.webContents.id }, senderFrame: pop.webContents.mainFrame };
    const call = (ch: string, payload?: unknown, e: unknown = ev) => Promise.resolve(ipcMain.handlers.get(ch)!(e, payload));

    const status = await call('brimline:save-secret', { name: 'claudeSessionKey', value: 'sk-ant-sid01-very-secret-value' });
    expect(status).toEqual({ saved: { claudeSessionKey: true, adminApiKey: false }, backend: 'keychain', keychainProblem: null });
    const state = (await call('brimline:get-state')) as AppState;
    expect(state.secrets.saved.claudeSessionKey).toBe(true);
    expect(state.claudeCode.found).toBe(true);
    expect(state.appVersion).toBe('1.2.3');
    expect(state.platform).toBe('linux');
    const everything = JSON.stringify([state, pop.webContents.sent]);
    expect(everything).not.toContain('very-secret');
    expect(pop.webContents.sent.some((m) => m.channel === 'brimline:state')).toBe(true);

    await expect(call('brimline:get-state', undefined, { sender: { id: 4242 }, senderFrame: pop.webContents.mainFrame })).rejects.toThrow(
      /not a Brimline window/,
    );
    expect(await call('brimline:open-external', { url: 'https://evil.example/' })).toBe(false);
    expect(await call('brimline:open-external', { url: 'https://claude.ai/settings/usage' })).toBe(true);
    expect(mockShell.opened).toEqual(['https://claude.ai/settings/usage']);
    const settings = await call('brimline:update-settings', { thresholds: [60, 80] });
    expect(settings).toMatchObject({ thresholds: [60, 80] });
    await call('brimline:quit');
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
    expect(BrowserWindow.instances.some((w) => w.loadedUrl === 'app://brimline/index.html#settings')).toBe(true);
    item('quit').click!({ checked: false });
    expect(quits).toBe(1);
  });

  it('opens Settings at the asked-for section, remembers it, and opens the data folder it knows', async () => {
    await start('linux');
    shell.windows.showPopover(null);
    const pop = BrowserWindow.instances[0]!;
    const ev = { sender: { id: pop.webContents.id }, senderFrame: pop.webContents.mainFrame };
    const call = (ch: string, payload?: unknown, e: unknown = ev) => Promise.resolve(ipcMain.handlers.get(ch)!(e, payload));

    await call('brimline:open-settings', { section: 'accounts' });
    expect(BrowserWindow.instances.some((w) => w.loadedUrl === 'app://brimline/index.html#settings/accounts')).toBe(true);
    expect(core.settings.get().ui.settingsSection).toBe('accounts');
    // Already open: no second window; the remembered section changes and reaches it with the state push.
    await call('brimline:open-settings', { section: 'about' });
    expect(BrowserWindow.instances.filter((w) => w.loadedUrl?.includes('#settings'))).toHaveLength(1);
    expect(core.settings.get().ui.settingsSection).toBe('about');
    await expect(call('brimline:open-settings', { section: '../etc' })).rejects.toThrow(/Invalid request/);
    // The tray's Accounts… entry does the same.
    const item = (id: string) => Tray.instances[0]!.contextMenu!.items.find((i) => i.id === id)!;
    item('settings-accounts').click!({ checked: false });
    await vi.waitFor(() => expect(core.settings.get().ui.settingsSection).toBe('accounts'));

    expect(await call('brimline:open-data-folder')).toBe(true);
    expect(mockShell.openedPaths).toEqual([dir]);
    mockShell.openPathResult = 'Failed to open path';
    expect(await call('brimline:open-data-folder')).toBe(false);
    // No payload may choose the path, and a stranger's frame may not ask at all.
    await expect(call('brimline:open-data-folder', { path: '/etc' })).rejects.toThrow(/Invalid request/);
    await expect(
      call('brimline:open-data-folder', undefined, { sender: { id: 4242 }, senderFrame: pop.webContents.mainFrame }),
    ).rejects.toThrow(/not a Brimline window/);
    expect(mockShell.openedPaths).toEqual([dir, dir]);
    const state = (await call('brimline:get-state')) as AppState;
    expect(state.dataFolder).toBe(dir);
    expect(state.logFile).toBe(path.join(dir, 'brimline.log'));
  });

  it('applies launch at login when the settings page changes it', async () => {
    await start('win32');
    await core.settings.update({ launchAtLogin: true });
    await vi.waitFor(() => expect(login.enabled).toBe(true));
  });

  it('Linux: the ticker redraws the countdown in the tooltip but never replaces the menu (GNOME closes an open one)', async () => {
    await start('linux');
    core.push(session(42));
    const tray = Tray.instances[0]!;
    const menu = tray.contextMenu;
    const menusSet = tray.calls.filter((c) => c === 'setContextMenu').length;
    expect(tray.tooltip).toContain('resets in 2 hr 13 min');
    expect(menu!.items[0]).toMatchObject({ label: 'Session (5 h) 42%', enabled: false });

    clock += 5 * 60_000;
    expect(ticks).toHaveLength(1);
    ticks[0]!();
    expect(tray.tooltip).toContain('resets in 2 hr 8 min');
    expect(tray.contextMenu).toBe(menu);
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(menusSet);

    // New data is a real change: the menu is set again.
    core.push(session(43));
    expect(tray.contextMenu).not.toBe(menu);
    expect(tray.contextMenu!.items[0]).toMatchObject({ label: 'Session (5 h) 43%' });
  });

  it('macOS keeps the countdown in the menu, which it rebuilds only when opened', async () => {
    await start('darwin');
    core.push(session(42));
    const tray = Tray.instances[0]!;
    tray.emit('right-click');
    expect(tray.poppedUp.at(-1)!.items[0]).toMatchObject({ label: 'Session (5 h) 42% · resets in 2 hr 13 min' });
  });

  it('puts the updater in the tray menu and routes its clicks to check and install', async () => {
    const updateClock = new ManualClock(T0);
    const driverCalls: string[] = [];
    const controller = new UpdateController({
      mode: { kind: 'auto', installer: 'nsis' },
      clock: updateClock,
      driver: { check: async () => void driverCalls.push('check'), quitAndInstall: () => void driverCalls.push('quitAndInstall') },
      onChange: () => shell?.render(),
      beforeInstall: async () => void driverCalls.push('beforeInstall'),
    });
    const updater: UpdaterPort = {
      entries: () => controller.entries(),
      check: () => controller.checkNow(),
      install: () => controller.install(),
    };
    controller.start();
    await start('linux', { updater });
    const tray = Tray.instances[0]!;
    const item = (id: string) => tray.contextMenu!.items.find((i) => i.id === id);

    item('check-updates')!.click!({ checked: false });
    expect(driverCalls).toEqual(['check']);
    // The menu follows the updater's state: the check is under way, then the update is ready.
    expect(item('check-updates')).toBeUndefined();
    expect(tray.contextMenu!.items.some((i) => i.label === 'Checking for updates…' && i.enabled === false)).toBe(true);
    controller.dispatch({ type: 'update-available', version: '2.0.0' });
    // Linux: replacing the menu closes it, so the download line carries no percent that would change every second.
    controller.dispatch({ type: 'download-progress', percent: 10 });
    const menuDuringDownload = tray.contextMenu;
    const setsBefore = tray.calls.filter((c) => c === 'setContextMenu').length;
    for (const percent of [20, 35.5, 60, 99]) controller.dispatch({ type: 'download-progress', percent });
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(setsBefore);
    expect(tray.contextMenu).toBe(menuDuringDownload);
    expect(tray.contextMenu!.items.some((i) => i.label === 'Downloading Brimline 2.0.0…')).toBe(true);
    controller.dispatch({ type: 'update-downloaded', version: '2.0.0' });
    expect(item('install-update')).toMatchObject({ label: 'Restart to install Brimline 2.0.0', enabled: true });

    item('install-update')!.click!({ checked: false });
    await vi.waitFor(() => expect(driverCalls).toEqual(['check', 'beforeInstall', 'quitAndInstall']));
    // The installer quits the app; the tray's own Quit is not what ran.
    expect(quits).toBe(0);
    controller.dispose();
  });

  it('an ad hoc macOS build offers the download page for a new version, opened in the browser', async () => {
    const controller = new UpdateController({
      mode: { kind: 'manual', reason: 'ad-hoc-signature' },
      clock: new ManualClock(T0),
      driver: { check: async () => undefined, quitAndInstall: () => undefined },
      onChange: () => shell?.render(),
    });
    controller.start();
    await start('darwin', {
      updater: { entries: () => controller.entries(), check: () => controller.checkNow(), install: () => controller.install() },
    });
    const tray = Tray.instances[0]!;
    controller.checkNow();
    controller.dispatch({ type: 'update-available', version: '2.0.0' });
    tray.emit('right-click');
    const menu = tray.poppedUp.at(-1)!;
    const download = menu.items.find((i) => i.id === 'download-update');
    expect(download).toMatchObject({ enabled: true });
    expect(download!.label).toContain('2.0.0');
    expect(menu.items.find((i) => i.id === 'install-update')).toBeUndefined();
    download!.click!({ checked: false });
    expect(mockShell.opened).toEqual([RELEASES_URL]);
    controller.dispose();
  });

  it('says when the OS blocks notifications, and a test notification reports what the OS did', async () => {
    await start('darwin');
    shell.windows.preload();
    const pop = BrowserWindow.instances[0]!;
    const ev = { sender: { id: pop.webContents.id }, senderFrame: pop.webContents.mainFrame };
    const call = (ch: string) => Promise.resolve(ipcMain.handlers.get(ch)!(ev, undefined));
    expect((await shell.appState()).notifications).toEqual({ supported: true, blocked: false, reason: null });

    Notification.outcome = { failed: 'Notifications are not allowed for this application' };
    core.push(session(40));
    core.push(session(95));
    await shell.settled();
    await vi.waitFor(async () => expect((await shell.appState()).notifications.blocked).toBe(true));
    expect((await shell.appState()).notifications.reason).toBe('Notifications are not allowed for this application');
    // Open windows learn it at once, without asking.
    const pushed = pop.webContents.sent.filter((m) => m.channel === 'brimline:state').at(-1)!.payload as AppState;
    expect(pushed.notifications.blocked).toBe(true);

    expect(await call('brimline:test-notification')).toBe('failed');
    expect(Notification.instances.at(-1)!.options).toMatchObject({ title: 'Brimline notifications work' });
    Notification.outcome = 'shown';
    expect(await call('brimline:test-notification')).toBe('shown');
    expect((await shell.appState()).notifications).toEqual({ supported: true, blocked: false, reason: null });
    Notification.supported = false;
    expect(await call('brimline:test-notification')).toBe('unsupported');
    // Like every channel: another sender is refused, and a payload is not accepted.
    await expect(
      Promise.resolve(ipcMain.handlers.get('brimline:test-notification')!({ ...ev, sender: { id: 4242 } }, undefined)),
    ).rejects.toThrow(/not a Brimline window/);
    await expect(Promise.resolve(ipcMain.handlers.get('brimline:test-notification')!(ev, { title: 'x' }))).rejects.toThrow(
      /Invalid request/,
    );
  });

  it('macOS: says when the login item waits for approval, and notices once it is approved', async () => {
    await start('darwin');
    login.pendingApproval = true;
    await shell.service.setLaunchAtLogin(true);
    const waiting = await shell.appState();
    expect(waiting.loginItemNeedsApproval).toBe(true);
    // Not on yet, but what the user asked for: the checkboxes stay ticked while the note says where to approve.
    expect(login.enabled).toBe(false);
    expect(waiting.launchAtLogin).toBe(true);
    expect(core.settings.get().launchAtLogin).toBe(true);
    expect(shell.service.trayModel().menu.find((e) => e.type === 'checkbox')).toMatchObject({ id: 'launch-at-login', checked: true });

    // Approved in System Settings: the settings window asks for fresh state when it opens or regains focus.
    login.pendingApproval = false;
    login.enabled = true;
    const approved = await shell.service.freshState();
    expect(approved.loginItemNeedsApproval).toBe(false);
    expect(approved.launchAtLogin).toBe(true);
  });

  it('the keychain answering again updates the secret status the windows show', async () => {
    let locked = true;
    let keychainNow = T0;
    const kt = new MemoryKeytar();
    const realGet = kt.getPassword.bind(kt);
    kt.getPassword = async (s, a) => {
      if (locked) throw new Error('Cannot create an item in a locked collection');
      return realGet(s, a);
    };
    const secrets: SecretStore = new SecretStore({
      loadKeytar: async () => kt,
      platform: 'linux',
      now: () => keychainNow,
      // As main.ts wires it.
      onBackendChange: () => void shell.service.secretsChanged(),
    });
    await secrets.init();
    await start('linux', { secrets });
    shell.windows.preload();
    const pop = BrowserWindow.instances[0]!;
    expect((await shell.appState()).secrets.backend).toBe('memory');

    locked = false;
    keychainNow += 10_000;
    // Any use of the store after the backoff asks the keychain again (here a source reading a key).
    await secrets.get('claudeSessionKey');
    await secrets.settled();
    await vi.waitFor(async () => expect((await shell.appState()).secrets).toMatchObject({ backend: 'keychain', keychainProblem: null }));
    const pushed = pop.webContents.sent.filter((m) => m.channel === 'brimline:state').at(-1)!.payload as AppState;
    expect(pushed.secrets.backend).toBe('keychain');
  });

  it('carries what start-up learnt about the tray host to the popover', async () => {
    await start('linux', { trayHost: { host: 'absent', note: 'gnome-appindicator' } });
    expect((await shell.appState()).trayHost).toEqual({ host: 'absent', note: 'gnome-appindicator' });
    shell.dispose();
    await start('darwin');
    expect((await shell.appState()).trayHost).toEqual({ host: 'present', note: null });
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
