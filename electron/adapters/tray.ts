/**
 * The tray icon. macOS: a template image plus the number as title text. Windows: the number drawn
 * into a badge at the display's scale. Linux: one badge image and always a context menu (GNOME's
 * AppIndicator extension opens it on any click); it is set again only when its items change,
 * because a replaced menu closes while open.
 */
import { Menu, Tray, nativeImage, screen, type MenuItemConstructorOptions, type NativeImage, type Rectangle } from 'electron';
import * as path from 'node:path';
import { renderBadgePng, type BadgeState } from '../core/tray/tray-badge';
import type { MenuEntry, MenuItemId, TrayModel } from '../core/tray/tray-model';

export interface TrayControllerOptions {
  platform: NodeJS.Platform;
  assetsDir: string;
  /** The primary display's scale factor at start; followed afterwards through 'display-metrics-changed'. */
  linuxScale?: number;
  onAction: (id: MenuItemId, checked?: boolean) => void;
  /** Left click (macOS, Windows) or activation (Linux: KDE and other StatusNotifierItem hosts; no bounds there). */
  onClick: (bounds: Rectangle | null) => void;
}

/**
 * Badge pixels for a scale factor. Windows turns only the 1× representation into the HICON
 * (NativeImage::GetHICON uses AsBitmap()), so the 1× image itself must have the pixels the taskbar
 * shows: 16 px at 100 %, 20 at 125 %, 24 at 150 %, 32 at 200 %. Linux panels use 24 px, 48 at 2×.
 */
export function badgeSize(platform: NodeJS.Platform, scaleFactor: number): number {
  const scale = Number.isFinite(scaleFactor) && scaleFactor > 0 ? scaleFactor : 1;
  if (platform === 'win32') return Math.min(256, Math.max(16, Math.round(16 * scale)));
  return scale >= 2 ? 48 : 24;
}

/** Windows cuts tray tooltips at 127 characters. */
export function tooltipLimit(platform: NodeJS.Platform): number {
  return platform === 'win32' ? 127 : 1024;
}

/**
 * Windows and Linux read `&` in a menu label as an accelerator marker and eat it ("Smith & Co"
 * shows as "Smith  Co"); `&&` is a literal one. macOS shows labels as they are.
 */
export function menuLabel(label: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? label : label.replace(/&/g, '&&');
}

export function menuTemplate(
  entries: readonly MenuEntry[],
  onAction: TrayControllerOptions['onAction'],
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  return entries.map((e): MenuItemConstructorOptions => {
    switch (e.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: menuLabel(e.label, platform), enabled: false };
      case 'item':
        return { id: e.id, label: menuLabel(e.label, platform), enabled: e.enabled, click: () => onAction(e.id) };
      case 'checkbox':
        return {
          id: e.id,
          label: menuLabel(e.label, platform),
          type: 'checkbox',
          checked: e.checked,
          click: (item) => onAction(e.id, item.checked),
        };
    }
  });
}

export class TrayController {
  private readonly tray: Tray;
  private readonly images = new Map<string, NativeImage>();
  private lastImageKey: string | null = null;
  private lastTitle: string | null = null;
  private modelTitle: string | null = null;
  private lastTooltip: string | null = null;
  private lastMenuKey: string | null = null;
  private menu: Menu | null = null;
  private scale: number;
  private lastBadge: { value: number | null; state: BadgeState } = { value: null, state: 'stale' };
  private readonly onDisplayMetrics = (): void => this.followScale();
  /** How many times the image was replaced; lets tests see that identical updates are skipped. */
  imageUpdates = 0;

  constructor(private readonly opts: TrayControllerOptions) {
    this.scale = opts.linuxScale ?? screen.getPrimaryDisplay().scaleFactor;
    const initial = opts.platform === 'darwin' ? this.templateImage() : this.badgeImage(null, 'stale');
    this.tray = new Tray(initial);
    this.lastImageKey = opts.platform === 'darwin' ? 'template' : this.imageKey(null, 'stale');
    if (opts.platform === 'linux') {
      // StatusNotifierItem's Activate (a left click on KDE, a middle or double click elsewhere) carries no geometry.
      this.tray.on('click', () => opts.onClick(null));
    } else {
      this.tray.on('click', (_e, bounds) => opts.onClick(bounds ?? null));
      this.tray.on('right-click', () => {
        if (this.menu) this.tray.popUpContextMenu(this.menu);
      });
    }
    if (opts.platform !== 'darwin') screen.on('display-metrics-changed', this.onDisplayMetrics);
  }

  private imageKey(value: number | null, state: BadgeState): string {
    return `${value}:${state}@${badgeSize(this.opts.platform, this.scale)}`;
  }

  /** The taskbar follows the primary display's scale (Settings › Display › Scale, or another monitor made primary). */
  private followScale(): void {
    const scale = screen.getPrimaryDisplay().scaleFactor;
    if (scale === this.scale) return;
    this.scale = scale;
    this.images.clear();
    this.setBadge(this.lastBadge.value, this.lastBadge.state);
  }

  private setBadge(value: number | null, state: BadgeState): void {
    this.lastBadge = { value, state };
    const key = this.imageKey(value, state);
    if (key === this.lastImageKey) return;
    this.tray.setImage(this.badgeImage(value, state));
    this.lastImageKey = key;
    this.imageUpdates++;
  }

  private templateImage(): NativeImage {
    const img = nativeImage.createFromPath(path.join(this.opts.assetsDir, 'trayTemplate.png'));
    img.setTemplateImage(true);
    return img;
  }

  /** Cached per scale: a badge for a given number and state is rasterised once. */
  private badgeImage(value: number | null, state: BadgeState): NativeImage {
    const key = this.imageKey(value, state);
    const cached = this.images.get(key);
    if (cached) return cached;
    const size = badgeSize(this.opts.platform, this.scale);
    const img = nativeImage.createFromBuffer(Buffer.from(renderBadgePng(value, state, size)), { scaleFactor: 1 });
    this.images.set(key, img);
    return img;
  }

  update(model: TrayModel): void {
    const { platform } = this.opts;
    this.modelTitle = model.title;
    if (platform === 'darwin') {
      if (model.title !== this.lastTitle) {
        this.tray.setTitle(model.title, { fontType: 'monospacedDigit' });
        this.lastTitle = model.title;
      }
    } else {
      this.setBadge(model.badge.value, model.badge.state);
    }
    if (model.tooltip !== this.lastTooltip) {
      this.tray.setToolTip(model.tooltip);
      this.lastTooltip = model.tooltip;
    }
    const menuKey = JSON.stringify(model.menu);
    if (menuKey !== this.lastMenuKey) {
      this.menu = Menu.buildFromTemplate(menuTemplate(model.menu, this.opts.onAction, platform));
      this.lastMenuKey = menuKey;
      // Linux: the menu is the way in on GNOME, and hosts only see new items when it is set again.
      // Set only on a real change: replacing it closes an open menu (tray-model's stableMenuLabels).
      if (platform === 'linux') this.tray.setContextMenu(this.menu);
    }
  }

  bounds(): Rectangle | null {
    const b = this.tray.getBounds();
    return b.width > 0 && b.height > 0 ? b : null;
  }

  /** The number the tray shows ("42%"): the title on macOS, drawn into the badge elsewhere. */
  title(): string | null {
    return this.modelTitle;
  }

  destroy(): void {
    screen.removeListener('display-metrics-changed', this.onDisplayMetrics);
    this.tray.destroy();
  }
}
