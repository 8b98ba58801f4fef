import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AlertStore,
  EMPTY_ALERT_STATE,
  evaluateAlerts,
  type AlertEvent,
  type AlertOptions,
  type AlertState,
} from '../../../electron/core/alerts';
import { FILES } from '../../../electron/core/paths';
import { HOUR, T0, snap, win } from './fixtures';

const opts = (over: Partial<AlertOptions> = {}): AlertOptions => ({ thresholds: [50, 75, 90], onReset: false, now: T0, ...over });
const RESET = T0 + 2 * HOUR;

function run(
  state: AlertState,
  used: number,
  over: Partial<AlertOptions> = {},
  resetsAt = RESET,
  snapState: 'ok' | 'stale' | 'error' = 'ok',
): { state: AlertState; events: AlertEvent[] } {
  return evaluateAlerts(state, [snap([win('five_hour', 'session', used, resetsAt)], snapState)], opts(over));
}

describe('evaluateAlerts', () => {
  it('fires once for the highest threshold crossed by a jump (40% → 95% gives one alert, for 90)', () => {
    const a = run(EMPTY_ALERT_STATE, 40);
    expect(a.events).toEqual([]);
    const b = run(a.state, 95);
    expect(b.events).toHaveLength(1);
    expect(b.events[0]).toMatchObject({ kind: 'threshold', threshold: 90, sourceId: 'claude-oauth' });
  });

  it('fires each threshold once per cycle as usage climbs', () => {
    let s = EMPTY_ALERT_STATE;
    const fired: number[] = [];
    for (const used of [10, 50, 51, 60, 75, 74, 80, 90, 99, 100]) {
      const r = run(s, used);
      s = r.state;
      for (const e of r.events) if (e.kind === 'threshold') fired.push(e.threshold);
    }
    expect(fired).toEqual([50, 75, 90]);
  });

  it('never fires from a stale or failed poll', () => {
    expect(run(EMPTY_ALERT_STATE, 95, {}, RESET, 'stale').events).toEqual([]);
    expect(run(EMPTY_ALERT_STATE, 95, {}, RESET, 'error').events).toEqual([]);
  });

  it('treats reset times a few seconds apart as the same cycle', () => {
    const a = run(EMPTY_ALERT_STATE, 80);
    expect(a.events).toHaveLength(1);
    const b = run(a.state, 80, {}, RESET + 1_234);
    expect(b.events).toEqual([]);
  });

  it('re-arms for a new cycle, and announces the reset only when asked', () => {
    const a = run(EMPTY_ALERT_STATE, 80);
    const later = RESET + 5 * HOUR;
    const quiet = run(a.state, 55, { now: RESET + 60_000 }, later);
    expect(quiet.events).toEqual([
      { kind: 'threshold', sourceId: 'claude-oauth', window: expect.objectContaining({ usedPercent: 55 }), threshold: 50 },
    ]);
    const loud = run(a.state, 5, { now: RESET + 60_000, onReset: true }, later);
    expect(loud.events).toEqual([
      { kind: 'reset', sourceId: 'claude-oauth', window: expect.objectContaining({ usedPercent: 5 }), previousThreshold: 75 },
    ]);
  });

  it('announces a reset once even when the source keeps reporting the old, past reset time', () => {
    const a = run(EMPTY_ALERT_STATE, 80);
    const past = run(a.state, 80, { now: RESET + 1000, onReset: true });
    expect(past.events.map((e) => e.kind)).toEqual(['reset']);
    const again = run(past.state, 80, { now: RESET + 2000, onReset: true });
    expect(again.events).toEqual([]);
    const next = run(again.state, 3, { now: RESET + 3000, onReset: true }, RESET + 5 * HOUR);
    expect(next.events).toEqual([]);
  });

  it('keeps windows and sources apart', () => {
    const r = evaluateAlerts(
      EMPTY_ALERT_STATE,
      [
        snap([win('five_hour', 'session', 60, RESET), win('seven_day', 'weekly', 91, T0 + 100 * HOUR)]),
        snap([win('five_hour', 'session', 76, RESET)], 'ok', 'claude-web'),
      ],
      opts(),
    );
    expect(r.events.map((e) => `${e.sourceId}/${e.window.id}@${e.kind === 'threshold' ? e.threshold : 0}`).sort()).toEqual([
      'claude-oauth/five_hour@50',
      'claude-oauth/seven_day@90',
      'claude-web/five_hour@75',
    ]);
  });

  it('forgets windows long after their reset, so the file does not grow forever', () => {
    const a = run(EMPTY_ALERT_STATE, 80);
    const r = evaluateAlerts(a.state, [], opts({ now: RESET + 15 * 24 * HOUR }));
    expect(r.state.windows).toEqual({});
  });

  it('uses the thresholds it is given', () => {
    expect(run(EMPTY_ALERT_STATE, 35, { thresholds: [30] }).events).toHaveLength(1);
    expect(run(EMPTY_ALERT_STATE, 99, { thresholds: [] }).events).toEqual([]);
  });
});

