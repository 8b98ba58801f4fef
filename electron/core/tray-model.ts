/**
 * What the tray shows, computed from snapshots and settings without Electron: which window's
 * number, its colour, the tooltip lines and the context menu as plain data. The adapter only
 * turns this into a Tray, a nativeImage and a Menu.
 */
import {
  effectiveUsedPercent,
  isPastReset,
  msUntilReset,
  remainingPercent,
  severity,
  windowKey,
  type SourceSnapshot,
  type UsageWindow,
} from '../../shared/domain';
import { formatDuration, formatPercent, formatResetClock } from '../../shared/format';
import type { MainStrings } from '../../shared/i18n/main-strings';
import type { Settings } from '../../shared/settings';
import type { BadgeState } from './tray-badge';

export interface TrayContext {
  snapshots: readonly SourceSnapshot[];
  settings: Settings;
  now: number;
  strings: MainStrings;
  /** Intl locale for numbers and durations. */
  locale: string;
  timeZone?: string;
  launchAtLogin: boolean;
  refreshAllowedAt: string | null;
  /** Source labels by id ("Claude plan"); unknown ids show as the id. */
  sourceLabels?: Readonly<Record<string, string>>;
  /**
   * Menu labels without countdowns (the tooltip keeps them), so the menu only changes with the
   * data. For Linux: a replaced menu closes while open on GNOME, and the shell re-renders every tick.
   */
  stableMenuLabels?: boolean;
}

export interface SelectedWindow {
  sourceId: string;
  window: UsageWindow;
  /** The percent the tray shows (used or remaining, per settings), rounded. */
  shown: number;
}

export type MenuItemId = 'open' | 'refresh' | 'settings' | 'usage-page' | 'launch-at-login' | 'quit';

export type MenuEntry =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'item'; id: MenuItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: MenuItemId; label: string; checked: boolean };

export interface TrayModel {
  /** macOS menu-bar text, e.g. "42%"; "–" without data. */
  title: string;
  badge: { value: number | null; state: BadgeState };
  tooltip: string;
  menu: MenuEntry[];
  selected: SelectedWindow | null;
}

const AUTO_KINDS = new Set(['session', 'weekly']);

function usable(s: SourceSnapshot): boolean {
  return (s.state === 'ok' || s.state === 'stale') && s.windows.length > 0;
}

/**
 * The pinned window when it exists, else the session or weekly window closest to its limit.
 * Ties go to the earlier one (session before weekly, as sources list them).
 */
export function selectWindow(snapshots: readonly SourceSnapshot[], settings: Settings, now: number): SelectedWindow | null {
  const pick = (sourceId: string, window: UsageWindow): SelectedWindow => {
    const pct = settings.tray.display === 'remaining' ? remainingPercent(window, now) : effectiveUsedPercent(window, now);
    return { sourceId, window, shown: Math.round(pct) };
  };
  if (settings.tray.window !== 'auto') {
    for (const s of snapshots) {
      if (!usable(s)) continue;
      const w = s.windows.find((x) => windowKey(s.sourceId, x.id) === settings.tray.window);
      if (w) return pick(s.sourceId, w);
    }
  }
  let best: { sourceId: string; window: UsageWindow; used: number } | null = null;
  for (const s of snapshots) {
    if (!usable(s)) continue;
    for (const w of s.windows) {
      if (!AUTO_KINDS.has(w.kind)) continue;
      const used = effectiveUsedPercent(w, now);
      if (!best || used > best.used) best = { sourceId: s.sourceId, window: w, used };
    }
  }
  return best ? pick(best.sourceId, best.window) : null;
}

export function windowLabel(w: UsageWindow, strings: MainStrings): string {
  if (w.kind === 'session') return strings.windowSession;
  if (w.kind === 'weekly') return strings.windowWeekly;
  return w.label;
}

/** "Session 42% · resets in 2 hr 13 min" */
export function windowLine(w: UsageWindow, ctx: Pick<TrayContext, 'now' | 'strings' | 'locale'>): string {
  const label = windowLabel(w, ctx.strings);
  const pct = formatPercent(Math.round(effectiveUsedPercent(w, ctx.now)), ctx.locale);
  if (isPastReset(w, ctx.now)) return ctx.strings.tooltipReset(label, pct);
  const ms = msUntilReset(w, ctx.now);
  if (ms === null) return ctx.strings.tooltipNotStarted(label, pct);
  return ctx.strings.tooltipResetsIn(label, pct, formatDuration(ms, ctx.locale));
}

