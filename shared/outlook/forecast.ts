/**
 * Forecast: at this pace, does a window reach 100 % before it resets, and when?
 * Pure (no Node, no clock): shared by the main process, the CLI and the renderer.
 *
 * Method: a blend of the window average and the recent rate, with an idle override.
 *  - The window average (used / time since the window started) is steady and needs a single
 *    sample, but it lags: after a quiet morning it under-reads a busy afternoon, and an early
 *    burst keeps it high long after the user stopped.
 *  - The recent rate (rise over the last hour of samples) follows what the user is doing now, but
 *    alone it swings with every burst and pause.
 *  - Half of each keeps the outlook responsive without flapping, and the recent half only counts
 *    once it spans RECENT_MIN_SPAN_MS of real samples; until then the average is used alone.
 *  - An idle stretch is never averaged away: with no increase for IDLE_AFTER_MS the near-term rate
 *    is 0 (the projection stays at the current level) and the result says `idle` and since when.
 *    The rate while active is still given (`activeRatePercentPerHour`) for "if you resume" wording.
 *
 * A reset always ends a cycle. A sample belongs to the current cycle only if it lies inside the
 * window (after resetsAt − length), its own reset time (when known) is within RESET_JITTER_MS of
 * the current one, and no sharp drop in usage follows it. Usage above 100 % is legal and kept.
 */
import { HOUR_MS, toEpochMs, windowLengthMs } from './pace';

export const RESET_JITTER_MS = 5 * 60_000;
export const IDLE_AFTER_MS = HOUR_MS;
export const RECENT_LOOKBACK_MS = HOUR_MS;
export const RECENT_MIN_SPAN_MS = 15 * 60_000;
/** A fall of more than this many points between consecutive samples is a reset we were not told of. */
export const DROP_POINTS = 3;
/** A rise smaller than this is rounding noise, not use. */
const RISE_EPSILON = 0.5;

export interface ForecastSample {
  /** Epoch ms. */
  t: number;
  usedPercent: number;
  /** The reset time the sample was observed with (epoch ms); null when unknown (e.g. imported). */
  resetsAt?: number | null;
}

export interface ForecastInput {
  kind: string;
  /** The current reset time of the window (ISO-8601 or epoch ms). */
  resetsAt: string | number | null;
  /** Samples of this window of this account, in any order, possibly from older cycles. */
  samples: readonly ForecastSample[];
  now: number;
}

/** The fields of the `status --json` contract. */
export interface ForecastContract {
  runsOutAt: string | null;
  projectedPercentAtReset: number | null;
  lastsUntilReset: boolean;
}

export interface Forecast extends ForecastContract {
  /** resetsAt − runsOutAt when it runs out first ("35 min before reset"); null otherwise. */
  marginMs: number | null;
  /** The rate the projection uses, percentage points per hour (0 while idle). */
  ratePercentPerHour: number;
  /** The blended rate while the user was active, for "if you resume at this pace" wording. */
  activeRatePercentPerHour: number;
  method: 'average' | 'blend' | 'idle' | 'exhausted';
  /** No increase for IDLE_AFTER_MS. */
  idle: boolean;
  /** When usage last rose (or the cycle's first sample when it never rose). */
  idleSinceMs: number;
  /** The latest level and when it was seen: the projection starts here. */
  currentPercent: number;
  observedAtMs: number;
  resetsAtMs: number;
  samplesUsed: number;
}

export interface ForecastOptions {
  /** Fewer samples than this in the cycle: not enough data. */
  minSamples?: number;
}

const DEFAULT_MIN_SAMPLES = 2;

export function minSpanMs(lengthMs: number | null): number {
  // 15 min for the session window; about 3.4 h for a weekly one (2 % of its length).
  return Math.max(15 * 60_000, (lengthMs ?? 0) * 0.02);
}

/** The samples of the cycle that ends at `resetsAt`, sorted by time, up to `now`. */
export function currentCycleSamples(
  samples: readonly ForecastSample[],
  resetsAt: number,
  lengthMs: number | null,
  now: number,
): ForecastSample[] {
  // The start moves with the reset time's jitter, so it gets the same tolerance.
  const start = lengthMs === null ? -Infinity : resetsAt - lengthMs - RESET_JITTER_MS;
  const inCycle = samples
    .filter(
      (s) =>
        Number.isFinite(s.t) &&
        Number.isFinite(s.usedPercent) &&
        s.t <= now &&
        s.t < resetsAt &&
        s.t >= start &&
        (s.resetsAt === null || s.resetsAt === undefined || Math.abs(s.resetsAt - resetsAt) <= RESET_JITTER_MS),
    )
    .sort((a, b) => a.t - b.t);
  // An unannounced reset shows as a sharp drop: only what follows the last one is this cycle.
  let from = 0;
  for (let i = 1; i < inCycle.length; i++) {
    if (inCycle[i - 1]!.usedPercent - inCycle[i]!.usedPercent > DROP_POINTS) from = i;
  }
  return inCycle.slice(from);
}

