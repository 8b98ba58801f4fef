/**
 * The popover (frameless, by the tray, hidden on blur) and the settings window. Both load the one
 * renderer page; the hash picks the view. macOS: the popover shows on every Space and over
 * full-screen apps, at menu level. Wayland: a normal centred window instead (see window-placement).
 */
import { BrowserWindow, app, screen, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { secureWebPreferences, rendererUrl, type RendererOrigin, type View } from '../core/platform/security';
import type { SettingsSection } from '../../shared/settings';
import { POPOVER_SIZE, SETTINGS_SIZE, popoverMode, popoverPosition, type PopoverMode } from '../core/tray/window-placement';

export interface WindowManagerOptions {
  preload: string;
  origin: RendererOrigin;
  platform: NodeJS.Platform;
  devTools: boolean;
  now?: () => number;
  /** Called when a window finishes loading, to push the current state. */
  onReady?: (win: BrowserWindow) => void;
  /** Defaults to what process.env and process.argv say (Wayland → 'window'). */
  popoverMode?: PopoverMode;
  /** Told when a window's renderer crashed or was killed (for the log). */
  onRendererGone?: (view: View, reason: string) => void;
  /** How long the popover stays hidden before its window (and renderer process) is closed. */
  idleCloseMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * A tray app runs all week: a hidden popover is closed after this long, so no renderer process runs
 * at rest. Its state lives in main; reopening builds it again from the local bundle.
 */
export const POPOVER_IDLE_CLOSE_MS = 90_000;

export function popoverOptions(preload: string, devTools: boolean, mode: PopoverMode = 'anchored'): BrowserWindowConstructorOptions {
  if (mode === 'window') {
    return {
      ...POPOVER_SIZE,
      show: false,
      resizable: false,
      maximizable: false,
      fullscreenable: false,
      autoHideMenuBar: true,
      title: 'Brimline',
      webPreferences: { ...secureWebPreferences(preload, devTools), backgroundThrottling: false },
    };
  }
  return {
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    title: 'Brimline',
    webPreferences: { ...secureWebPreferences(preload, devTools), backgroundThrottling: false },
  };
}

export function settingsOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...SETTINGS_SIZE,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: 'Brimline Settings',
    autoHideMenuBar: true,
    fullscreenable: false,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

/** A click on the tray that itself blurred the popover must not reopen it at once. */
const REOPEN_GUARD_MS = 300;
/** A renderer that keeps crashing is reloaded this often per minute, then its window is closed (rebuilt on the next open). */
const MAX_RELOADS_PER_WINDOW = 3;
const CRASH_WINDOW_MS = 60_000;

export class WindowManager {
  private popover: BrowserWindow | null = null;
  private settings: BrowserWindow | null = null;
  private lastHiddenAt = Number.NEGATIVE_INFINITY;
  private idleTimer: unknown = null;
  /** Dialogs open over the popover: the focus they take is not the user leaving it. */
  private dialogsOpen = 0;
  private readonly now: () => number;
  readonly popoverMode: PopoverMode;

  constructor(private readonly opts: WindowManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.popoverMode = opts.popoverMode ?? popoverMode(opts.platform, process.env, process.argv);
  }

  private create(view: View, options: BrowserWindowConstructorOptions, part?: string): BrowserWindow {
    const win = new BrowserWindow(options);
    win.webContents.on('did-finish-load', () => this.opts.onReady?.(win));
    const crashes: number[] = [];
    win.webContents.on('render-process-gone', (_event, details: { reason: string }) => {
      if (details.reason === 'clean-exit') return;
      // A crashed renderer leaves a blank window: load the page again, but not in a loop.
      const now = this.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      this.opts.onRendererGone?.(view, details.reason);
      if (crashes.length <= MAX_RELOADS_PER_WINDOW) win.webContents.reload();
      else win.destroy();
    });
    void win.loadURL(rendererUrl(view, this.opts.origin, part));
    return win;
  }

  private ensurePopover(): BrowserWindow {
    if (this.popover && !this.popover.isDestroyed()) return this.popover;
    const win = this.create('popover', popoverOptions(this.opts.preload, this.opts.devTools, this.popoverMode));
    if (this.popoverMode === 'anchored') {
      // Also what closes it when another menu-bar item or the desktop is clicked.
      win.on('blur', () => {
        if (!win.webContents.isDevToolsOpened() && this.dialogsOpen === 0) this.hidePopover();
      });
    }
    if (this.opts.platform === 'darwin') {
      // The dock icon is hidden, so the app is already a UIElement: no process-type switch (which flickers).
      win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
      // Above full-screen apps and normal floating windows, like the system's own menu-bar extras.
      win.setAlwaysOnTop(true, 'pop-up-menu');
    }
    win.on('closed', () => {
      if (this.popover === win) this.popover = null;
    });
    this.popover = win;
    return win;
  }

  /**
   * Builds the popover ahead of time so the first click after launch opens it instantly; like any
   * hidden popover, it is closed again if nobody opens it for a while.
   */
  preload(): void {
    this.ensurePopover();
    this.closeWhenIdle();
  }

  private closeWhenIdle(): void {
    this.cancelIdleClose();
    const set = this.opts.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    this.idleTimer = set(() => {
      this.idleTimer = null;
      const win = this.popover;
      if (win && !win.isDestroyed() && !win.isVisible()) win.destroy();
    }, this.opts.idleCloseMs ?? POPOVER_IDLE_CLOSE_MS);
  }

  private cancelIdleClose(): void {
    if (this.idleTimer === null) return;
    (this.opts.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.idleTimer);
    this.idleTimer = null;
  }

  showPopover(trayBounds: Rectangle | null = null): void {
    this.cancelIdleClose();
    const win = this.ensurePopover();
    if (this.popoverMode === 'window') {
      // Wayland clients cannot place themselves: the compositor places this ordinary window (GNOME
      // centres new windows). center() is only a hint for compositors that map it; nothing relies on it.
      if (!win.isVisible()) win.center();
    } else {
      const known = !!trayBounds && trayBounds.width > 0 && trayBounds.height > 0;
      const cursor = screen.getCursorScreenPoint();
      const display = screen.getDisplayNearestPoint(known ? { x: trayBounds.x, y: trayBounds.y } : cursor);
      const pos = popoverPosition(known ? trayBounds : null, POPOVER_SIZE, display.workArea, this.opts.platform, {
        cursor,
        displayBounds: display.bounds,
      });
      win.setPosition(pos.x, pos.y, false);
    }
    const reveal = (): void => {
      // With no dock icon, showing a window does not activate the app: without this it never becomes
      // key, so it gets no keyboard input and no blur when the user clicks elsewhere.
      if (this.opts.platform === 'darwin') app.focus({ steal: true });
      win.show();
      win.focus();
      win.webContents.send('brimline:visibility', { visible: true });
    };
    // A popover built just now (closed while idle) shows once painted, not as an empty frame.
    if (win.webContents.isLoading()) win.once('ready-to-show', reveal);
    else reveal();
  }

  /** `returnFocus: false` when another Brimline window takes over (Settings). */
  hidePopover(returnFocus = true): void {
    if (this.popover && !this.popover.isDestroyed() && this.popover.isVisible()) {
      this.popover.hide();
      this.popover.webContents.send('brimline:visibility', { visible: false });
      this.lastHiddenAt = this.now();
      this.closeWhenIdle();
      // macOS: showing the popover activated Brimline; hand the focus back to the app the user
      // was in (a no-op when they already clicked into another one). Not while Settings is open.
      const settingsOpen = !!this.settings && !this.settings.isDestroyed() && this.settings.isVisible();
      if (this.opts.platform === 'darwin' && returnFocus && !settingsOpen) app.hide();
    }
  }

  togglePopover(trayBounds: Rectangle | null): void {
    if (this.popover && !this.popover.isDestroyed() && this.popover.isVisible()) {
      // A normal window (Wayland) may be open behind others: the click brings it forward first.
      if (this.popoverMode === 'window' && !this.popover.isFocused()) {
        this.popover.show();
        this.popover.focus();
        return;
      }
      this.hidePopover();
      return;
    }
    if (this.now() - this.lastHiddenAt < REOPEN_GUARD_MS) return;
    this.showPopover(trayBounds);
  }

  isPopoverVisible(): boolean {
    return !!this.popover && !this.popover.isDestroyed() && this.popover.isVisible();
  }

  /**
   * A new window loads at `section`; an open one is brought forward and follows the remembered
   * section, which the caller saved before (it arrives with the state push).
   */
  openSettings(section?: SettingsSection): void {
    this.hidePopover(false);
    if (!this.settings || this.settings.isDestroyed()) {
      const win = this.create('settings', settingsOptions(this.opts.preload, this.opts.devTools), section);
      win.once('ready-to-show', () => win.show());
      // macOS: with the Dock icon hidden, Settings is missing from Cmd-Tab; show the icon while it is open.
      if (this.opts.platform === 'darwin') void app.dock?.show();
      win.on('closed', () => {
        if (this.settings === win) this.settings = null;
        if (this.opts.platform === 'darwin') app.dock?.hide();
      });
      this.settings = win;
      return;
    }
    if (this.settings.isMinimized()) this.settings.restore();
    this.settings.show();
    this.settings.focus();
  }

  /**
   * Runs a dialog (the history's save dialog) over the popover, or without a parent when the
   * popover is hidden; the popover stays open while the dialog has the focus.
   */
  async withDialog<T>(show: (parent: BrowserWindow | null) => Promise<T>): Promise<T> {
    const parent = this.isPopoverVisible() ? this.popover : null;
    this.dialogsOpen++;
    try {
      return await show(parent);
    } finally {
      this.dialogsOpen--;
    }
  }

  /** Live windows, for pushing state. */
  all(): BrowserWindow[] {
    return [this.popover, this.settings].filter((w): w is BrowserWindow => !!w && !w.isDestroyed());
  }

  /** True when `webContentsId` belongs to the popover or the settings window. */
  owns(webContentsId: number): boolean {
    return this.all().some((w) => w.webContents.id === webContentsId);
  }

  destroyAll(): void {
    this.cancelIdleClose();
    for (const w of this.all()) w.destroy();
    this.popover = null;
    this.settings = null;
  }
}