/** "Session 42%": the same until the data changes or the window resets. */
export function stableWindowLine(w: UsageWindow, ctx: Pick<TrayContext, 'now' | 'strings' | 'locale'>): string {
  const label = windowLabel(w, ctx.strings);
  const pct = formatPercent(Math.round(effectiveUsedPercent(w, ctx.now)), ctx.locale);
  return isPastReset(w, ctx.now) ? ctx.strings.tooltipReset(label, pct) : `${label} ${pct}`;
}

/** One line per window of every source, plus a line for each source that failed or is stale. */
export function statusLines(ctx: TrayContext, line: typeof windowLine = windowLine): string[] {
  const lines: string[] = [];
  for (const s of ctx.snapshots) {
    const name = ctx.sourceLabels?.[s.sourceId] ?? s.sourceId;
    for (const w of s.windows) lines.push(line(w, ctx));
    if (s.state === 'stale') lines.push(ctx.strings.tooltipStale(name));
    if (s.state === 'error' && s.error) lines.push(ctx.strings.tooltipError(name, s.error.message));
  }
  return lines.length > 0 ? lines : [ctx.strings.tooltipNoData];
}

function badgeState(ctx: TrayContext, selected: SelectedWindow | null): BadgeState {
  if (!selected) return ctx.snapshots.some((s) => s.state === 'error') ? 'error' : 'stale';
  const snap = ctx.snapshots.find((s) => s.sourceId === selected.sourceId);
  if (snap?.state === 'stale') return 'stale';
  // Colour follows how much is used, whichever number is shown.
  return severity(effectiveUsedPercent(selected.window, ctx.now), ctx.settings.thresholds);
}

/** Windows truncates tray tooltips at 127 characters; cut whole lines rather than mid-word. */
export function fitTooltip(lines: readonly string[], max: number): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > max) return out || line.slice(0, Math.max(0, max - 1)) + '…';
    out = next;
  }
  return out;
}

export function buildTrayModel(ctx: TrayContext, tooltipMax = Number.POSITIVE_INFINITY): TrayModel {
  const selected = selectWindow(ctx.snapshots, ctx.settings, ctx.now);
  const lines = statusLines(ctx);
  const refreshAt = ctx.refreshAllowedAt ? Date.parse(ctx.refreshAllowedAt) : NaN;
  const refreshBlocked = Number.isFinite(refreshAt) && refreshAt > ctx.now;
  const menuLines = ctx.stableMenuLabels ? statusLines(ctx, stableWindowLine) : lines;
  const menu: MenuEntry[] = [
    ...menuLines.map((label): MenuEntry => ({ type: 'label', label })),
    { type: 'separator' },
    { type: 'item', id: 'open', label: ctx.strings.menuOpen, enabled: true },
    {
      type: 'item',
      id: 'refresh',
      label: refreshBlocked
        ? ctx.strings.menuRefreshAt(formatResetClock(refreshAt, ctx.now, { locale: ctx.locale, timeZone: ctx.timeZone }))
        : ctx.strings.menuRefresh,
      enabled: !refreshBlocked,
    },
    { type: 'item', id: 'settings', label: ctx.strings.menuSettings, enabled: true },
    { type: 'item', id: 'usage-page', label: ctx.strings.menuUsagePage, enabled: true },
    { type: 'separator' },
    { type: 'checkbox', id: 'launch-at-login', label: ctx.strings.menuLaunchAtLogin, checked: ctx.launchAtLogin },
    { type: 'separator' },
    { type: 'item', id: 'quit', label: ctx.strings.menuQuit, enabled: true },
  ];
  return {
    title: selected ? `${selected.shown}%` : '–',
    badge: { value: selected ? selected.shown : null, state: badgeState(ctx, selected) },
    tooltip: fitTooltip(lines, tooltipMax),
    menu,
    selected,
  };
}
