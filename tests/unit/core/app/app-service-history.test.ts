/** The usage history as a subscriber of the usage store: recording, pace and forecast in the app state, forecast alerts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAppService, type AppService } from '../../../../electron/core/app/app-service';
import { ForecastAlertStore } from '../../../../electron/core/alerts/forecast-alert-store';
import { HistoryService } from '../../../../electron/core/history/history-service';
import type { NotificationText } from '../../../../electron/core/alerts/notification-text';
import { FILES } from '../../../../electron/core/platform/paths';
import type { SourceSnapshot } from '../../../../shared/domain';
import type { SecretStatus } from '../../../../shared/ipc';
import { FakeCore } from '../../shell/fake-core';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const MIN = 60_000;
const NO_SECRETS: SecretStatus = { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
const secrets = { status: async () => NO_SECRETS, set: async () => NO_SECRETS, remove: async () => NO_SECRETS };
const quiet = { log() {}, info() {}, warn() {}, error() {} };
/** The session window started two hours before T0 and resets three hours after it. */
const RESET = T0 + 3 * HOUR;

function localLogs(at: number, cost: number): SourceSnapshot {
  const today = { inputTokens: 10, outputTokens: 20, cacheCreationTokens: 30, cacheReadTokens: 40, totalTokens: 100, totalCost: cost };
  return { ...snap([], 'ok', 'local-logs', at), local: { today, week: today, activeBlock: null, unpricedModels: [] } };
}

