/**
 * Usage history for the fake bridge: samples that rise towards each window's current level, so
 * the popover's pace tick, wording and sparkline, and the history view, have something true to
 * draw. Pace and forecast go through the same pure code as main's.
 */
import { windowKey, type UsageView } from '../../shared/domain';
import { computeForecast, currentCycleSamples } from '../../shared/outlook/forecast';
import { HISTORY_POINTS, type HistoryDays, type HistoryPayload, type WindowOutlookView } from '../../shared/ipc';
import { computePace, paceStage, windowLengthMs } from '../../shared/outlook/pace';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Samples every `step` from the window's start to now, rising to `used` with a quiet stretch. */
function cycleSamples(startMs: number, now: number, used: number, step: number): { t: number; usedPercent: number }[] {
  const out: { t: number; usedPercent: number }[] = [];
  const span = now - startMs;
  for (let t = startMs + step; t <= now; t += step) {
    const f = (t - startMs) / span;
    // A flat stretch in the middle third, as a lunch break leaves it.
    const shaped = f < 0.4 ? f * 1.2 : f < 0.55 ? 0.48 : 0.48 + ((f - 0.55) / 0.45) * 0.52;
    out.push({ t, usedPercent: Math.round(used * shaped * 10) / 10 });
  }
  return out;
}

/**
 * Pace and forecast of every merged window. `thinWindows` lists window ids with no observation of
 * their current cycle (one observation is enough for a forecast), so "Not enough data yet" is shown for them.
 */
export function fixtureOutlook(view: UsageView, now: number, thinWindows: readonly string[] = []): Record<string, WindowOutlookView> {
  const out: Record<string, WindowOutlookView> = {};
  for (const w of view.windows) {
    const length = windowLengthMs(w.kind);
    const resetsAt = w.resetsAt === null ? NaN : Date.parse(w.resetsAt);
    const pace = computePace(w, now);
    let samples: { t: number; usedPercent: number }[] = [];
    if (length !== null && Number.isFinite(resetsAt) && resetsAt > now) {
      const start = resetsAt - length;
      samples = thinWindows.includes(w.id) ? [] : cycleSamples(start, now, w.usedPercent, length <= 5 * HOUR ? 10 * MIN : 4 * HOUR);
      samples = currentCycleSamples(samples, resetsAt, length, now);
    }
    const forecast = computeForecast({ kind: w.kind, resetsAt: w.resetsAt, samples, now });
    out[windowKey(w.accountId, w.id)] = {
      pace,
      stage: pace ? paceStage(pace.deltaPercent, null) : null,
      forecast,
      samples,
    };
  }
  return out;
}

/** 7 or 30 days of history for the windows of the view, with reset cycles and daily costs. */
export function fixtureHistory(view: UsageView, days: HistoryDays, now: number): HistoryPayload {
  const sinceMs = now - days * DAY;
  const windows = view.windows
    .filter((w) => windowLengthMs(w.kind) !== null && w.resetsAt !== null)
    .map((w) => {
      const length = windowLengthMs(w.kind)!;
      let reset = Date.parse(w.resetsAt!);
      while (reset - length > sinceMs) reset -= length;
      const points: { t: number; usedPercent: number; resetsAt: number | null }[] = [];
      const peaks: { resetsAt: number | null; peakPercent: number; peakAt: number }[] = [];
      // Closer than the usage line's 3 h gap rule, and within HISTORY_POINTS.
      const step = length <= 5 * HOUR ? (days === 7 ? 30 * MIN : 90 * MIN) : 2 * HOUR;
      for (let cycle = 0; reset - length < now; cycle++, reset += length) {
        // Peaks vary from cycle to cycle; some reach the limit.
        const peak = Math.min(100, 35 + ((cycle * 37 + w.usedPercent) % 70));
        const start = reset - length;
        const end = Math.min(reset, now);
        let last: { t: number; usedPercent: number } | null = null;
        for (let t = Math.max(start, sinceMs) + step; t < end; t += step) {
          const used = Math.round(((t - start) / length) * peak * 10) / 10;
          points.push({ t, usedPercent: used, resetsAt: reset });
          last = { t, usedPercent: used };
        }
        // A cycle that ran to its reset at the top of the range hit the limit before it ended.
        if (last && peak >= 100 && end === reset) {
          last.usedPercent = 100;
          points[points.length - 1]!.usedPercent = 100;
        }
        if (last) peaks.push({ resetsAt: reset, peakPercent: last.usedPercent, peakAt: last.t });
      }
      return { accountId: w.accountId, windowId: w.id, kind: w.kind, peaks, points: points.slice(-HISTORY_POINTS) };
    });
  const daily: HistoryPayload['daily'] = [];
  for (let d = days - 1; d >= 0; d--) {
    const date = new Date(now - d * DAY).toISOString().slice(0, 10);
    // Weekends are quiet.
    const weekday = new Date(now - d * DAY).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    daily.push({ date, totalCost: Math.round((6 + ((d * 7) % 11)) * 100) / 100, totalTokens: 4_000_000 + d * 150_000 });
  }
  return { generatedAt: new Date(now).toISOString(), days, sinceMs, windows, daily };
}
