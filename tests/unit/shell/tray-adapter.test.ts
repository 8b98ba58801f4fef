import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Tray, resetElectronMock, screen, setMockPlatform, type MockNativeImage, type Menu } from './electron-mock';
import { TrayController, badgeSize, tooltipLimit } from '../../../electron/adapters/tray';
import type { MenuItemId, TrayModel } from '../../../electron/core/tray/tray-model';
import { decodePng } from '../core/tray/png-decode';

function model(title: string, value: number | null, state: TrayModel['badge']['state'], extra: Partial<TrayModel> = {}): TrayModel {
  return {
    title,
    badge: { value, state },
    tooltip: `Session ${title} · resets in 2 hr 13 min`,
    menu: [
      { type: 'label', label: `Session ${title}` },
      { type: 'separator' },
      { type: 'item', id: 'refresh', label: 'Refresh now', enabled: true },
      { type: 'checkbox', id: 'launch-at-login', label: 'Launch at login', checked: false },
    ],
    selected: null,
    ...extra,
  };
}

function setup(platform: NodeJS.Platform, linuxScale?: number) {
  setMockPlatform(platform);
  const actions: [MenuItemId, boolean | undefined][] = [];
  const clicks: unknown[] = [];
  const ctl = new TrayController({
    platform,
    assetsDir: '/app/assets',
    linuxScale,
    onAction: (id, checked) => actions.push([id, checked]),
    onClick: (b) => clicks.push(b),
  });
  const tray = Tray.instances.at(-1)!;
  return { ctl, tray, actions, clicks };
}

const menuOf = (tray: Tray): Menu => (tray.contextMenu ?? tray.poppedUp.at(-1))!;
const pixels = (img: MockNativeImage): number => {
  if (img.source.kind !== 'buffer') throw new Error(`expected a buffer image, got ${img.source.kind}`);
  expect(img.source.scaleFactor).toBe(1);
  return decodePng(img.source.buffer).width;
};

