import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FORECAST_ALERT_OPTIONS,
  EMPTY_FORECAST_ALERT_STATE,
  evaluateForecastAlerts,
  forecastAlertStateSchema,
  type ForecastAlertInput,
  type ForecastAlertState,
} from '../../../../electron/core/alerts/forecast-alerts';
import { computeForecast, type ForecastSample } from '../../../../shared/outlook/forecast';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RESET = Date.parse('2026-07-03T17:00:00Z');
const START = RESET - 5 * HOUR;

/** The app's loop in miniature: samples every 5 minutes at `ratePerHour`, a forecast, the alerts. */
function run(
  minutes: number[],
  usage: (m: number) => number,
  opts: { state?: ForecastAlertState; reset?: number; fresh?: boolean; unused?: boolean; confirmations?: number } = {},
): { state: ForecastAlertState; fired: { at: number; kind: string; runsOutAt?: string; remaining?: number }[] } {
  const reset = opts.reset ?? RESET;
  const start = reset - 5 * HOUR;
  let state = opts.state ?? EMPTY_FORECAST_ALERT_STATE;
  const samples: ForecastSample[] = [];
  const fired: { at: number; kind: string; runsOutAt?: string; remaining?: number }[] = [];
  for (const m of minutes) {
    const now = start + m * MIN;
    samples.push({ t: now, usedPercent: usage(m), resetsAt: reset });
    const forecast = computeForecast({ kind: 'session', resetsAt: reset, samples, now });
    const input: ForecastAlertInput = {
      accountId: 'acct',
      window: { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: usage(m), resetsAt: new Date(reset).toISOString() },
      forecast,
      fresh: opts.fresh ?? true,
    };
    const res = evaluateForecastAlerts(state, [input], {
      ...DEFAULT_FORECAST_ALERT_OPTIONS,
      runsOut: { ...DEFAULT_FORECAST_ALERT_OPTIONS.runsOut, confirmations: opts.confirmations ?? 2 },
      unusedAtReset: { ...DEFAULT_FORECAST_ALERT_OPTIONS.unusedAtReset, enabled: opts.unused ?? false },
      now,
    });
    state = res.state;
    for (const e of res.events)
      fired.push({ at: m, kind: e.kind, ...(e.kind === 'runs_out' ? { runsOutAt: e.runsOutAt } : { remaining: e.remainingPercent }) });
  }
  return { state, fired };
}

const every5 = (from: number, to: number) => Array.from({ length: Math.floor((to - from) / 5) + 1 }, (_, i) => from + i * 5);

describe('forecast alerts', () => {
  it('"runs out before reset" fires once per cycle, saying when, after two confirming observations', () => {
    // 30 %/h: 100 % at 15:20, 1 h 40 min before the reset.
    const { fired, state } = run(every5(0, 200), (m) => Math.min(100, m / 2));
    const runsOut = fired.filter((f) => f.kind === 'runs_out');
    expect(runsOut).toHaveLength(1);
    // The forecast exists from minute 15 (15 min of data); the second confirming observation is minute 20.
    expect(runsOut[0]!.at).toBe(20);
    expect(Date.parse(runsOut[0]!.runsOutAt!)).toBeCloseTo(START + 200 * MIN, -4);
    expect(forecastAlertStateSchema.safeParse(state).success).toBe(true);
  });

  it('re-evaluating the same observation does not confirm twice', () => {
    const samples = every5(0, 15).map((m) => ({ t: START + m * MIN, usedPercent: m / 2, resetsAt: RESET }));
    const forecast = computeForecast({ kind: 'session', resetsAt: RESET, samples, now: START + 15 * MIN })!;
    const input: ForecastAlertInput = {
      accountId: 'a',
      window: { id: 'five_hour', kind: 'session', label: 'S', usedPercent: 7.5, resetsAt: new Date(RESET).toISOString() },
      forecast,
      fresh: true,
    };
    let state = EMPTY_FORECAST_ALERT_STATE;
    for (let i = 0; i < 5; i++) {
      const r = evaluateForecastAlerts(state, [input], { ...DEFAULT_FORECAST_ALERT_OPTIONS, now: START + 15 * MIN + i * 1000 });
      expect(r.events).toEqual([]);
      state = r.state;
    }
  });

  it('hysteresis: a projection that flips between "runs out" and "lasts" never fires', () => {
    // Alternating bursts and pauses that keep the projection around the reset time.
    let used = 0;
    const levels = new Map<number, number>();
    for (const m of every5(0, 240)) {
      used += Math.floor(m / 5) % 2 === 0 ? 3.2 : 0;
      levels.set(m, used);
    }
    const { fired } = run(every5(0, 240), (m) => levels.get(m)!);
    expect(fired).toEqual([]);
    // Without the confirmation step the first "runs out" would have fired.
    expect(run(every5(0, 240), (m) => levels.get(m)!, { confirmations: 1 }).fired.map((f) => f.kind)).toEqual(['runs_out']);
  });

  it('light use, idle stretches and stale data never fire', () => {
    expect(run(every5(0, 280), (m) => m / 6).fired).toEqual([]);
    // Fast, then idle: the outlook goes flat before a second confirmation could come.
    expect(run([0, 5, 10, 15, 80, 140, 200], (m) => Math.min(60, m * 4)).fired).toEqual([]);
    expect(run(every5(0, 200), (m) => m / 2, { fresh: false }).fired).toEqual([]);
  });

  it('a new cycle re-arms it; a jittering reset time does not', () => {
    const first = run(every5(0, 100), (m) => m / 2);
    expect(first.fired).toHaveLength(1);
    const jitter = run(every5(100, 150), (m) => m / 2, { state: first.state, reset: RESET + 40_000 });
    expect(jitter.fired).toEqual([]);
    const next = run(every5(0, 60), (m) => m / 2, { state: jitter.state, reset: RESET + 5 * HOUR });
    expect(next.fired.map((f) => f.kind)).toEqual(['runs_out']);
  });

  it('"resets soon with part of it unused" is off by default, and once per cycle when on', () => {
    const light = (m: number) => m / 10;
    expect(run(every5(0, 295), light).fired).toEqual([]);
    const { fired } = run(every5(0, 295), light, { unused: true });
    expect(fired).toEqual([{ at: 240, kind: 'unused_at_reset', remaining: 76 }]);
    // Nearly used up: no unused-at-reset notice.
    expect(run(every5(0, 295), (m) => 70 + m / 30, { unused: true }).fired.filter((f) => f.kind === 'unused_at_reset')).toEqual([]);
  });
});