describe('AlertStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'headroom-alerts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const snaps = (used: number) => [snap([win('five_hour', 'session', used, RESET)])];

  it('does not fire again after a restart', async () => {
    const first = new AlertStore(dir);
    await first.load();
    expect((await first.process(snaps(76), opts())).map((e) => e.kind === 'threshold' && e.threshold)).toEqual([75]);
    const saved = JSON.parse(readFileSync(path.join(dir, FILES.alerts), 'utf8')) as AlertState;
    expect(saved.windows['claude-oauth/five_hour']).toMatchObject({ highest: 75 });

    const second = new AlertStore(dir);
    await second.load();
    expect(await second.process(snaps(76), opts())).toEqual([]);
    expect((await second.process(snaps(91), opts())).map((e) => e.kind === 'threshold' && e.threshold)).toEqual([90]);
  });

  it('serialises overlapping calls so a burst fires once', async () => {
    const store = new AlertStore(dir);
    await store.load();
    const results = await Promise.all([
      store.process(snaps(80), opts()),
      store.process(snaps(80), opts()),
      store.process(snaps(80), opts()),
    ]);
    expect(results.flat()).toHaveLength(1);
  });

  it('moves a corrupt state file aside, says so, and starts clean', async () => {
    writeFileSync(path.join(dir, FILES.alerts), '{"version":1,"windows":{"x":{"highest":"lots"}}}');
    const store = new AlertStore(dir);
    await store.load();
    expect(store.loadProblem).toMatch(/could not be read/);
    expect(readdirSync(dir).some((f) => f.startsWith(`${FILES.alerts}.corrupt-`))).toBe(true);
    expect(store.current()).toEqual(EMPTY_ALERT_STATE);
  });

  it('still de-duplicates in memory when the file cannot be written', async () => {
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const warnings: string[] = [];
    const store = new AlertStore(file, { log() {}, info() {}, error() {}, warn: (m) => warnings.push(m) });
    expect(await store.process(snaps(80), opts())).toHaveLength(1);
    expect(await store.process(snaps(80), opts())).toEqual([]);
    expect(warnings.join('\n')).toMatch(/Alert state not saved/);
  });
});

describe('alert state for the renderer', () => {
  it('lists the highest notified threshold per window in its current cycle only', async () => {
    const { notifiedThresholds } = await import('../../../electron/core/alerts');
    const now = Date.parse('2026-07-02T20:00:00Z');
    const state = {
      version: 1 as const,
      windows: {
        'claude-oauth/five_hour': { resetsAt: '2026-07-02T22:00:00.000Z', highest: 75, resetAnnounced: false },
        'claude-oauth/seven_day': { resetsAt: '2026-07-08T09:00:00.000Z', highest: 0, resetAnnounced: true },
        'claude-oauth/weekly_model:opus': { resetsAt: '2026-07-02T19:00:00.000Z', highest: 90, resetAnnounced: false },
      },
    };
    expect(notifiedThresholds(state, now)).toEqual({ 'claude-oauth/five_hour': 75 });
  });
});
