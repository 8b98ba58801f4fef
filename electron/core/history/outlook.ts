/**
 * Pace and forecast for the merged windows, from one read of the history store: what
 * `status --json` adds to each window (`pace`, `forecast`), the tray tooltip and the popover show.
 * Windows of different accounts never share samples; sources do (history keys on account and window).
 */
import {
  computeForecast,
  currentCycleSamples,
  forecastContract,
  type Forecast,
  type ForecastContract,
} from '../../../shared/outlook/forecast';
import { computePace, windowLengthMs, type Pace, type PaceOptions } from '../../../shared/outlook/pace';
import type { HistoryStore } from './history-store';

export interface OutlookWindow {
  accountId: string;
  id: string;
  kind: string;
  usedPercent: number;
  resetsAt: string | null;
  /** ISO-8601; the current value joins the samples when it is newer than the last one stored. */
  observedAt?: string | null;
}

export interface WindowOutlook {
  pace: Pace | null;
  /** Full detail for the UI (idle, rate, margin). */
  forecast: Forecast | null;
  /** Exactly the `forecast` field of `status --json`. */
  contract: ForecastContract | null;
  /** The current cycle's samples (time order), for the sparkline; empty without a reset time. */
  cycle: { t: number; usedPercent: number }[];
}

/** The longest window is 7 days; a few minutes more cover the reset time's jitter. */
const LOOKBACK_MS = 7 * 86_400_000 + 10 * 60_000;

export async function computeOutlooks(
  store: HistoryStore,
  windows: readonly OutlookWindow[],
  now: number,
  opts: PaceOptions = {},
): Promise<WindowOutlook[]> {
  const samples = windows.length === 0 ? [] : await store.read({ sinceMs: now - LOOKBACK_MS, untilMs: now });
  const bySeries = new Map<string, { t: number; usedPercent: number; resetsAt: number | null }[]>();
  for (const s of samples) {
    const key = `${s.accountId}\u0000${s.windowId}`;
    let list = bySeries.get(key);
    if (!list) bySeries.set(key, (list = []));
    list.push({ t: s.t, usedPercent: s.usedPercent, resetsAt: s.resetsAt });
  }
  return windows.map((w) => {
    const pace = computePace(w, now, opts);
    const list = [...(bySeries.get(`${w.accountId}\u0000${w.id}`) ?? [])];
    const observed = w.observedAt ? Date.parse(w.observedAt) : NaN;
    const lastT = list.length > 0 ? list[list.length - 1]!.t : -Infinity;
    const resetMs = w.resetsAt === null ? null : Date.parse(w.resetsAt);
    if (Number.isFinite(observed) && observed > lastT && observed <= now) {
      list.push({ t: observed, usedPercent: w.usedPercent, resetsAt: resetMs !== null && Number.isFinite(resetMs) ? resetMs : null });
    }
    const forecast = computeForecast({ kind: w.kind, resetsAt: w.resetsAt, samples: list, now });
    const cycle =
      resetMs !== null && Number.isFinite(resetMs)
        ? currentCycleSamples(list, resetMs, windowLengthMs(w.kind), now).map((s) => ({ t: s.t, usedPercent: s.usedPercent }))
        : [];
    return { pace, forecast, contract: forecastContract(forecast), cycle };
  });
}