describe('tray adapter', () => {
  beforeEach(() => resetElectronMock());

  it('macOS: template image, monospaced-digit title, no context menu on left click', () => {
    const { ctl, tray, clicks } = setup('darwin');
    const img = tray.image as unknown as MockNativeImage;
    expect(img.source).toEqual({ kind: 'path', path: '/app/assets/trayTemplate.png' });
    expect(img.template).toBe(true);
    ctl.update(model('42%', 42, 'ok'));
    expect(tray.title).toBe('42%');
    expect(tray.titleOptions).toEqual({ fontType: 'monospacedDigit' });
    expect(tray.tooltip).toBe('Session 42% · resets in 2 hr 13 min');
    expect(tray.calls).not.toContain('setImage');
    expect(tray.calls).not.toContain('setContextMenu');
    tray.emit('click', {}, { x: 5, y: 0, width: 22, height: 22 });
    expect(clicks).toEqual([{ x: 5, y: 0, width: 22, height: 22 }]);
    tray.emit('right-click');
    expect(tray.poppedUp).toHaveLength(1);
  });

  it('skips identical updates', () => {
    const { ctl, tray } = setup('darwin');
    ctl.update(model('42%', 42, 'ok'));
    const n = tray.calls.length;
    ctl.update(model('42%', 42, 'ok'));
    expect(tray.calls.length).toBe(n);
    ctl.update(model('43%', 43, 'ok'));
    expect(tray.calls.slice(n)).toEqual(['setTitle', 'setToolTip']);
  });

  it('Windows: the 1× image has the pixels of the display scale, and follows scale changes', () => {
    screen.displays[0]!.scaleFactor = 1.5;
    const { ctl, tray } = setup('win32');
    ctl.update(model('42%', 42, 'warn'));
    const img = tray.image as unknown as MockNativeImage;
    // Windows builds the HICON from the 1× bitmap only: at 150 % that bitmap must be 24 px, not 16.
    expect(pixels(img)).toBe(24);
    expect(img.representations).toEqual([]);
    expect(ctl.imageUpdates).toBe(1);
    ctl.update(model('42%', 42, 'warn'));
    expect(ctl.imageUpdates).toBe(1);
    ctl.update(model('43%', 43, 'warn'));
    ctl.update(model('42%', 42, 'warn'));
    expect(ctl.imageUpdates).toBe(3);
    expect(tray.image).toBe(img);

    screen.changeScale(1, 2);
    expect(ctl.imageUpdates).toBe(4);
    expect(pixels(tray.image as unknown as MockNativeImage)).toBe(32);
    // Another metric (work area) without a scale change redraws nothing.
    screen.emit('display-metrics-changed', {}, screen.displays[0], ['workArea']);
    expect(ctl.imageUpdates).toBe(4);
    screen.changeScale(1, 1.25);
    expect(pixels(tray.image as unknown as MockNativeImage)).toBe(20);
    expect(tray.title).toBeNull();
    expect(ctl.title()).toBe('42%');
    expect(tooltipLimit('win32')).toBe(127);

    ctl.destroy();
    expect(screen.listenerCount('display-metrics-changed')).toBe(0);
  });

  it('badge pixels per platform and scale', () => {
    expect([1, 1.25, 1.5, 1.75, 2, 3].map((f) => badgeSize('win32', f))).toEqual([16, 20, 24, 28, 32, 48]);
    expect(badgeSize('win32', Number.NaN)).toBe(16);
    expect(badgeSize('win32', 40)).toBe(256);
    expect([1, 1.5, 2].map((f) => badgeSize('linux', f))).toEqual([24, 24, 48]);
  });

  it('Linux: a single 24 px image (48 px at 2×), a context menu from the first update, replaced only when its items change', () => {
    const { ctl, tray, actions, clicks } = setup('linux', 1);
    ctl.update(model('42%', 42, 'ok'));
    expect(pixels(tray.image as unknown as MockNativeImage)).toBe(24);
    expect(tray.contextMenu).not.toBeNull();
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(1);
    ctl.update(model('42%', 42, 'ok'));
    // A tooltip-only change (the countdown ticking) must not replace an open menu.
    ctl.update(model('42%', 42, 'ok', { tooltip: 'Session 42% · resets in 2 hr 12 min' }));
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(1);
    expect(tray.tooltip).toBe('Session 42% · resets in 2 hr 12 min');
    ctl.update(model('50%', 50, 'warn'));
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(2);

    const items = menuOf(tray).items;
    expect(items[0]).toMatchObject({ label: 'Session 50%', enabled: false });
    items.find((i) => i.id === 'refresh')!.click!({ checked: false });
    items.find((i) => i.id === 'launch-at-login')!.click!({ checked: true });
    expect(actions).toEqual([
      ['refresh', undefined],
      ['launch-at-login', true],
    ]);

    const { ctl: hi, tray: hiTray } = setup('linux', 2);
    hi.update(model('1%', 1, 'ok'));
    expect(pixels(hiTray.image as unknown as MockNativeImage)).toBe(48);
    expect(clicks).toEqual([]);
  });

  it('an organisation called "Smith & Co" keeps its ampersand on Windows and Linux (not read as an accelerator), and on macOS', () => {
    const entry: TrayModel['menu'][number] = { type: 'label', label: 'Smith & Co · Session 42%' };
    for (const platform of ['linux', 'win32'] as const) {
      const { ctl, tray } = setup(platform, 1);
      ctl.update(model('42%', 42, 'ok', { menu: [entry] }));
      if (platform === 'win32') tray.emit('right-click');
      expect(menuOf(tray).items[0]!.label).toBe('Smith && Co · Session 42%');
    }
    const { ctl, tray } = setup('darwin');
    ctl.update(model('42%', 42, 'ok', { menu: [entry] }));
    tray.emit('right-click');
    expect(menuOf(tray).items[0]!.label).toBe('Smith & Co · Session 42%');
  });

  it('Linux (KDE): activating the item opens the popover; the tray reports no bounds there', () => {
    const { ctl, tray, clicks } = setup('linux');
    ctl.update(model('42%', 42, 'ok'));
    tray.emit('click', {}, { x: 0, y: 0, width: 0, height: 0 });
    expect(clicks).toEqual([null]);
    expect(ctl.bounds()).toBeNull();
  });
});
