import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, resetElectronMock } from './electron-mock';
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
    expect(s).toMatchObject({ width: 560, height: 640, show: false });
    expect(s.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true });
  });

  it('loads the renderer by view, places the popover by the tray and hides it on blur', () => {
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
    const pop = BrowserWindow.instances[0]!;
    expect(pop.loadedUrl).toBe('app://headroom/index.html#popover');
    expect(pop.position).toEqual([832, 28]);
    expect(wm.isPopoverVisible()).toBe(true);
    pop.webContents.emit('did-finish-load');
    expect(ready).toEqual([pop]);

    pop.emit('blur');
    expect(wm.isPopoverVisible()).toBe(false);
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
});
