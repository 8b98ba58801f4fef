/**
 * The polling rules across processes: the app and two `brimline status --watch` processes on one
 * data folder, one fake clock, one loopback fake of the usage endpoint. Each core here stands for a
 * process (its own snapshot store, so its own token): together they must ask no more than one
 * process would, and a 429 one of them is told holds for all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { MINUTE } from '../../../../electron/core/usage/scheduler';
import { DEFAULT_TOKEN, startFakeAnthropic, type Behaviour, type FakeAnthropic } from '../../../support/fake-anthropic';
import { ManualClock } from '../../../support/manual-clock';
import { writeSettingsWithSources } from '../../../support/settings-file';

let server: FakeAnthropic;
let cc: string;
let dataDir: string;
let cores: Core[] = [];

const START = Date.parse('2026-07-02T20:00:00Z');
const USAGE = '/api/oauth/usage';
const OK: Behaviour = { kind: 'fixture', file: 'oauth-usage/usage.200.limits-array-2026-07.json' };

beforeEach(() => {
  cc = mkdtempSync(path.join(os.tmpdir(), 'br-shared-cc-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'br-shared-data-'));
  writeSettingsWithSources(dataDir, ['claude-oauth']);
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt: START + 48 * 3600_000, scopes: ['user:profile'] } }),
  );
});
afterEach(async () => {
  for (const c of cores) await c.stop();
  cores = [];
  await server.close();
});

/** The app (file watching, as in main) and two watchers like `brimline status --watch` (no alerts: the core has none). */
async function startThree(clock: ManualClock): Promise<Core[]> {
  const env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url };
  const make = (): Core => createBrimlineCore({ env, dataDir, clock, random: () => 0.5, home: cc, watchFiles: true });
  cores = [make(), make(), make()];
  clock.settle = async () => {
    // Until every process is quiet: one's answer may be what the next one reads.
    for (let i = 0; i < 3; i++) await Promise.all(cores.map((c) => c.idle()));
  };
  for (const c of cores) await c.start();
  return cores;
}

/** The minutes (from START) at which the usage endpoint was asked. */
function requestMinutes(): number[] {
  return server.requests.filter((r) => r.path === USAGE).map((r) => (r.at - START) / MINUTE);
}

async function simulateHour(clock: ManualClock): Promise<void> {
  await clock.advance(0);
  for (let m = 1; m <= 60; m++) await clock.advance(MINUTE);
}

const plan = (c: Core) => c.usage.snapshots().find((s) => s.sourceId === 'claude-oauth')!;

describe('three processes on one data folder', () => {
  it('ask the usage endpoint on one schedule, every 5 minutes, not three times as often; every one shows the answers', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    const [app, w1, w2] = await startThree(clock);
    await simulateHour(clock);

    expect(requestMinutes()).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    // The watchers show what whoever asked was told: the same answer, from the last request.
    const lastAnswer = new Date(START + 60 * MINUTE).toISOString();
    for (const c of [app!, w1!, w2!]) {
      expect(plan(c)).toMatchObject({ state: 'ok', attemptedAt: lastAnswer });
      expect(plan(c).windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day', 'weekly_model:fable']);
    }
    expect(server.headerProblems).toEqual([]);
  });

  it('a 429 one of them is told (Retry-After to minute 35) holds for all: nobody asks during the gate', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    server.route(USAGE, () => {
      const minute = (clock.now() - START) / MINUTE;
      if (minute < 20 || minute >= 35) return OK;
      const retryAfterS = Math.round((START + 35 * MINUTE - clock.now()) / 1000);
      return {
        kind: 'fixture',
        status: 429,
        file: 'oauth-usage/error.429.rate-limit.json',
        headers: { 'retry-after': String(retryAfterS) },
      };
    });
    const three = await startThree(clock);
    await clock.advance(0);
    for (let m = 1; m <= 25; m++) await clock.advance(MINUTE);

    // Minute 25: nobody asked since the 429, and the gate is open for every process, whoever was told.
    expect(requestMinutes()).toEqual([0, 5, 10, 15, 20]);
    const gateEnds = new Date(START + 35 * MINUTE).toISOString();
    for (const c of three) {
      expect(plan(c)).toMatchObject({ state: 'stale', error: { code: 'rate_limited' }, nextAttemptAt: gateEnds });
      expect(c.refreshNow()).toEqual({ started: false, nextAllowedAt: gateEnds });
    }
    for (let m = 26; m <= 60; m++) await clock.advance(MINUTE);

    expect(requestMinutes()).toEqual([0, 5, 10, 15, 20, 35, 40, 45, 50, 55, 60]);
    for (const c of three) expect(plan(c)).toMatchObject({ state: 'ok', error: null });
  });

  it('a manual refresh (`brimline status`) is not a way around it: another process’s request a minute ago stands in', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    const [app, w1] = await startThree(clock);
    await clock.advance(0);
    await clock.advance(30_000);
    // Within the floor of the request at minute 0, whoever made it.
    w1!.refreshNow();
    await w1!.idle();
    expect(requestMinutes()).toEqual([0]);
    // Past the floor a manual refresh asks (the floor, not the interval, is the rule for it), once.
    await clock.advance(MINUTE);
    app!.refreshNow();
    w1!.refreshNow();
    await Promise.all(cores.map((c) => c.idle()));
    expect(requestMinutes()).toEqual([0, 1.5]);
  });
});
