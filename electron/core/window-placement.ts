/**
 * Where the popover goes: under the tray icon when the menu bar is at the top (macOS, most Linux
 * panels), above it when the taskbar is at the bottom (Windows), always inside the work area.
 * Wayland reports no tray bounds; then the popover sits in the work area's top-right or
 * bottom-right corner.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export const POPOVER_SIZE: Size = { width: 360, height: 520 };
export const SETTINGS_SIZE: Size = { width: 560, height: 640 };
const GAP = 4;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

export function popoverPosition(tray: Rect | null, win: Size, workArea: Rect, platform: NodeJS.Platform): { x: number; y: number } {
  const maxX = workArea.x + workArea.width - win.width;
  const maxY = workArea.y + workArea.height - win.height;
  const known = tray !== null && tray.width > 0 && tray.height > 0;
  if (!known) {
    const bottom = platform === 'win32';
    return { x: maxX - GAP, y: bottom ? maxY - GAP : workArea.y + GAP };
  }
  const centreX = Math.round(tray.x + tray.width / 2 - win.width / 2);
  const trayMidY = tray.y + tray.height / 2;
  const trayInLowerHalf = trayMidY > workArea.y + workArea.height / 2;
  const y = trayInLowerHalf ? tray.y - win.height - GAP : tray.y + tray.height + GAP;
  return { x: clamp(centreX, workArea.x, maxX), y: clamp(Math.round(y), workArea.y, maxY) };
}
