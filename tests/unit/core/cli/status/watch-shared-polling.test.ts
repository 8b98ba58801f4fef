/**
 * Issue #24: two `brimline status --watch` runs (the CLI's own entry, in this process) and the app,
 * on one data folder, one manual clock and one loopback fake of the usage endpoint that counts
 * requests. Over a simulated hour they ask no more than one process would, a 429 gate holds for all
 * three, and each watcher prints what another process fetched without asking itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../../../../electron/core/cli/status-command';
import type { StatusSession } from '../../../../../electron/core/cli/status/session';
import { createBrimlineCore, type Core } from '../../../../../electron/core/usage/app-core';
import { MINUTE } from '../../../../../electron/core/usage/scheduler';
import { DEFAULT_SETTINGS } from '../../../../../shared/settings';
import { DEFAULT_TOKEN, fixtureText, startFakeAnthropic, type Behaviour, type FakeAnthropic } from '../../../../support/fake-anthropic';
import { ManualClock } from '../../../../support/manual-clock';
import { manualTimers, testIo, until, watchDirs, type TestIo } from './watch-helpers';

const START = Date.parse('2026-07-02T20:00:00Z');
const USAGE = '/api/oauth/usage';
/** The plan source's interval: the user's (default) poll interval, the one the scheduler keeps to. */
const INTERVAL_MIN = DEFAULT_SETTINGS.pollIntervalMinutes;
/** Every request minute one process alone would make over the hour. */
const ONE_PROCESS = Array.from({ length: 60 / INTERVAL_MIN + 1 }, (_, i) => i * INTERVAL_MIN);

/** The usage endpoint's answer at a minute: the session window at a percentage only that interval has. */
const percentAt = (minute: number): number => 11 + Math.floor(minute / INTERVAL_MIN);
function usageAt(minute: number): Behaviour {
  const p = percentAt(minute);
  const body = fixtureText('oauth-usage/usage.200.limits-array-2026-07.json')
    .replace('"utilization": 11.0', `"utilization": ${p}.0`)
    .replace('"percent": 11,', `"percent": ${p},`);
  return { kind: 'json', body: JSON.parse(body) };
}

interface Process {
  name: string;
  /** Usage requests this process sent, in minutes from START. */
  sent: number[];
}
interface Watcher extends Process {
  io: TestIo;
  /** Each write to stdout with the clock's minute (from START) when it was written. */
  writes: Array<{ minute: number; text: string }>;
  session: StatusSession | null;
  done: Promise<number>;
}

let server: FakeAnthropic | null = null;
let app: Core | null = null;
let watchers: Watcher[] = [];
afterEach(async () => {
  for (const w of watchers) w.io.stop();
  await Promise.all(watchers.map((w) => w.done));
  watchers = [];
  await app?.stop();
  app = null;
  await server?.close();
  server = null;
});

/** A fetch that notes which process sent a usage request, and when (on the manual clock). */
function noting(p: Process, clock: ManualClock): typeof fetch {
  return (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes(USAGE)) p.sent.push((clock.now() - START) / MINUTE);
    return fetch(input, init);
  };
}

/**
 * The app (a core with file watching, as in main) asks first at minute 0; then two watchers start
 * through `runStatusCommand` as `brimline status --watch` would: one with --json, one with the full
 * summary. Each fired timer waits until all three are quiet (a poll, its save, the others' reads,
 * the watchers' writes).
 */
async function startAppAndWatchers(clock: ManualClock): Promise<{ app: Process; watchers: Watcher[] }> {
  const dirs = watchDirs(['claude-oauth']);
  writeFileSync(
    path.join(dirs.config, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt: START + 48 * 3600_000, scopes: ['user:profile'] } }),
  );
  dirs.env.BRIMLINE_ANTHROPIC_API_URL = server!.url;
  const home = mkdtempSync(path.join(os.tmpdir(), 'hr-watch-shared-home-'));
  const shared = { clock, home, random: () => 0.5 };

  const appProcess: Process = { name: 'app', sent: [] };
  app = createBrimlineCore({ env: dirs.env, dataDir: dirs.data, watchFiles: true, fetch: noting(appProcess, clock), ...shared });
  clock.settle = async () => {
    for (let i = 0; i < 3; i++) {
      await Promise.all([app!.idle(), ...watchers.map((w) => w.session?.core.idle())]);
      await Promise.all(watchers.map((w) => w.session?.service.settled()));
      await new Promise((r) => setImmediate(r));
    }
  };
  await app.start();
  await clock.advance(0);

  for (const [name, args] of [
    ['json watcher', ['--watch', '--json']],
    ['text watcher', ['--watch']],
  ] as const) {
    const io = testIo(dirs.env, () => clock.now());
    const w: Watcher = { name, sent: [], io, writes: [], session: null, done: Promise.resolve(0) };
    const write = io.stdout;
    io.stdout = (s) => {
      w.writes.push({ minute: (clock.now() - START) / MINUTE, text: s });
      write(s);
    };
    watchers.push(w);
    w.done = runStatusCommand(
      [...args],
      io,
      { ...shared, fetch: noting(w, clock) },
      { watch: { timers: manualTimers(clock) }, onSession: (s) => void (w.session = s) },
    );
    await until(() => w.writes.length >= 1, 10_000);
  }
  await clock.advance(0);
  return { app: appProcess, watchers };
}

function requestMinutes(): number[] {
  return server!.requests.filter((r) => r.path === USAGE).map((r) => (r.at - START) / MINUTE);
}

