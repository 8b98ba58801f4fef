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
} from '../../../../electron/core/alerts/alerts';
import { FILES } from '../../../../electron/core/platform/paths';
import type { SourceSnapshot } from '../../../../shared/domain';
import { mergeSnapshots } from '../../../../shared/merge';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

/** Alerts read the usage store's merged view, as the app service feeds them. */
const merged = (snaps: readonly SourceSnapshot[]) => mergeSnapshots(snaps).windows;

const opts = (over: Partial<AlertOptions> = {}): AlertOptions => ({ thresholds: [50, 75, 90], onReset: false, now: T0, ...over });
const RESET = T0 + 2 * HOUR;

function run(
  state: AlertState,
  used: number,
  over: Partial<AlertOptions> = {},
  resetsAt = RESET,
  snapState: 'ok' | 'stale' | 'error' = 'ok',
): { state: AlertState; events: AlertEvent[] } {
  return evaluateAlerts(state, merged([snap([win('five_hour', 'session', used, resetsAt)], snapState)]), opts(over));
}

describe('evaluateAlerts', () => {
  it('fires once for the highest threshold crossed by a jump (40% → 95% gives one alert, for 90)', () => {
    const a = run(EMPTY_ALERT_STATE, 40);
    expect(a.events).toEqual([]);
    const b = run(a.state, 95);
    expect(b.events).toHaveLength(1);
    expect(b.events[0]).toMatchObject({ kind: 'threshold', threshold: 90, window: { sourceId: 'claude-oauth', id: 'session' } });
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
    expect(quiet.events).toEqual([{ kind: 'threshold', window: expect.objectContaining({ usedPercent: 55 }), threshold: 50 }]);
    const loud = run(a.state, 5, { now: RESET + 60_000, onReset: true }, later);
    expect(loud.events).toEqual([{ kind: 'reset', window: expect.objectContaining({ usedPercent: 5 }), previousThreshold: 75 }]);
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

  it('keeps windows and accounts apart', () => {
    const r = evaluateAlerts(
      EMPTY_ALERT_STATE,
      merged([
        snap(
          [win('five_hour', 'session', 60, RESET), win('seven_day', 'weekly', 91, T0 + 100 * HOUR)],
          'ok',
          'claude-oauth',
          T0,
          'account:a',
        ),
        snap([win('five_hour', 'session', 76, RESET)], 'ok', 'claude-oauth', T0, 'account:b'),
      ]),
      opts(),
    );
    expect(r.events.map((e) => `${e.window.accountId}/${e.window.id}@${e.kind === 'threshold' ? e.threshold : 0}`).sort()).toEqual([
      'account:a/session@50',
      'account:a/weekly@90',
      'account:b/session@75',
    ]);
  });

  it('gives one notification per crossing when two sources report the same window, whichever saw it first', () => {
    // The plan poll sees 52 %; a minute later the status line sees 53 % with a reset time a minute off.
    const poll = snap([win('five_hour', 'session', 52, RESET)], 'ok', 'claude-oauth', T0 - 60_000);
    const a = evaluateAlerts(EMPTY_ALERT_STATE, merged([poll]), opts());
    expect(a.events.map((e) => e.kind === 'threshold' && e.threshold)).toEqual([50]);
    const line = snap([win('five_hour', 'session', 53, RESET + 60_000)], 'ok', 'local-logs', T0);
    const b = evaluateAlerts(a.state, merged([poll, line]), opts());
    expect(b.events).toEqual([]);
    // The next crossing fires once even though both sources now report it.
    const poll2 = snap([win('five_hour', 'session', 76, RESET)], 'ok', 'claude-oauth', T0 + 60_000);
    const line2 = snap([win('five_hour', 'session', 77, RESET + 60_000)], 'ok', 'local-logs', T0 + 2 * 60_000);
    const c = evaluateAlerts(b.state, merged([poll2, line2]), opts({ now: T0 + 2 * 60_000 }));
    expect(c.events.map((e) => e.kind === 'threshold' && `${e.window.sourceId}@${e.threshold}`)).toEqual(['local-logs@75']);
    const d = evaluateAlerts(c.state, merged([poll2, line2]), opts({ now: T0 + 3 * 60_000 }));
    expect(d.events).toEqual([]);
  });

  it('adopts a version-1 record (keyed by source) so an upgrade repeats no notification', () => {
    const v1 = {
      version: 1,
      windows: { 'claude-oauth/five_hour': { resetsAt: new Date(RESET).toISOString(), highest: 75, resetAnnounced: false } },
    };
    const { state } = evaluateAlerts(EMPTY_ALERT_STATE, [], opts());
    expect(state.legacy).toBeUndefined();
    // What AlertStore.load makes of the old file, checked below against a real file.
    const legacy: AlertState = { version: 2, windows: {}, legacy: { session: v1.windows['claude-oauth/five_hour'] } };
    expect(run(legacy, 80).events).toEqual([]);
    expect(run(legacy, 91).events.map((e) => e.kind === 'threshold' && e.threshold)).toEqual([90]);
    expect(run(legacy, 80).state).toMatchObject({ windows: { 'local/session': { highest: 75 } } });
    expect(run(legacy, 80).state.legacy).toBeUndefined();
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
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-alerts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const snaps = (used: number) => merged([snap([win('five_hour', 'session', used, RESET)])]);

  it('does not fire again after a restart', async () => {
    const first = new AlertStore(dir);
    await first.load();
    expect((await first.process(snaps(76), opts())).map((e) => e.kind === 'threshold' && e.threshold)).toEqual([75]);
    const saved = JSON.parse(readFileSync(path.join(dir, FILES.alerts), 'utf8')) as AlertState;
    expect(saved.windows['local/session']).toMatchObject({ highest: 75 });

    const second = new AlertStore(dir);
    await second.load();
    expect(await second.process(snaps(76), opts())).toEqual([]);
    expect((await second.process(snaps(91), opts())).map((e) => e.kind === 'threshold' && e.threshold)).toEqual([90]);
  });

  it('reads a version-1 file and carries its cycles over', async () => {
    writeFileSync(
      path.join(dir, FILES.alerts),
      JSON.stringify({
        version: 1,
        windows: { 'claude-oauth/five_hour': { resetsAt: new Date(RESET).toISOString(), highest: 75, resetAnnounced: false } },
      }),
    );
    const store = new AlertStore(dir);
    await store.load();
    expect(store.loadProblem).toBeNull();
    expect(await store.process(snaps(80), opts())).toEqual([]);
    expect((await store.process(snaps(92), opts())).map((e) => e.kind === 'threshold' && e.threshold)).toEqual([90]);
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
    const { notifiedThresholds } = await import('../../../../electron/core/alerts/alerts');
    const now = Date.parse('2026-07-02T20:00:00Z');
    const state = {
      version: 2 as const,
      windows: {
        'local/session': { resetsAt: '2026-07-02T22:00:00.000Z', highest: 75, resetAnnounced: false },
        'local/weekly': { resetsAt: '2026-07-08T09:00:00.000Z', highest: 0, resetAnnounced: true },
        'local/weekly_model:opus': { resetsAt: '2026-07-02T19:00:00.000Z', highest: 90, resetAnnounced: false },
      },
    };
    expect(notifiedThresholds(state, now)).toEqual({ 'local/session': 75 });
  });
});
