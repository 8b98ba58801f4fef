/**
 * `status --json` pace and forecast from an hour of status-line samples: each step Claude Code
 * writes an observation (as `brimline statusline` does) and `brimline status` polls it at a fake
 * clock, recording it into the history; the last call reads pace and forecast from that history.
 */
import { writeSettingsWithSources } from '../../../support/settings-file';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../../../electron/core/cli/status-command';
import type { CliIo } from '../../../../electron/core/cli/io';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import { appendTrail } from '../../../../electron/core/statusline/trail';
import { ManualClock } from '../../../support/manual-clock';

const T0 = Date.parse('2026-07-03T10:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
/** The 5-hour window started at 08:00 and resets at 13:00; the week resets in three days. */
const SESSION_RESET = new Date(T0 + 3 * HOUR).toISOString();
const WEEK_RESET = new Date(T0 + 3 * 24 * HOUR).toISOString();

interface JsonWindow {
  id: string;
  usedPercent: number;
  pace: { expectedPercent: number; deltaPercent: number } | null;
  forecast: { runsOutAt: string | null; projectedPercentAtReset: number | null; lastsUntilReset: boolean; basis: string } | null;
}

let dataDir: string;
let configDir: string;
let home: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-forecast-data-'));
  configDir = mkdtempSync(path.join(os.tmpdir(), 'hr-forecast-cc-'));
  home = mkdtempSync(path.join(os.tmpdir(), 'hr-forecast-home-'));
  // Only the status line: no network, no log scan.
  writeSettingsWithSources(dataDir, ['statusline']);
});
afterEach(() => {
  for (const d of [dataDir, configDir, home]) rmSync(d, { recursive: true, force: true });
});

async function statusAt(now: number): Promise<{ code: number; windows: JsonWindow[]; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: { BRIMLINE_DATA_DIR: dataDir, CLAUDE_CONFIG_DIR: configDir, HOME: home, LANG: 'en_US.UTF-8' },
    now: () => now,
    isTTY: false,
  };
  const code = await runStatusCommand(['--json'], io, { clock: new ManualClock(now), home });
  return { code, windows: (JSON.parse(out) as { windows: JsonWindow[] }).windows, err };
}

async function observe(now: number, session: number, week: number): Promise<void> {
  await recordObservation(dataDir, {
    version: 1,
    observedAt: new Date(now).toISOString(),
    claudeCodeVersion: '2.1.80',
    sessionId: 's-1',
    configDir,
    apiKeyBilling: false,
    fiveHour: { usedPercent: session, resetsAt: SESSION_RESET },
    sevenDay: { usedPercent: week, resetsAt: WEEK_RESET },
  });
}

describe('status --json pace and forecast from the status line', () => {
  it('forecasts from the first observation by the window average, then blends in the last hour and projects when the session runs out', async () => {
    // First sample: pace is known at once (it needs no history), and so is the forecast from the
    // window average: 40 % seen 2 h into 5 h, so 100 % at the reset, not before.
    await observe(T0, 40, 50);
    const first = await statusAt(T0 + 10_000);
    expect(first.code).toBe(0);
    const session0 = first.windows.find((w) => w.id === 'session')!;
    expect(session0.pace).toEqual({ expectedPercent: 40.06, deltaPercent: -0.06 });
    expect(session0.forecast).toMatchObject({ runsOutAt: null, lastsUntilReset: true, basis: 'window_average' });
    expect(session0.forecast!.projectedPercentAtReset).toBe(100);
    // The week, 4 days in: from its first observation too.
    expect(first.windows.find((w) => w.id === 'weekly')!.forecast).toMatchObject({ basis: 'window_average' });

    // An hour of use, an observation and a status call every 5 minutes: 30 points an hour.
    let last = first;
    for (let m = 5; m <= 60; m += 5) {
      await observe(T0 + m * MIN, 40 + m / 2, 50 + m / 60);
      last = await statusAt(T0 + m * MIN + 10_000);
      expect(last.code).toBe(0);
    }
    expect(last.err).toBe('');
    const session = last.windows.find((w) => w.id === 'session')!;
    expect(session.usedPercent).toBe(70);
    // 3 h 0 min 10 s of 5 h gone.
    expect(session.pace).toEqual({ expectedPercent: 60.06, deltaPercent: 9.94 });
    expect(session.forecast).not.toBeNull();
    const f = session.forecast!;
    expect(f.lastsUntilReset).toBe(false);
    expect(f.projectedPercentAtReset).toBeGreaterThan(100);
    // Blend of the window average (70 % in 3 h) and the last hour (30 points): about 26.7 points an
    // hour, so the remaining 30 points last about 1 h 7 min, well before the 13:00 reset.
    const runsOut = Date.parse(f.runsOutAt!);
    expect(runsOut).toBeGreaterThan(T0 + 2 * HOUR);
    expect(runsOut).toBeLessThan(T0 + 2 * HOUR + 15 * MIN);
    expect(f.runsOutAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // The week: 4 days 1 h gone of 7 (57.74 % expected), 51 % used: behind pace. Its last hour of
    // samples now joins the window average, and the forecast says so.
    const week = last.windows.find((w) => w.id === 'weekly')!;
    expect(week.pace).toEqual({ expectedPercent: 57.74, deltaPercent: -6.74 });
    expect(week.forecast).toMatchObject({ basis: 'last_hour' });
  });

  it('moves the status line trail into the history once, however often status runs', async () => {
    const write = async (m: number): Promise<void> => {
      const o = {
        version: 1 as const,
        observedAt: new Date(T0 + m * MIN).toISOString(),
        claudeCodeVersion: '2.1.80',
        sessionId: 's-1',
        configDir,
        apiKeyBilling: false,
        fiveHour: { usedPercent: 40 + m / 2, resetsAt: SESSION_RESET },
      };
      await recordObservation(dataDir, o);
      await appendTrail(dataDir, o);
    };
    for (let m = 0; m <= 30; m += 5) await write(m);
    await statusAt(T0 + 30 * MIN + 10_000);
    await statusAt(T0 + 31 * MIN);
    for (let m = 35; m <= 60; m += 5) await write(m);
    const last = await statusAt(T0 + 60 * MIN + 10_000);
    const samples = await new HistoryStore(dataDir).read({ sinceMs: 0, windowId: 'session' });
    expect(samples.map((x) => (x.t - T0) / MIN)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    expect(samples.every((x) => x.sourceId === 'statusline' && x.accountId === 'local')).toBe(true);
    expect(last.windows.find((w) => w.id === 'session')!.forecast?.lastsUntilReset).toBe(false);
  });

  it('a window with no reset time has no pace and no forecast, as null', async () => {
    await recordObservation(dataDir, {
      version: 1,
      observedAt: new Date(T0).toISOString(),
      claudeCodeVersion: '2.1.80',
      sessionId: 's-1',
      configDir,
      apiKeyBilling: false,
      fiveHour: { usedPercent: 0, resetsAt: null },
    });
    const r = await statusAt(T0 + 10_000);
    const session = r.windows.find((w) => w.id === 'session')!;
    expect(session).toMatchObject({ pace: null, forecast: null });
  });
});