interface JsonLine {
  windows: Array<{ id: string; usedPercent: number; stale: boolean }>;
  sources: Array<{ state: string; fetchedAt: string | null; error: { code: string; action: unknown } | null }>;
}

/** The session window's percentage in one write: a --json line, or a full summary (a heartbeat header has none). */
function sessionPercent(w: Watcher, text: string): number | null {
  if (w.name === 'json watcher') return (JSON.parse(text) as JsonLine).windows.find((x) => x.id === 'session')?.usedPercent ?? null;
  const row = /^ {2}Session \(5 h\)\s+(\d+)%/m.exec(text);
  return row ? Number(row[1]) : null;
}

/** Each new session percentage a watcher printed, with the minute it was first printed in. */
function shown(w: Watcher): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const { minute, text } of w.writes) {
    const p = sessionPercent(w, text);
    if (p !== null && p !== out.at(-1)?.[1]) out.push([Math.floor(minute), p]);
  }
  return out;
}

describe('two `status --watch` runs and the app on one data folder, over an hour', () => {
  it('ask the usage endpoint on one process’s schedule, and each watcher prints, within the minute, what another process fetched', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    server.route(USAGE, () => usageAt((clock.now() - START) / MINUTE));
    const { app: appProcess, watchers: two } = await startAppAndWatchers(clock);
    for (let m = 1; m <= 60; m++) await clock.advance(MINUTE);

    expect(requestMinutes()).toEqual(ONE_PROCESS);
    // Each request was sent by exactly one of the three.
    const sent = [appProcess, ...two].flatMap((p) => p.sent);
    expect(sent.sort((a, b) => a - b)).toEqual(ONE_PROCESS);
    for (const w of two) {
      const byOthers = [appProcess, ...two].filter((p) => p !== w).flatMap((p) => p.sent);
      expect(byOthers.length).toBeGreaterThan(0);
      // Every answer, whoever asked, is printed in the minute it was fetched: nothing missed, nothing late.
      expect(shown(w)).toEqual(ONE_PROCESS.map((m) => [m, percentAt(m)]));
      for (const m of byOthers) expect(shown(w)).toContainEqual([m, percentAt(m)]);
      expect(w.io.err).toBe('');
    }
    expect(server.headerProblems).toEqual([]);
  }, 60_000);

  it('a 429 with Retry-After (minute 20 to 35) holds for all three: nobody asks during the gate, and both watchers say so over the saved data', async () => {
    const [gateFrom, gateTo] = [20, 35];
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    server.route(USAGE, () => {
      const minute = (clock.now() - START) / MINUTE;
      if (minute < gateFrom || minute >= gateTo) return usageAt(minute);
      const retryAfterS = Math.round((gateTo - minute) * 60);
      return {
        kind: 'fixture',
        status: 429,
        file: 'oauth-usage/error.429.rate-limit.json',
        headers: { 'retry-after': String(retryAfterS) },
      };
    });
    const { app: appProcess, watchers: two } = await startAppAndWatchers(clock);
    for (let m = 1; m <= 60; m++) await clock.advance(MINUTE);

    expect(requestMinutes()).toEqual(ONE_PROCESS.filter((m) => m <= gateFrom || m >= gateTo));
    for (const p of [appProcess, ...two]) expect(p.sent.filter((m) => m > gateFrom && m < gateTo)).toEqual([]);

    const saved = percentAt(gateFrom - INTERVAL_MIN);
    const gateEnds = new Date(START + gateTo * MINUTE).toISOString();
    const [json, text] = two as [Watcher, Watcher];
    const during = (w: Watcher): Watcher['writes'] => w.writes.filter((x) => x.minute >= gateFrom && x.minute < gateTo);
    // Both keep writing through the gate (a change, or the minute's heartbeat): a bar never looks dead.
    for (const w of two) expect(new Set(during(w).map((x) => Math.floor(x.minute)))).toEqual(new Set(range(gateFrom, gateTo)));

    for (const { text: line } of during(json)) {
      const o = JSON.parse(line) as JsonLine;
      expect(o.windows.find((x) => x.id === 'session')).toMatchObject({ usedPercent: saved, stale: true });
      expect(o.sources).toEqual([
        expect.objectContaining({
          state: 'stale',
          fetchedAt: new Date(START + (gateFrom - INTERVAL_MIN) * MINUTE).toISOString(),
          error: expect.objectContaining({ code: 'rate_limited', action: { kind: 'retry_at', at: gateEnds } }),
        }),
      ]);
    }
    const blocks = during(text).filter((x) => sessionPercent(text, x.text) !== null);
    expect(blocks.length).toBeGreaterThanOrEqual(gateTo - gateFrom);
    for (const { text: block } of blocks) {
      expect(block).toMatch(new RegExp(`^ {2}Session \\(5 h\\) +${saved}% .*\\(out of date\\)$`, 'm'));
      expect(block).toContain('Claude plan: stale (last update failed), updated 8:15 PM');
      expect(block).toContain('! Claude is rate-limiting usage checks. Brimline keeps the last data and waits before it asks again.');
      expect(block).toContain('Next attempt: 8:35 PM');
    }
    // The gate over, the next answer (whoever asked) is printed at once, fresh again.
    for (const w of two) expect(shown(w)).toContainEqual([gateTo, percentAt(gateTo)]);
    const after = JSON.parse(json.writes.find((x) => x.minute >= gateTo)!.text) as JsonLine;
    expect(after.sources[0]).toMatchObject({ state: 'ok', error: null });
  }, 60_000);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
