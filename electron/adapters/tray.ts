/**
 * The tray icon. macOS: a template image plus the number as title text. Windows: the number drawn
 * into a multi-resolution badge. Linux: one badge image, and the context menu is set again after
 * every change because AppIndicator ignores clicks and caches the menu.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage, type Rectangle } from 'electron';
import * as path from 'node:path';
import { WINDOWS_BADGE_SIZES, renderBadgePng, type BadgeState } from '../core/tray-badge';
import type { MenuEntry, MenuItemId, TrayModel } from '../core/tray-model';

export interface TrayControllerOptions {
  platform: NodeJS.Platform;
  assetsDir: string;
  /** Linux: 48 px on HiDPI panels, else 24 px. */
  linuxScale?: number;
  onAction: (id: MenuItemId, checked?: boolean) => void;
  /** Left click on macOS and Windows. */
  onClick: (bounds: Rectangle | null) => void;
}

/** Windows cuts tray tooltips at 127 characters. */
export function tooltipLimit(platform: NodeJS.Platform): number {
  return platform === 'win32' ? 127 : 1024;
}

export function menuTemplate(entries: readonly MenuEntry[], onAction: TrayControllerOptions['onAction']): MenuItemConstructorOptions[] {
  return entries.map((e): MenuItemConstructorOptions => {
    switch (e.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: e.label, enabled: false };
      case 'item':
        return { id: e.id, label: e.label, enabled: e.enabled, click: () => onAction(e.id) };
      case 'checkbox':
        return { id: e.id, label: e.label, type: 'checkbox', checked: e.checked, click: (item) => onAction(e.id, item.checked) };
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
  /** How many times the image was replaced; lets tests see that identical updates are skipped. */
  imageUpdates = 0;

  constructor(private readonly opts: TrayControllerOptions) {
    const initial = opts.platform === 'darwin' ? this.templateImage() : this.badgeImage(null, 'stale');
    this.tray = new Tray(initial);
    this.lastImageKey = opts.platform === 'darwin' ? 'template' : 'null:stale';
    if (opts.platform !== 'linux') {
      this.tray.on('click', (_e, bounds) => opts.onClick(bounds ?? null));
      this.tray.on('right-click', () => {
        if (this.menu) this.tray.popUpContextMenu(this.menu);
      });
    }
  }

  private templateImage(): NativeImage {
    const img = nativeImage.createFromPath(path.join(this.opts.assetsDir, 'trayTemplate.png'));
    img.setTemplateImage(true);
    return img;
  }

  /** Cached: a badge for a given number and state is rasterised once. */
  private badgeImage(value: number | null, state: BadgeState): NativeImage {
    const key = `${value}:${state}`;
    const cached = this.images.get(key);
    if (cached) return cached;
    let img: NativeImage;
    if (this.opts.platform === 'win32') {
      img = nativeImage.createEmpty();
      for (const size of WINDOWS_BADGE_SIZES) {
        img.addRepresentation({
          scaleFactor: size / 16,
          width: size,
          height: size,
          buffer: Buffer.from(renderBadgePng(value, state, size)),
        });
      }
    } else {
      const size = (this.opts.linuxScale ?? 1) >= 2 ? 48 : 24;
      img = nativeImage.createFromBuffer(Buffer.from(renderBadgePng(value, state, size)));
    }
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
      const key = `${model.badge.value}:${model.badge.state}`;
      if (key !== this.lastImageKey) {
        this.tray.setImage(this.badgeImage(model.badge.value, model.badge.state));
        this.lastImageKey = key;
        this.imageUpdates++;
      }
    }
    if (model.tooltip !== this.lastTooltip) {
      this.tray.setToolTip(model.tooltip);
      this.lastTooltip = model.tooltip;
    }
    const menuKey = JSON.stringify(model.menu);
    if (menuKey !== this.lastMenuKey) {
      this.menu = Menu.buildFromTemplate(menuTemplate(model.menu, this.opts.onAction));
      this.lastMenuKey = menuKey;
      // Linux: the menu is the only way in, and AppIndicator needs it set again to see changes.
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
    this.tray.destroy();
  }
}
