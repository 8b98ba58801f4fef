/**
 * Where the popover goes: under the tray icon when the menu bar is at the top (macOS, most Linux
 * panels), above it when the taskbar is at the bottom (Windows), always inside the work area.
 * Linux trays report no bounds (StatusNotifierItem has no geometry); then the cursor, which is on
 * the panel at the click, tells which edge the panel is on. On Wayland windows cannot place
 * themselves at all, so the popover becomes a normal window the compositor places (GNOME centres it).
 */
import type { Env } from '../platform/paths';

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
export const SETTINGS_SIZE: Size = { width: 720, height: 640 };
const GAP = 4;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

export interface Point {
  x: number;
  y: number;
}

/** Where the cursor was when the tray was clicked, and the full bounds of its display (panels included). */
export interface CursorHint {
  cursor: Point;
  displayBounds: Rect;
}

/** Without tray bounds: near the cursor, against the panel edge the cursor is on (or nearest to). */
function placeByCursor(hint: CursorHint, win: Size, workArea: Rect): { x: number; y: number } {
  const { cursor, displayBounds: b } = hint;
  const maxX = workArea.x + workArea.width - win.width;
  const maxY = workArea.y + workArea.height - win.height;
  const nearX = clamp(Math.round(cursor.x - win.width / 2), workArea.x + GAP, maxX - GAP);
  const nearY = clamp(Math.round(cursor.y - win.height / 2), workArea.y + GAP, maxY - GAP);
  const workBottom = workArea.y + workArea.height;
  const workRight = workArea.x + workArea.width;
  if (cursor.y >= workBottom) return { x: nearX, y: maxY - GAP };
  if (cursor.y < workArea.y) return { x: nearX, y: workArea.y + GAP };
  if (cursor.x < workArea.x) return { x: workArea.x + GAP, y: nearY };
  if (cursor.x >= workRight) return { x: maxX - GAP, y: nearY };
  // Inside the work area (the menu's "Open" item, an auto-hiding panel, a dock drawn over windows):
  // the edge with the larger panel, else the half of the screen the cursor is in.
  const insetTop = workArea.y - b.y;
  const insetBottom = b.y + b.height - workBottom;
  const bottom = insetBottom !== insetTop ? insetBottom > insetTop : cursor.y > workArea.y + workArea.height / 2;
  return { x: nearX, y: bottom ? maxY - GAP : workArea.y + GAP };
}

export function popoverPosition(
  tray: Rect | null,
  win: Size,
  workArea: Rect,
  platform: NodeJS.Platform,
  hint?: CursorHint,
): { x: number; y: number } {
  const maxX = workArea.x + workArea.width - win.width;
  const maxY = workArea.y + workArea.height - win.height;
  const known = tray !== null && tray.width > 0 && tray.height > 0;
  if (!known) {
    if (hint) return placeByCursor(hint, win, workArea);
    const bottom = platform === 'win32';
    return { x: maxX - GAP, y: bottom ? maxY - GAP : workArea.y + GAP };
  }
  const centreX = Math.round(tray.x + tray.width / 2 - win.width / 2);
  const trayMidY = tray.y + tray.height / 2;
  const trayInLowerHalf = trayMidY > workArea.y + workArea.height / 2;
  const y = trayInLowerHalf ? tray.y - win.height - GAP : tray.y + tray.height + GAP;
  return { x: clamp(centreX, workArea.x, maxX), y: clamp(Math.round(y), workArea.y, maxY) };
}

/**
 * True when Electron runs as a native Wayland client, decided as Chromium's Ozone does for
 * Electron 38+ (which dropped ELECTRON_OZONE_PLATFORM_HINT and picks the platform itself): a
 * `--ozone-platform` switch wins; `--ozone-platform-hint=x11` means XWayland; otherwise the session
 * type says, and only a session that names none falls back to WAYLAND_DISPLAY (an X11 session may
 * carry a stray WAYLAND_DISPLAY, and is still X11).
 */
export function isNativeWayland(platform: NodeJS.Platform, env: Env, argv: readonly string[]): boolean {
  if (platform !== 'linux') return false;
  const switchValue = (name: string): string | null => {
    const prefix = `--${name}=`;
    const hit = argv.findLast((a) => a.startsWith(prefix));
    return hit ? hit.slice(prefix.length).toLowerCase() : null;
  };
  const forced = switchValue('ozone-platform');
  if (forced) return forced === 'wayland';
  if (switchValue('ozone-platform-hint') === 'x11') return false;
  return isWaylandSession(platform, env);
}

/**
 * True in a Wayland session, whichever way Electron draws: the session type says, and only a
 * session that names none falls back to WAYLAND_DISPLAY. Under XWayland too, an app's key grab
 * only sees keys while one of its own X11 windows has focus, so global shortcuts need this one.
 */
export function isWaylandSession(platform: NodeJS.Platform, env: Env): boolean {
  if (platform !== 'linux') return false;
  const session = env.XDG_SESSION_TYPE?.trim().toLowerCase();
  if (session) return session === 'wayland';
  return !!env.WAYLAND_DISPLAY;
}

/**
 * 'anchored': the frameless popover by the tray. 'window': on Wayland, where a client cannot
 * position itself, stay on top or leave the taskbar, an ordinary framed window placed by the
 * compositor and listed in the taskbar, so it can always be found again.
 */
export type PopoverMode = 'anchored' | 'window';

export function popoverMode(platform: NodeJS.Platform, env: Env, argv: readonly string[]): PopoverMode {
  return isNativeWayland(platform, env, argv) ? 'window' : 'anchored';
}
