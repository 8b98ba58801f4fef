/**
 * What every status-bar format shows, computed once: the tray's window (closest to its limit, or
 * the pinned one: `selectWindow` in tray-model.ts), its number as the user chose (used or
 * remaining), its class from the alert thresholds, and the tray's tooltip lines. Pure.
 */
import { effectiveUsedPercent, type MergedWindow } from '../../../../../shared/domain';
import { windowLabel } from '../../../../../shared/labels';
import { paceMarker, selectWindow, statusLines, windowLine, type SelectedWindow } from '../../../tray/tray-model';
import type { StatusFrame } from '../frame';

/**
 * ok below the first threshold, warn from the first, high from the second, critical from the
 * third or at 100 %; stale when the number is old (or the window is past its reset) and error when
 * there is no number and a source failed.
 */
export type BarClass = 'ok' | 'warn' | 'high' | 'critical' | 'stale' | 'error';
export const BAR_CLASSES: readonly BarClass[] = ['ok', 'warn', 'high', 'critical', 'stale', 'error'];

export interface BarModel {
  selected: SelectedWindow | null;
  /** "5h 42%" ("5h 58% left" when the user shows what remains); "–" without data. */
  text: string;
  /** "42%", or "–". */
  short: string;
  /** The number shown, an integer (0 without data). */
  percentage: number;
  cls: BarClass;
  /** The tray's tooltip: one line per window with its reset, then stale or failing sources. */
  tooltip: string[];
}

/** Text colours readable on dark and light bars alike. */
export const BAR_COLOURS: Record<BarClass, string> = {
  ok: '#4CAF50',
  warn: '#E5C07B',
  high: '#F0A050',
  critical: '#EF5350',
  stale: '#9AA0A6',
  error: '#9AA0A6',
};

export function usedClass(used: number, thresholds: readonly number[]): BarClass {
  const t = [...thresholds].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (used >= 100 || (t.length >= 3 && used >= t[2]!)) return 'critical';
  if (t.length >= 2 && used >= t[1]!) return 'high';
  if (t.length >= 1 && used >= t[0]!) return 'warn';
  return 'ok';
}

/** "5h" and "7d" as in Claude Code's status line; other windows by their name. */
function tag(frame: StatusFrame, w: MergedWindow): string {
  if (w.kind === 'session') return '5h';
  if (w.kind === 'weekly') return '7d';
  return windowLabel(frame.tr.t, w);
}

export function barModel(frame: StatusFrame): BarModel {
  const { settings, now, tr } = frame;
  const selected = selectWindow(frame.view.windows, settings, now);
  const ctx = { view: frame.view, snapshots: frame.snapshots, settings, now, tr, launchAtLogin: false, refreshAllowedAt: null };
  const tooltip = statusLines(ctx, windowLine, selected?.window.accountId ?? null);
  const failing = frame.snapshots.some((s) => s.state === 'error');
  if (!selected || selected.shown === null) {
    return { selected, text: '–', short: '–', percentage: 0, cls: failing && !selected ? 'error' : 'stale', tooltip };
  }
  const number = tr.percent(selected.shown);
  const short = `${number}${settings.tray.paceMarker ? paceMarker(selected, frame.outlook) : ''}`;
  const shown = settings.tray.display === 'remaining' ? tr.t('window.remaining', { percent: short }) : short;
  const used = effectiveUsedPercent(selected.window, now) ?? 0;
  return {
    selected,
    text: `${tag(frame, selected.window)} ${shown}`,
    short,
    percentage: selected.shown,
    cls: selected.window.stale ? 'stale' : usedClass(used, settings.thresholds),
    tooltip,
  };
}