/** Null when there is not enough data ("Not enough data yet") or the window has no future. */
export function computeForecast(input: ForecastInput, opts: ForecastOptions = {}): Forecast | null {
  const resetsAt = toEpochMs(input.resetsAt);
  if (resetsAt === null || input.now >= resetsAt) return null;
  const lengthMs = windowLengthMs(input.kind);
  const cycle = currentCycleSamples(input.samples, resetsAt, lengthMs, input.now);
  if (cycle.length < (opts.minSamples ?? DEFAULT_MIN_SAMPLES)) return null;
  const first = cycle[0]!;
  const last = cycle[cycle.length - 1]!;
  if (last.t - first.t < minSpanMs(lengthMs)) return null;

  // When usage last rose: a rise counts once it clears the level of the previous rise by more
  // than the noise, so a source wobbling by a tenth of a point is not "use".
  let idleSinceMs = first.t;
  let anchor = first.usedPercent;
  for (const s of cycle) {
    if (s.usedPercent - anchor > RISE_EPSILON) {
      idleSinceMs = s.t;
      anchor = s.usedPercent;
    } else if (s.usedPercent < anchor) anchor = Math.max(s.usedPercent, anchor - RISE_EPSILON);
  }
  const idle = input.now - idleSinceMs >= IDLE_AFTER_MS;

  // Window average: from the window's start (at 0 %) when its length is known, else from the first sample.
  const origin = lengthMs === null ? first : { t: resetsAt - lengthMs, usedPercent: 0 };
  const avgSpan = last.t - origin.t;
  const average = avgSpan > 0 ? Math.max(0, ((last.usedPercent - origin.usedPercent) / avgSpan) * HOUR_MS) : 0;

  // Recent rate: the rise since the last sample at or before (last − lookback), or the first one.
  let ref = first;
  for (const s of cycle) {
    if (s.t <= last.t - RECENT_LOOKBACK_MS) ref = s;
    else break;
  }
  const recentSpan = last.t - ref.t;
  const recent = recentSpan >= RECENT_MIN_SPAN_MS ? Math.max(0, ((last.usedPercent - ref.usedPercent) / recentSpan) * HOUR_MS) : null;
  const active = recent === null ? average : (average + recent) / 2;

  const base = {
    idle,
    idleSinceMs,
    currentPercent: last.usedPercent,
    observedAtMs: last.t,
    resetsAtMs: resetsAt,
    samplesUsed: cycle.length,
    activeRatePercentPerHour: round2(active),
  };

  if (last.usedPercent >= 100) {
    const hit = cycle.find((s) => s.usedPercent >= 100) ?? last;
    return {
      ...base,
      runsOutAt: new Date(hit.t).toISOString(),
      projectedPercentAtReset: round2(last.usedPercent + (idle ? 0 : active) * ((resetsAt - last.t) / HOUR_MS)),
      lastsUntilReset: false,
      marginMs: resetsAt - hit.t,
      ratePercentPerHour: idle ? 0 : round2(active),
      method: 'exhausted',
    };
  }

  const rate = idle ? 0 : active;
  const projected = last.usedPercent + rate * ((resetsAt - last.t) / HOUR_MS);
  let runsOutAt: number | null = null;
  if (rate > 0) {
    const t = last.t + ((100 - last.usedPercent) / rate) * HOUR_MS;
    if (t < resetsAt) runsOutAt = Math.max(t, input.now);
  }
  return {
    ...base,
    runsOutAt: runsOutAt === null ? null : new Date(runsOutAt).toISOString(),
    projectedPercentAtReset: round2(projected),
    lastsUntilReset: runsOutAt === null,
    marginMs: runsOutAt === null ? null : resetsAt - runsOutAt,
    ratePercentPerHour: round2(rate),
    method: idle ? 'idle' : recent === null ? 'average' : 'blend',
  };
}

/** Exactly the `forecast` field of `status --json`. */
export function forecastContract(f: Forecast | null): ForecastContract | null {
  return f === null
    ? null
    : { runsOutAt: f.runsOutAt, projectedPercentAtReset: f.projectedPercentAtReset, lastsUntilReset: f.lastsUntilReset };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
