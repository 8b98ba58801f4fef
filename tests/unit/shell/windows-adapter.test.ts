import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, app, pagesLoaded, resetElectronMock, screen, setMockPlatform } from './electron-mock';
import { WindowManager, popoverOptions, settingsOptions } from '../../../electron/adapters/windows';

describe('windows', () => {
  beforeEach(() => resetElectronMock());

  it('popover: frameless 360×520, off the taskbar, sandboxed', () => {
    const o = popoverOptions('/out/preload/index.cjs', false);
    expect(o).toMatchObject({ width: 360, height: 520, frame: false, show: false, resizable: false, skipTaskbar: true });
    expect(o.webPreferences).toMatchObject({
      preload: '/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    const s = settingsOptions('/p.cjs', true);
    expect(s).toMatchObject({ width: 720, height: 640, show: false });
    expect(s.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true });
  });

  it('loads the renderer by view, places the popover by the tray and hides it on blur', async () => {
    let now = 1000;
    const ready: unknown[] = [];
    const wm = new WindowManager({
      preload: '/p.cjs',
      origin: { devServerUrl: null },
      platform: 'darwin',
      devTools: false,
      now: () => now,
      onReady: (w) => ready.push(w),
    });
    wm.showPopover({ x: 1000, y: 0, width: 24, height: 24 });
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    expect(pop.loadedUrl).toBe('app://brimline/index.html#popover');
    expect(pop.position).toEqual([832, 28]);
    expect(wm.isPopoverVisible()).toBe(true);
    // The page loaded and painted (the mock does so on the next turn): main pushes the state to it.
    expect(ready).toEqual([pop]);

    pop.emit('blur');
    expect(wm.isPopoverVisible()).toBe(false);
    // Its page is never throttled, so it cannot tell it is hidden: main says so, and the countdown ticker stops.
    expect(pop.webContents.sent.filter((m) => m.channel === 'brimline:visibility').map((m) => m.payload)).toEqual([
      { visible: true },
      { visible: false },
    ]);
    // The tray click that caused the blur must not reopen it at once…
    now += 100;
    wm.togglePopover(null);
    expect(wm.isPopoverVisible()).toBe(false);
    // …but a later click does, and a second click closes it.
    now += 1000;
    wm.togglePopover(null);
    expect(wm.isPopoverVisible()).toBe(true);
    wm.togglePopover(null);
    expect(wm.isPopoverVisible()).toBe(false);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('opens one settings window, knows its own webContents, and rebuilds after close', () => {
    const wm = new WindowManager({ preload: '/p.cjs', origin: { devServerUrl: null }, platform: 'linux', devTools: false });
    wm.openSettings();
    wm.openSettings();
    const settingsWindows = BrowserWindow.instances.filter((w) => w.loadedUrl?.endsWith('#settings'));
    expect(settingsWindows).toHaveLength(1);
    const win = settingsWindows[0]!;
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(wm.owns(win.webContents.id)).toBe(true);
    expect(wm.owns(12345)).toBe(false);
    win.destroy();
    expect(wm.owns(win.webContents.id)).toBe(false);
    wm.openSettings();
    expect(BrowserWindow.instances.filter((w) => w.loadedUrl?.endsWith('#settings'))).toHaveLength(2);
  });

  it('loads a new settings window at the section asked for', () => {
    const wm = new WindowManager({ preload: '/p.cjs', origin: { devServerUrl: null }, platform: 'linux', devTools: false });
    wm.openSettings('about');
    expect(BrowserWindow.instances.map((w) => w.loadedUrl)).toEqual(['app://brimline/index.html#settings/about']);
  });
});

describe('popover per platform', () => {
  beforeEach(() => resetElectronMock());
  afterEach(() => vi.unstubAllEnvs());

  const manager = (platform: NodeJS.Platform, extra: Partial<ConstructorParameters<typeof WindowManager>[0]> = {}) =>
    new WindowManager({ preload: '/p.cjs', origin: { devServerUrl: null }, platform, devTools: false, ...extra });

  it('Linux with a bottom panel: the tray has no bounds, so the popover goes above the panel by the cursor', async () => {
    setMockPlatform('linux');
    screen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 },
    ];
    screen.cursor = { x: 1800, y: 1060 };
    const wm = manager('linux', { popoverMode: 'anchored' });
    wm.showPopover(null);
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    expect(pop.position).toEqual([1920 - 360 - 4, 1040 - 520 - 4]);
    expect(pop.visible).toBe(true);
  });

  it('Wayland: a normal window the compositor places, listed in the taskbar, never positioned by hand', async () => {
    setMockPlatform('linux', { wayland: true });
    vi.stubEnv('XDG_SESSION_TYPE', 'wayland');
    const wm = manager('linux');
    expect(wm.popoverMode).toBe('window');
    wm.showPopover(null);
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    expect(pop.options).not.toMatchObject({ frame: false });
    expect(pop.options.skipTaskbar).not.toBe(true);
    expect(pop.options.alwaysOnTop).not.toBe(true);
    // Nothing is positioned by hand (it would be ignored, leaving the window wherever it landed).
    expect(pop.requested).toEqual(['center']);
    // Not hidden on blur (it is an ordinary window); a tray click raises it when behind others, hides it when in front.
    pop.focused = false;
    pop.emit('blur');
    expect(pop.visible).toBe(true);
    wm.togglePopover(null);
    expect(pop.visible).toBe(true);
    expect(pop.focused).toBe(true);
    wm.togglePopover(null);
    expect(pop.visible).toBe(false);
  });

  it('X11 and XWayland keep the anchored popover', () => {
    vi.stubEnv('XDG_SESSION_TYPE', 'x11');
    vi.stubEnv('WAYLAND_DISPLAY', '');
    expect(manager('linux').popoverMode).toBe('anchored');
    expect(manager('darwin').popoverMode).toBe('anchored');
  });

  it('macOS: on every Space and over full-screen apps at menu level, activating the app so blur can hide it', async () => {
    setMockPlatform('darwin');
    const hides = (): number => app.lifecycle.filter((l) => l === 'hide').length;
    const hidesBefore = hides();
    const wm = manager('darwin');
    wm.showPopover({ x: 1000, y: 0, width: 24, height: 24 });
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    expect(pop.allWorkspaces).toEqual({ visible: true, options: { visibleOnFullScreen: true, skipTransformProcessType: true } });
    expect(pop.alwaysOnTop).toEqual({ flag: true, level: 'pop-up-menu' });
    expect(app.lifecycle).toContain('focus:steal');
    // Another menu-bar item clicked: the popover loses focus and hides, and focus goes back.
    pop.emit('blur');
    expect(pop.visible).toBe(false);
    expect(hides()).toBe(hidesBefore + 1);
    // Opening Settings from the popover, or with Settings open, must not hide the app (and Settings with it).
    wm.showPopover({ x: 1000, y: 0, width: 24, height: 24 });
    wm.openSettings();
    expect(pop.visible).toBe(false);
    expect(hides()).toBe(hidesBefore + 1);
    BrowserWindow.instances.at(-1)!.emit('ready-to-show');
    wm.showPopover({ x: 1000, y: 0, width: 24, height: 24 });
    pop.emit('blur');
    expect(pop.visible).toBe(false);
    expect(hides()).toBe(hidesBefore + 1);
  });

  it('Windows: neither Spaces nor app activation', () => {
    setMockPlatform('win32');
    const wm = manager('win32');
    wm.showPopover({ x: 1800, y: 1044, width: 24, height: 32 });
    const pop = BrowserWindow.instances[0]!;
    expect(pop.requested.filter((r) => !r.startsWith('setPosition'))).toEqual([]);
  });

  it('a crashed renderer is loaded again (no blank popover until restart), but a crash loop closes the window instead', async () => {
    let now = 0;
    const gone: string[] = [];
    const wm = new WindowManager({
      preload: '/p.cjs',
      origin: { devServerUrl: null },
      platform: 'linux',
      devTools: false,
      now: () => now,
      onRendererGone: (view, reason) => gone.push(`${view}:${reason}`),
    });
    wm.showPopover(null);
    await pagesLoaded();
    const pop = BrowserWindow.instances[0]!;
    pop.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(pop.webContents.reloads).toBe(0);
    for (let i = 0; i < 3; i++) {
      now += 1000;
      pop.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    }
    expect(pop.webContents.reloads).toBe(3);
    expect(pop.isDestroyed()).toBe(false);
    now += 1000;
    pop.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(pop.isDestroyed()).toBe(true);
    expect(gone).toEqual(['popover:crashed', 'popover:crashed', 'popover:crashed', 'popover:oom']);
    // The next open builds a fresh one.
    wm.showPopover(null);
    await pagesLoaded();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(wm.isPopoverVisible()).toBe(true);
  });

  it('macOS: Settings appears in Cmd-Tab while open (Dock icon shown), and the icon goes again when it closes', () => {
    setMockPlatform('darwin');
    const wm = manager('darwin');
    wm.openSettings();
    expect(app.lifecycle.at(-1)).toBe('dock.show');
    BrowserWindow.instances.at(-1)!.destroy();
    expect(app.lifecycle.at(-1)).toBe('dock.hide');
    setMockPlatform('win32');
    const before = app.lifecycle.length;
    manager('win32').openSettings();
    expect(app.lifecycle.slice(before).filter((l) => l.startsWith('dock'))).toEqual([]);
  });

  it('closes the popover (and its renderer) after a while hidden, and builds it again, painted before shown', () => {
    const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
    const wm = new WindowManager({
      preload: '/p.cjs',
      origin: { devServerUrl: null },
      platform: 'linux',
      devTools: false,
      idleCloseMs: 90_000,
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => void ((h as (typeof timers)[number]).cleared = true),
    });
    const fire = (): void => {
      for (const t of timers.filter((x) => !x.cleared)) {
        t.cleared = true;
        t.fn();
      }
    };
    // Built ahead at start, closed if nobody opens it.
    wm.preload();
    const first = BrowserWindow.instances[0]!;
    expect(timers.at(-1)!.ms).toBe(90_000);
    fire();
    expect(first.isDestroyed()).toBe(true);
    expect(wm.all()).toEqual([]);

    // Opened again: a new window, shown only once it has painted.
    wm.showPopover(null);
    const second = BrowserWindow.instances[1]!;
    expect(second.visible).toBe(false);
    second.finishLoad();
    expect(second.visible).toBe(true);
    // Visible: no close is pending; hidden: the close is armed again, and reopening in time cancels it.
    expect(timers.filter((t) => !t.cleared)).toEqual([]);
    wm.hidePopover();
    expect(timers.filter((t) => !t.cleared)).toHaveLength(1);
    wm.showPopover(null);
    expect(timers.filter((t) => !t.cleared)).toEqual([]);
    expect(second.isDestroyed()).toBe(false);
    expect(BrowserWindow.instances).toHaveLength(2);
  });
});
