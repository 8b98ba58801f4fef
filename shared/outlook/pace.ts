/**
 * Pace: where the user "should" be in a window if they spread its allowance evenly over it.
 * Pure (no Node, no clock): it runs in the main process, the CLI and the renderer alike.
 *
 * A window starts at `resetsAt` minus its length (5 h for the session window, 7 days for the
 * weekly and per-model windows). Kinds without a known length (`other`, `budget`) have no pace.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Length of a window of this kind, or null when the kind has no fixed length. */
export function windowLengthMs(kind: string): number | null {
  if (kind === 'session') return 5 * HOUR_MS;
  if (kind === 'weekly' || kind === 'weekly_model') return 7 * DAY_MS;
  return null;
}

export interface PaceWindow {
  kind: string;
  usedPercent: number;
  /** ISO-8601 or epoch ms; null when the window has not started. */
  resetsAt: string | number | null;
}

export interface Pace {
  /** Share of the window elapsed × 100 (0…100). */
  expectedPercent: number;
  /** Used minus expected: positive means using faster than an even pace. */
  deltaPercent: number;
}

export interface WorkingDaysOptions {
  /** Days that count, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
  /**
   * Minutes to add to UTC to get the user's local time at instant `t` (e.g. 120 for UTC+2).
   * Defaults to the runtime's own zone (`-new Date(t).getTimezoneOffset()`).
   */
  utcOffsetMinutes?: (t: number) => number;
}

export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

export interface PaceOptions {
  /** Weekly windows only: count only the time on these local days. */
  workingDays?: WorkingDaysOptions | null;
}

export function toEpochMs(v: string | number | null): number | null {
  if (v === null) return null;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

function localOffsetMs(opts: WorkingDaysOptions, t: number): number {
  const minutes = opts.utcOffsetMinutes ? opts.utcOffsetMinutes(t) : -new Date(t).getTimezoneOffset();
  return minutes * 60_000;
}

/** Milliseconds of [from, to) that fall on working days, local midnight to local midnight. */
export function workingMsBetween(from: number, to: number, opts: WorkingDaysOptions): number {
  if (to <= from) return 0;
  const days = new Set(opts.days);
  let total = 0;
  let t = from;
  // A 7-day window spans at most 9 local days; the bound guards against a bad offset function.
  for (let guard = 0; t < to && guard < 400; guard++) {
    const off = localOffsetMs(opts, t);
    const local = t + off;
    const dayStartLocal = Math.floor(local / DAY_MS) * DAY_MS;
    const nextMidnightUtc = dayStartLocal + DAY_MS - off;
    const end = Math.min(to, nextMidnightUtc > t ? nextMidnightUtc : t + HOUR_MS);
    const weekday = new Date(dayStartLocal).getUTCDay();
    if (days.has(weekday)) total += end - t;
    t = end;
  }
  return total;
}

/**
 * Pace of a window at `now`, or null when it has no meaning: no reset time, a kind without a
 * fixed length, the reset already passed, or (working days) a window with no working time.
 */
export function computePace(w: PaceWindow, now: number, opts: PaceOptions = {}): Pace | null {
  const length = windowLengthMs(w.kind);
  const resetsAt = toEpochMs(w.resetsAt);
  if (length === null || resetsAt === null || !Number.isFinite(w.usedPercent)) return null;
  if (now >= resetsAt) return null;
  const start = resetsAt - length;
  let share: number;
  const wd = opts.workingDays;
  if (wd && w.kind !== 'session') {
    const total = workingMsBetween(start, resetsAt, wd);
    if (total <= 0) return null;
    share = workingMsBetween(start, Math.max(start, now), wd) / total;
  } else {
    share = (now - start) / length;
  }
  const expectedPercent = round2(Math.min(1, Math.max(0, share)) * 100);
  return { expectedPercent, deltaPercent: round2(w.usedPercent - expectedPercent) };
}

/**
 * `ahead`: using faster than an even pace (at risk of running out); `behind`: slower (room to spare).
 */
export type PaceStage = 'on_track' | 'ahead' | 'behind';

export interface PaceStageOptions {
  /** |delta| at which a stage is entered from on-track (percentage points). */
  enter: number;
  /** |delta| below which an ahead/behind stage falls back to on-track; smaller than `enter`. */
  exit: number;
}

export const DEFAULT_PACE_STAGE: PaceStageOptions = { enter: 5, exit: 3 };

/**
 * Stage with a dead band (|delta| < enter stays on track) and hysteresis (a stage is kept until
 * |delta| drops below exit), so a delta wobbling around 5 does not flip the label on each poll.
 * Pure: the caller keeps the previous stage per window and cycle.
 */
export function paceStage(deltaPercent: number, previous: PaceStage | null, opts: PaceStageOptions = DEFAULT_PACE_STAGE): PaceStage {
  const exit = Math.min(opts.exit, opts.enter);
  if (previous === 'ahead' && deltaPercent >= exit) return 'ahead';
  if (previous === 'behind' && deltaPercent <= -exit) return 'behind';
  if (deltaPercent >= opts.enter) return 'ahead';
  if (deltaPercent <= -opts.enter) return 'behind';
  return 'on_track';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
