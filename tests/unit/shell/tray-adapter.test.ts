import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Tray, resetElectronMock, type MockNativeImage, type Menu } from './electron-mock';
import { TrayController, tooltipLimit } from '../../../electron/adapters/tray';
import type { MenuItemId, TrayModel } from '../../../electron/core/tray-model';
import { decodePng } from './png-decode';

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

function setup(platform: NodeJS.Platform, linuxScale = 1) {
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

  it('Windows: one image with a representation per size, cached per number and state', () => {
    const { ctl, tray } = setup('win32');
    ctl.update(model('42%', 42, 'warn'));
    const img = tray.image as unknown as MockNativeImage;
    expect(img.representations.map((r) => [r.scaleFactor, r.width, r.height])).toEqual([
      [1, 16, 16],
      [1.25, 20, 20],
      [1.5, 24, 24],
      [2, 32, 32],
    ]);
    for (const r of img.representations) expect(decodePng(r.buffer).width).toBe(r.width);
    expect(ctl.imageUpdates).toBe(1);
    ctl.update(model('42%', 42, 'warn'));
    expect(ctl.imageUpdates).toBe(1);
    ctl.update(model('43%', 43, 'warn'));
    ctl.update(model('42%', 42, 'warn'));
    expect(ctl.imageUpdates).toBe(3);
    expect(tray.image).toBe(img);
    expect(tray.title).toBeNull();
    expect(ctl.title()).toBe('42%');
    expect(tooltipLimit('win32')).toBe(127);
  });

  it('Linux: a single 24 px image (48 px at 2×) and the menu set again after every change', () => {
    const { ctl, tray, actions } = setup('linux');
    ctl.update(model('42%', 42, 'ok'));
    const img = tray.image as unknown as MockNativeImage;
    expect(img.source.kind).toBe('buffer');
    if (img.source.kind === 'buffer') expect(decodePng(img.source.buffer).width).toBe(24);
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(1);
    ctl.update(model('42%', 42, 'ok'));
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(1);
    ctl.update(model('50%', 50, 'warn'));
    expect(tray.calls.filter((c) => c === 'setContextMenu')).toHaveLength(2);
    expect(tray.listenerCount('click')).toBe(0);

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
    const hiImg = hiTray.image as unknown as MockNativeImage;
    if (hiImg.source.kind === 'buffer') expect(decodePng(hiImg.source.buffer).width).toBe(48);
  });
});
