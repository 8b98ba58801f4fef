/**
 * Forecast alerts, pure like `evaluateAlerts`: previous state + windows with their forecasts in,
 * events + next state out. The caller persists the state (schema below) before showing events.
 *
 *  - "Runs out before reset" (on by default): once per (account, window, reset cycle). Hysteresis:
 *    it fires only after the forecast has said "runs out at least `minMarginMs` before the reset"
 *    on `confirmations` consecutive new observations; any observation that says otherwise (it
 *    lasts, the user went idle, or it runs out only just before the reset) starts the count again.
 *    So one burst, or a projection hovering at the reset time, does not fire.
 *  - "Resets soon with part of it unused" (off by default): once per cycle, when the reset is less than
 *    `withinMs` away and at least `minRemainingPercent` is unused.
 *
 * Only fresh, good data counts (the caller says which). Cycles are keyed on account and window,
 * never on the source, and reset times within RESET_JITTER_MS are one cycle.
 */
import { z } from 'zod';
import { RESET_JITTER_MS, type Forecast } from '../../../shared/outlook/forecast';
import { windowLengthMs } from '../../../shared/outlook/pace';

export interface ForecastAlertWindow {
  id: string;
  kind: string;
  label: string;
  usedPercent: number;
  resetsAt: string | null;
}

export interface ForecastAlertInput {
  accountId: string;
  window: ForecastAlertWindow;
  forecast: Forecast | null;
  /** The merged window comes from a fresh, good observation (never stale or failed data). */
  fresh: boolean;
}

export interface ForecastAlertRecord {
  resetsAt: string | null;
  runsOutFired: boolean;
  /** Consecutive new observations that said "runs out"; reset by one that did not. */
  confirmations: number;
  /** The observation last counted, so re-evaluating the same data does not confirm twice. */
  lastObservedAtMs: number | null;
  unusedAtResetFired: boolean;
}

export interface ForecastAlertState {
  version: 1;
  windows: Record<string, ForecastAlertRecord>;
}

export const EMPTY_FORECAST_ALERT_STATE: ForecastAlertState = { version: 1, windows: {} };

export type ForecastAlertEvent =
  | {
      kind: 'runs_out';
      accountId: string;
      window: ForecastAlertWindow;
      /** ISO-8601: when the window reaches 100 % at this pace. */
      runsOutAt: string;
      resetsAt: string;
      /** How long before the reset it runs out. */
      marginMs: number;
      projectedPercentAtReset: number | null;
    }
  | {
      kind: 'unused_at_reset';
      accountId: string;
      window: ForecastAlertWindow;
      resetsAt: string;
      remainingPercent: number;
      msUntilReset: number;
    };

export interface ForecastAlertOptions {
  now: number;
  runsOut: { enabled: boolean; minMarginMs: number; confirmations: number };
  unusedAtReset: { enabled: boolean; withinMs: number; minRemainingPercent: number };
}

export const DEFAULT_FORECAST_ALERT_OPTIONS: Omit<ForecastAlertOptions, 'now'> = {
  runsOut: { enabled: true, minMarginMs: 10 * 60_000, confirmations: 2 },
  unusedAtReset: { enabled: false, withinMs: 60 * 60_000, minRemainingPercent: 25 },
};

const FORGET_AFTER_MS = 14 * 24 * 60 * 60_000;

function parseMs(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function sameCycle(a: string | null, b: string | null): boolean {
  const ta = parseMs(a);
  const tb = parseMs(b);
  if (ta === null || tb === null) return a === b;
  return Math.abs(ta - tb) <= RESET_JITTER_MS;
}

export function forecastAlertKey(accountId: string, windowId: string): string {
  return `${accountId}/${windowId}`;
}

export function evaluateForecastAlerts(
  state: ForecastAlertState,
  inputs: readonly ForecastAlertInput[],
  opts: ForecastAlertOptions,
): { state: ForecastAlertState; events: ForecastAlertEvent[] } {
  const windows: Record<string, ForecastAlertRecord> = { ...state.windows };
  const events: ForecastAlertEvent[] = [];
  const fresh = (resetsAt: string | null): ForecastAlertRecord => ({
    resetsAt,
    runsOutFired: false,
    confirmations: 0,
    lastObservedAtMs: null,
    unusedAtResetFired: false,
  });

  for (const input of inputs) {
    const w = input.window;
    const resetMs = parseMs(w.resetsAt);
    if (!input.fresh || resetMs === null || resetMs <= opts.now || windowLengthMs(w.kind) === null) continue;
    const key = forecastAlertKey(input.accountId, w.id);
    let rec = windows[key];
    if (!rec || !sameCycle(rec.resetsAt, w.resetsAt)) rec = fresh(w.resetsAt);
    // Follow the jitter so small drifts never add up to a false new cycle.
    rec = { ...rec, resetsAt: w.resetsAt };

    const f = input.forecast;
    if (opts.runsOut.enabled && !rec.runsOutFired && f !== null && f.observedAtMs !== rec.lastObservedAtMs) {
      const says =
        f.method !== 'exhausted' &&
        !f.idle &&
        f.runsOutAt !== null &&
        f.marginMs !== null &&
        f.marginMs >= opts.runsOut.minMarginMs &&
        w.usedPercent < 100;
      const confirmations = says ? rec.confirmations + 1 : 0;
      rec = { ...rec, confirmations, lastObservedAtMs: f.observedAtMs };
      if (says && confirmations >= Math.max(1, opts.runsOut.confirmations)) {
        events.push({
          kind: 'runs_out',
          accountId: input.accountId,
          window: w,
          runsOutAt: f.runsOutAt!,
          resetsAt: w.resetsAt!,
          marginMs: f.marginMs!,
          projectedPercentAtReset: f.projectedPercentAtReset,
        });
        rec = { ...rec, runsOutFired: true };
      }
    }

    const untilReset = resetMs - opts.now;
    const remaining = 100 - w.usedPercent;
    if (
      opts.unusedAtReset.enabled &&
      !rec.unusedAtResetFired &&
      untilReset <= opts.unusedAtReset.withinMs &&
      remaining >= opts.unusedAtReset.minRemainingPercent
    ) {
      events.push({
        kind: 'unused_at_reset',
        accountId: input.accountId,
        window: w,
        resetsAt: w.resetsAt!,
        remainingPercent: Math.round(remaining * 100) / 100,
        msUntilReset: untilReset,
      });
      rec = { ...rec, unusedAtResetFired: true };
    }
    windows[key] = rec;
  }

  for (const [key, rec] of Object.entries(windows)) {
    const t = parseMs(rec.resetsAt);
    if (t !== null && opts.now - t > FORGET_AFTER_MS) delete windows[key];
  }
  return { state: { version: 1, windows }, events };
}

const recordSchema = z.object({
  resetsAt: z.string().nullable(),
  runsOutFired: z.boolean(),
  confirmations: z.number().int().min(0),
  lastObservedAtMs: z.number().nullable(),
  unusedAtResetFired: z.boolean(),
});

/** For the caller that persists the state (e.g. beside alert-state.json, written atomically). */
export const forecastAlertStateSchema = z.object({ version: z.literal(1), windows: z.record(z.string(), recordSchema) });
