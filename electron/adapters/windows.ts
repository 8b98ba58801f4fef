/**
 * The popover (frameless, by the tray, hidden on blur) and the settings window. Both load the one
 * renderer page; the hash picks the view.
 */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { secureWebPreferences, rendererUrl, type RendererOrigin, type View } from '../core/security';
import { POPOVER_SIZE, SETTINGS_SIZE, popoverPosition } from '../core/window-placement';

export interface WindowManagerOptions {
  preload: string;
  origin: RendererOrigin;
  platform: NodeJS.Platform;
  devTools: boolean;
  now?: () => number;
  /** Called when a window finishes loading, to push the current state. */
  onReady?: (win: BrowserWindow) => void;
}

export function popoverOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
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
    title: 'Headroom',
    webPreferences: { ...secureWebPreferences(preload, devTools), backgroundThrottling: false },
  };
}

export function settingsOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...SETTINGS_SIZE,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: 'Headroom Settings',
    autoHideMenuBar: true,
    fullscreenable: false,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

/** A click on the tray that itself blurred the popover must not reopen it at once. */
const REOPEN_GUARD_MS = 300;

export class WindowManager {
  private popover: BrowserWindow | null = null;
  private settings: BrowserWindow | null = null;
  private lastHiddenAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly opts: WindowManagerOptions) {
    this.now = opts.now ?? Date.now;
  }

  private create(view: View, options: BrowserWindowConstructorOptions): BrowserWindow {
    const win = new BrowserWindow(options);
    win.webContents.on('did-finish-load', () => this.opts.onReady?.(win));
    void win.loadURL(rendererUrl(view, this.opts.origin));
    return win;
  }

  private ensurePopover(): BrowserWindow {
    if (this.popover && !this.popover.isDestroyed()) return this.popover;
    const win = this.create('popover', popoverOptions(this.opts.preload, this.opts.devTools));
    win.on('blur', () => {
      if (!win.webContents.isDevToolsOpened()) this.hidePopover();
    });
    win.on('closed', () => {
      if (this.popover === win) this.popover = null;
    });
    this.popover = win;
    return win;
  }

  /** Builds the popover ahead of time so the first click opens it instantly. */
  preload(): void {
    this.ensurePopover();
  }

  showPopover(trayBounds: Rectangle | null = null): void {
    const win = this.ensurePopover();
    const point = trayBounds ? { x: trayBounds.x, y: trayBounds.y } : screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint(point);
    const pos = popoverPosition(trayBounds, POPOVER_SIZE, display.workArea, this.opts.platform);
    win.setPosition(pos.x, pos.y, false);
    win.show();
    win.focus();
  }

  hidePopover(): void {
    if (this.popover && !this.popover.isDestroyed() && this.popover.isVisible()) {
      this.popover.hide();
      this.lastHiddenAt = this.now();
    }
  }

  togglePopover(trayBounds: Rectangle | null): void {
    if (this.popover && !this.popover.isDestroyed() && this.popover.isVisible()) {
      this.hidePopover();
      return;
    }
    if (this.now() - this.lastHiddenAt < REOPEN_GUARD_MS) return;
    this.showPopover(trayBounds);
  }

  isPopoverVisible(): boolean {
    return !!this.popover && !this.popover.isDestroyed() && this.popover.isVisible();
  }

  openSettings(): void {
    this.hidePopover();
    if (!this.settings || this.settings.isDestroyed()) {
      const win = this.create('settings', settingsOptions(this.opts.preload, this.opts.devTools));
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => {
        if (this.settings === win) this.settings = null;
      });
      this.settings = win;
      return;
    }
    if (this.settings.isMinimized()) this.settings.restore();
    this.settings.show();
    this.settings.focus();
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
    for (const w of this.all()) w.destroy();
    this.popover = null;
    this.settings = null;
  }
}
