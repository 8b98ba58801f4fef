import { describe, expect, it } from 'vitest';
import { computeForecast, currentCycleSamples, forecastContract, type ForecastSample } from '../../../../shared/outlook/forecast';
import { HOUR_MS } from '../../../../shared/outlook/pace';

const MIN = 60_000;
const RESET = Date.parse('2026-07-03T17:00:00Z');
const START = RESET - 5 * HOUR_MS; // 12:00

/** Samples every `step` minutes from `from` to `to` (minutes after the window start), usage from `f`. */
function series(from: number, to: number, step: number, f: (m: number) => number, resetsAt: number | null = RESET): ForecastSample[] {
  const out: ForecastSample[] = [];
  for (let m = from; m <= to; m += step) out.push({ t: START + m * MIN, usedPercent: f(m), resetsAt });
  return out;
}

const at = (m: number) => START + m * MIN;

describe('forecast', () => {
  it('steady use: runs out when the line reaches 100 %, before the reset', () => {
    // 25 % per hour from 0 at the window start: 100 % at 16:00, an hour before the reset.
    const samples = series(0, 120, 5, (m) => (m / 60) * 25);
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(120) })!;
    expect(f.method).toBe('blend');
    expect(f.ratePercentPerHour).toBeCloseTo(25, 5);
    expect(f.runsOutAt).toBe('2026-07-03T16:00:00.000Z');
    expect(f.marginMs).toBe(HOUR_MS);
    expect(f.lastsUntilReset).toBe(false);
    expect(f.projectedPercentAtReset).toBeCloseTo(125, 5);
    expect(forecastContract(f)).toEqual({ runsOutAt: '2026-07-03T16:00:00.000Z', projectedPercentAtReset: 125, lastsUntilReset: false });
  });

  it('steady light use: lasts until the reset and says where it ends', () => {
    const samples = series(0, 150, 5, (m) => (m / 60) * 14);
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(150) })!;
    expect(f.lastsUntilReset).toBe(true);
    expect(f.runsOutAt).toBeNull();
    expect(f.marginMs).toBeNull();
    expect(f.projectedPercentAtReset).toBeCloseTo(70, 5);
  });

  it('a burst now weighs in half: between the window average and the recent rate', () => {
    // 10 %/h for two hours, then 60 %/h for the last 30 minutes.
    const samples = series(0, 150, 5, (m) => (m <= 120 ? (m / 60) * 10 : 20 + ((m - 120) / 60) * 60));
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(150) })!;
    const average = 50 / 2.5; // 20 %/h
    const recent = (50 - 15) / 1; // last hour: 15 % → 50 %
    expect(f.ratePercentPerHour).toBeCloseTo((average + recent) / 2, 5);
    expect(f.ratePercentPerHour).toBeGreaterThan(average);
    expect(f.ratePercentPerHour).toBeLessThan(recent);
    // 50 % left at 27.5 %/h: 1 h 49 min after 14:30, before the 17:00 reset.
    expect(Date.parse(f.runsOutAt!)).toBeCloseTo(at(150) + (50 / 27.5) * HOUR_MS, -3);
  });

  it('an idle stretch is not averaged away: the near-term outlook is flat and says idle since when', () => {
    // Heavy use for an hour (to 60 %), then nothing for 70 minutes.
    const samples = series(0, 130, 5, (m) => Math.min(60, m));
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(130) })!;
    expect(f.idle).toBe(true);
    expect(f.idleSinceMs).toBe(at(60));
    expect(f.method).toBe('idle');
    expect(f.ratePercentPerHour).toBe(0);
    expect(f.lastsUntilReset).toBe(true);
    expect(f.projectedPercentAtReset).toBe(60);
    // The window average alone would have said it runs out.
    expect(f.activeRatePercentPerHour).toBeGreaterThan(0);
    // 50 minutes idle is not yet idle: the outlook still counts the average.
    const g = computeForecast({ kind: 'session', resetsAt: RESET, samples: samples.filter((s) => s.t <= at(110)), now: at(110) })!;
    expect(g.idle).toBe(false);
    expect(g.ratePercentPerHour).toBeGreaterThan(0);
  });

  it('idle is measured to now, even without samples since', () => {
    const samples = series(0, 60, 5, (m) => m / 2);
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(125) })!;
    expect(f.idle).toBe(true);
    expect(f.idleSinceMs).toBe(at(60));
  });

  it('never carries samples across a reset', () => {
    // The previous cycle (reset 12:00) reached 90 %; the new one started at 12:00 and is at 10 %.
    const prevReset = START;
    const old = series(-120, -5, 5, (m) => 80 + (m + 120) / 12, prevReset);
    const now = series(0, 60, 5, (m) => m / 6);
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples: [...old, ...now], now: at(60) })!;
    expect(f.samplesUsed).toBe(now.length);
    expect(f.currentPercent).toBe(10);
    expect(f.ratePercentPerHour).toBeCloseTo(10, 5);
    // Old-cycle samples with no reset time but inside this window are cut off by the drop.
    const untagged = [...series(0, 30, 5, (m) => 50 + m, null), ...series(35, 60, 5, (m) => (m - 35) / 5, null)];
    const cycle = currentCycleSamples(untagged, RESET, 5 * HOUR_MS, at(60));
    expect(cycle[0]!.t).toBe(at(35));
  });

  it('too few points, too short a span, or a past reset: no forecast', () => {
    expect(computeForecast({ kind: 'session', resetsAt: RESET, samples: [], now: at(10) })).toBeNull();
    expect(computeForecast({ kind: 'session', resetsAt: RESET, samples: series(0, 0, 5, () => 3), now: at(1) })).toBeNull();
    // Two samples ten minutes apart: below the 15-minute span.
    expect(computeForecast({ kind: 'session', resetsAt: RESET, samples: series(0, 10, 10, (m) => m), now: at(10) })).toBeNull();
    expect(computeForecast({ kind: 'session', resetsAt: RESET, samples: series(0, 60, 5, (m) => m), now: RESET })).toBeNull();
    expect(computeForecast({ kind: 'session', resetsAt: null, samples: series(0, 60, 5, (m) => m), now: at(60) })).toBeNull();
    // A weekly window needs a few hours of data.
    const weekStart = RESET - 7 * 24 * HOUR_MS;
    const week = [0, 1, 2].map((h) => ({ t: weekStart + h * HOUR_MS, usedPercent: h, resetsAt: RESET }));
    expect(computeForecast({ kind: 'weekly', resetsAt: RESET, samples: week, now: weekStart + 2 * HOUR_MS })).toBeNull();
    const more = [0, 1, 2, 3, 4].map((h) => ({ t: weekStart + h * HOUR_MS, usedPercent: h, resetsAt: RESET }));
    expect(computeForecast({ kind: 'weekly', resetsAt: RESET, samples: more, now: weekStart + 4 * HOUR_MS })).not.toBeNull();
  });

  it('usage above 100 % is kept: it already ran out, when it first reached 100 %', () => {
    const samples = series(0, 90, 5, (m) => m * 1.5);
    const f = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: at(90) })!;
    expect(f.currentPercent).toBe(135);
    expect(f.method).toBe('exhausted');
    expect(f.lastsUntilReset).toBe(false);
    expect(f.runsOutAt).toBe(new Date(at(70)).toISOString());
    expect(f.projectedPercentAtReset!).toBeGreaterThan(135);
  });

  it('a reset time that jitters by seconds stays one cycle; one that moves by hours is another', () => {
    const jitter = series(0, 120, 5, (m) => m / 4).map((s, i) => ({ ...s, resetsAt: RESET + ((i % 3) - 1) * 40_000 }));
    const f = computeForecast({ kind: 'session', resetsAt: RESET + 20_000, samples: jitter, now: at(120) })!;
    expect(f.samplesUsed).toBe(jitter.length);
    expect(f.ratePercentPerHour).toBeCloseTo(15, 1);
    const moved = jitter.map((s, i) => (i < 10 ? { ...s, resetsAt: RESET - 2 * HOUR_MS } : s));
    expect(computeForecast({ kind: 'session', resetsAt: RESET, samples: moved, now: at(120) })!.samplesUsed).toBe(jitter.length - 10);
  });

  it('uses the window average alone until the recent rate spans 15 minutes', () => {
    // A weekly window, samples hourly: the last hour holds only one gap, which counts.
    const weekStart = RESET - 7 * 24 * HOUR_MS;
    const samples = [0, 4, 8].map((h) => ({ t: weekStart + h * HOUR_MS, usedPercent: h * 0.5, resetsAt: RESET }));
    const f = computeForecast({ kind: 'weekly', resetsAt: RESET, samples, now: weekStart + 8 * HOUR_MS })!;
    expect(f.method).toBe('blend');
    const dense = [
      ...series(0, 0, 1, () => 0),
      { t: START + 20 * MIN, usedPercent: 5, resetsAt: RESET },
      { t: START + 25 * MIN, usedPercent: 6, resetsAt: RESET },
    ];
    const g = computeForecast({ kind: 'session', resetsAt: RESET, samples: dense, now: START + 25 * MIN })!;
    expect(g.method).toBe('blend');
    // An unknown-length window has no window start: the first sample is the origin.
    const other = computeForecast({ kind: 'other', resetsAt: RESET, samples: series(60, 120, 5, (m) => m - 60), now: at(120) })!;
    expect(other.ratePercentPerHour).toBeCloseTo(60, 5);
  });
});

describe('cycle peaks', () => {
  it('splits on reset times (with jitter), on a sharp drop, and keeps peaks above 100 %', async () => {
    const { cyclePeaks } = await import('../../../../shared/outlook/cycles');
    const r1 = RESET;
    const r2 = RESET + 5 * HOUR_MS;
    const peaks = cyclePeaks([
      { t: at(10), usedPercent: 5, resetsAt: r1 },
      { t: at(20), usedPercent: 40, resetsAt: r1 + 30_000 },
      { t: at(30), usedPercent: 112, resetsAt: r1 - 30_000 },
      { t: at(310), usedPercent: 2, resetsAt: r2 },
      { t: at(320), usedPercent: 30, resetsAt: null },
      // No reset time, but usage fell sharply: a reset we were not told of.
      { t: at(330), usedPercent: 4, resetsAt: null },
      { t: at(340), usedPercent: 9, resetsAt: null },
    ]);
    expect(peaks.map((p) => [p.peakPercent, p.samples, p.resetsAt])).toEqual([
      [112, 3, r1],
      [30, 2, r2],
      [9, 2, null],
    ]);
    expect(peaks[0]!.peakAt).toBe(at(30));
  });
});