describe('application service with the usage history', () => {
  let dir: string;
  let core: FakeCore;
  let service: AppService | null;
  let history: HistoryService;
  let notified: NotificationText[];
  let now: number;
  let tick: (() => void) | null;

  async function start(opts: { forecastAlerts?: boolean } = {}): Promise<AppService> {
    core = new FakeCore(dir);
    await core.start();
    history = new HistoryService(dir, { now: () => now, desktopHistoryFile: null });
    let forecastAlerts: ForecastAlertStore | undefined;
    if (opts.forecastAlerts ?? true) {
      forecastAlerts = new ForecastAlertStore(dir);
      await forecastAlerts.load();
    }
    notified = [];
    service = await startAppService({
      core,
      secrets,
      history,
      forecastAlerts,
      notify: (t) => notified.push(t),
      logger: quiet,
      systemLocales: ['en-GB'],
      timeZone: 'UTC',
      platform: 'linux',
      appVersion: '9.9.9',
      now: () => now,
      setInterval: (fn) => (tick = fn),
      clearInterval: () => undefined,
    });
    return service;
  }

  /** One poll every 5 minutes for an hour, the session window rising 30 points an hour from 40 %. */
  async function steadyHour(s: AppService, from = T0): Promise<void> {
    for (let m = 0; m <= 60; m += 5) {
      now = from + m * MIN;
      core.push([snap([win('five_hour', 'session', 40 + m / 2, RESET)], 'ok', 'claude-oauth', now)]);
      await s.settled();
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-history-service-'));
    now = T0;
    service = null;
    tick = null;
  });
  afterEach(() => {
    service?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each fresh observation once, and gives pace and forecast in the app state', async () => {
    const s = await start();
    await steadyHour(s);
    // The same view again (a scan-progress update, say) adds nothing.
    core.push(core.usage.snapshots());
    await s.settled();
    const samples = await history.store.read({ sinceMs: 0 });
    expect(samples.map((x) => x.usedPercent)).toEqual([40, 42.5, 45, 47.5, 50, 52.5, 55, 57.5, 60, 62.5, 65, 67.5, 70]);
    expect(samples.every((x) => x.accountId === 'local' && x.windowId === 'session' && x.sourceId === 'claude-oauth')).toBe(true);

    const o = s.appState().outlook['local/session']!;
    // Three of five hours gone: 60 % expected, 70 % used.
    expect(o.pace).toEqual({ expectedPercent: 60, deltaPercent: 10 });
    expect(o.stage).toBe('ahead');
    expect(o.forecast).toMatchObject({ lastsUntilReset: false, method: 'blend' });
    const runsOut = Date.parse(o.forecast!.runsOutAt!);
    expect(runsOut).toBeGreaterThan(now);
    expect(runsOut).toBeLessThan(RESET - 30 * MIN);
    expect(o.samples).toHaveLength(13);
    expect(o.samples[12]).toEqual({ t: now, usedPercent: 70 });
  });

  it('counts only working days in the weekly pace when the setting says so', async () => {
    const s = await start();
    // T0 is Friday 3 July 10:00 UTC; the weekly window began Monday 29 June 10:00 and resets Monday 6 July.
    const weekly = (at: number) => snap([win('seven_day', 'weekly', 50, Date.parse('2026-07-06T10:00:00Z'))], 'ok', 'claude-oauth', at);
    core.push([weekly(now)]);
    await s.settled();
    // Four of seven days gone: 57 % expected.
    expect(s.appState().outlook['local/weekly']!.pace!.expectedPercent).toBeCloseTo((4 / 7) * 100, 1);
    await core.settings.update({ pace: { workingDaysOnly: true } });
    now += MIN;
    core.push([weekly(now)]);
    await s.settled();
    // Mon 10:00 to Fri 10:01 is 4 of the window's 5 working days (Mon 10:00 to the next Mon 10:00, weekend left out).
    expect(s.appState().outlook['local/weekly']!.pace!.expectedPercent).toBeCloseTo(80, 0);
  });

  it('never records stale data, but still shows its outlook', async () => {
    const s = await start();
    core.push([snap([win('five_hour', 'session', 40, RESET)], 'ok', 'claude-oauth', T0)]);
    await s.settled();
    now = T0 + 10 * MIN;
    core.push([snap([win('five_hour', 'session', 55, RESET)], 'stale', 'claude-oauth', now)]);
    await s.settled();
    expect((await history.store.read({ sinceMs: 0 })).map((x) => x.usedPercent)).toEqual([40]);
    expect(s.appState().outlook['local/session']?.pace).not.toBeNull();
  });

  it('keeps the local logs’ total of the day', async () => {
    const s = await start();
    core.push([localLogs(T0, 3.5)]);
    await s.settled();
    now = T0 + HOUR;
    core.push([localLogs(now, 5.25)]);
    await s.settled();
    expect(history.daily.list()).toEqual([
      {
        date: '2026-07-03',
        inputTokens: 10,
        outputTokens: 20,
        cacheCreationTokens: 30,
        cacheReadTokens: 40,
        totalTokens: 100,
        totalCost: 5.25,
      },
    ]);
    const payload = await s.history(7);
    expect(payload.daily).toEqual([{ date: '2026-07-03', totalCost: 5.25, totalTokens: 100 }]);
  });

  it('warns once per cycle that the window runs out before its reset, saying when', async () => {
    const s = await start();
    await steadyHour(s);
    expect(notified).toHaveLength(1);
    expect(notified[0]!.title).toMatch(/^Claude Session \(5 h\) runs out at \d\d:\d\d$/);
    expect(notified[0]!.body).toMatch(/^At this pace it reaches 100% .+ before it resets at 13:00\.$/);
    // Persisted: a restarted app does not warn again in this cycle.
    s.dispose();
    const again = await start();
    await steadyHour(again, T0 + 61 * MIN);
    expect(notified).toEqual([]);
  });

  it('follows the settings: runs-out off, unused-at-reset on', async () => {
    const s = await start();
    await core.settings.update({ notifications: { runsOut: false, unusedAtReset: true } });
    await steadyHour(s);
    expect(notified).toEqual([]);
    // Within the hour before the reset, with 30 % left.
    now = RESET - 40 * MIN;
    core.push([snap([win('five_hour', 'session', 70, RESET)], 'ok', 'claude-oauth', now)]);
    await s.settled();
    expect(notified.map((n) => n.title)).toEqual(['Claude Session (5 h) resets soon with 30% left']);
    expect(notified[0]!.body).toBe('It resets in 40 mins, at 13:00.');
  });

  it('without the forecast alert store (the CLI) records but never notifies', async () => {
    const s = await start({ forecastAlerts: false });
    await steadyHour(s);
    expect(notified).toEqual([]);
    expect(s.appState().outlook['local/session']?.forecast?.lastsUntilReset).toBe(false);
  });

  it('moves the outlook with time: an hour without use is idle', async () => {
    const s = await start();
    await steadyHour(s);
    now += 70 * MIN;
    tick!();
    await s.settled();
    const f = s.appState().outlook['local/session']!.forecast!;
    expect(f.idle).toBe(true);
    expect(f.lastsUntilReset).toBe(true);
    expect(f.projectedPercentAtReset).toBe(70);
  });

  it('brings the history’s start-up problems to the app state', async () => {
    mkdirSync(path.join(dir, FILES.historyDir), { recursive: true });
    writeFileSync(path.join(dir, FILES.historyDir, 'samples-2026-07-03.jsonl'), 'not a header\n');
    writeFileSync(path.join(dir, FILES.forecastAlerts), '{"version": 1, "windows": 3}');
    const s = await start();
    await s.settled();
    const problems = s.appState().problems;
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => /samples-2026-07-03\.jsonl/.test(p) && /corrupt-/.test(p))).toBe(true);
    expect(problems).toContainEqual(expect.stringMatching(/^The forecast alert state could not be read .*moved to .*corrupt-/));
  });

  it('serves 7 days of history: peaks per cycle and usage over time', async () => {
    const s = await start();
    await steadyHour(s);
    const payload = await s.history(7);
    expect(payload.windows).toHaveLength(1);
    const w = payload.windows[0]!;
    expect(w).toMatchObject({ accountId: 'local', windowId: 'session', kind: 'session' });
    expect(w.peaks).toEqual([{ resetsAt: RESET, peakPercent: 70, peakAt: T0 + HOUR }]);
    expect(w.points).toHaveLength(13);
    expect(w.points[0]).toEqual({ t: T0, usedPercent: 40, resetsAt: RESET });
  });
});
