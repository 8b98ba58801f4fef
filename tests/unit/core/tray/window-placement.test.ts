import { describe, expect, it } from 'vitest';
import {
  isNativeWayland,
  isWaylandSession,
  popoverMode,
  popoverPosition,
  POPOVER_SIZE,
} from '../../../../electron/core/tray/window-placement';

const size = POPOVER_SIZE;
const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('popover placement without tray bounds (Linux)', () => {
  it('bottom panel: above it, centred on the cursor, inside the work area', () => {
    const work = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition(null, size, work, 'linux', { cursor: { x: 900, y: 1060 }, displayBounds: screen })).toEqual({ x: 720, y: 516 });
    // Near the right edge it is clamped in.
    expect(popoverPosition(null, size, work, 'linux', { cursor: { x: 1910, y: 1060 }, displayBounds: screen })).toEqual({
      x: 1556,
      y: 516,
    });
  });

  it('top bar (GNOME, KDE at the top): below it', () => {
    const work = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(popoverPosition(null, size, work, 'linux', { cursor: { x: 1700, y: 10 }, displayBounds: screen })).toEqual({ x: 1520, y: 36 });
  });

  it('side panels: beside them', () => {
    const left = { x: 48, y: 0, width: 1872, height: 1080 };
    expect(popoverPosition(null, size, left, 'linux', { cursor: { x: 20, y: 1000 }, displayBounds: screen })).toEqual({ x: 52, y: 556 });
    const right = { x: 0, y: 0, width: 1872, height: 1080 };
    expect(popoverPosition(null, size, right, 'linux', { cursor: { x: 1900, y: 100 }, displayBounds: screen })).toEqual({ x: 1508, y: 4 });
  });

  it('cursor inside the work area ("Open" in the menu, auto-hiding panel): the edge with the panel, else the cursor half', () => {
    const bottomPanel = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition(null, size, bottomPanel, 'linux', { cursor: { x: 900, y: 300 }, displayBounds: screen }).y).toBe(516);
    const topBar = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(popoverPosition(null, size, topBar, 'linux', { cursor: { x: 900, y: 900 }, displayBounds: screen }).y).toBe(36);
    expect(popoverPosition(null, size, screen, 'linux', { cursor: { x: 900, y: 1000 }, displayBounds: screen }).y).toBe(556);
    expect(popoverPosition(null, size, screen, 'linux', { cursor: { x: 900, y: 100 }, displayBounds: screen }).y).toBe(4);
  });

  it('known tray bounds still win over the cursor', () => {
    const work = { x: 0, y: 25, width: 1440, height: 875 };
    const tray = { x: 1000, y: 0, width: 24, height: 24 };
    expect(popoverPosition(tray, size, work, 'darwin', { cursor: { x: 10, y: 800 }, displayBounds: screen })).toEqual({ x: 832, y: 28 });
  });
});

describe('Wayland detection', () => {
  it('native Wayland unless Ozone is told to use X11', () => {
    const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' };
    expect(isNativeWayland('linux', wayland, [])).toBe(true);
    expect(isNativeWayland('linux', { WAYLAND_DISPLAY: 'wayland-0' }, [])).toBe(true);
    expect(isNativeWayland('linux', { XDG_SESSION_TYPE: 'Wayland' }, [])).toBe(true);
    expect(isNativeWayland('linux', wayland, ['/opt/Brimline/brimline', '--ozone-platform=x11'])).toBe(false);
    expect(isNativeWayland('linux', wayland, ['--ozone-platform-hint=x11'])).toBe(false);
    // Electron 38 removed ELECTRON_OZONE_PLATFORM_HINT: it no longer changes anything.
    expect(isNativeWayland('linux', { ...wayland, ELECTRON_OZONE_PLATFORM_HINT: 'x11' }, [])).toBe(true);
    // An X11 session with a stray WAYLAND_DISPLAY (a nested compositor, a leftover variable) is X11.
    expect(isNativeWayland('linux', { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, [])).toBe(false);
    expect(isNativeWayland('linux', wayland, ['--ozone-platform-hint=auto'])).toBe(true);
    // The last switch counts, as in Chromium.
    expect(isNativeWayland('linux', wayland, ['--ozone-platform=x11', '--ozone-platform=wayland'])).toBe(true);
    expect(isNativeWayland('linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, [])).toBe(false);
    expect(isNativeWayland('linux', {}, [])).toBe(false);
    expect(isNativeWayland('darwin', wayland, [])).toBe(false);
  });

  it('a Wayland session stays one under XWayland (key grabs then only see keys sent to our own windows)', () => {
    const wayland = { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' };
    expect(isWaylandSession('linux', wayland)).toBe(true);
    expect(isNativeWayland('linux', wayland, ['--ozone-platform=x11'])).toBe(false);
    expect(isWaylandSession('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWaylandSession('linux', { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(isWaylandSession('win32', wayland)).toBe(false);
  });

  it('picks the normal-window popover on Wayland only', () => {
    expect(popoverMode('linux', { XDG_SESSION_TYPE: 'wayland' }, [])).toBe('window');
    expect(popoverMode('linux', { XDG_SESSION_TYPE: 'x11' }, [])).toBe('anchored');
    expect(popoverMode('win32', { XDG_SESSION_TYPE: 'wayland' }, [])).toBe('anchored');
  });
});
