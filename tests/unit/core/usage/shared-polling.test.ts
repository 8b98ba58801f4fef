/**
 * The polling rules across processes: the app and two `brimline status --watch` processes on one
 * data folder, one fake clock, one loopback fake of the usage endpoint. Each core here stands for a
 * process (its own snapshot store, so its own token): together they must ask no more than one
 * process would, and a 429 one of them is told holds for all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { MINUTE, type PersistedSourceState } from '../../../../electron/core/usage/scheduler';
import { SnapshotStore } from '../../../../electron/core/usage/snapshot-store';
import { PENDING_RECHECK_MS, decideClaim } from '../../../../electron/core/usage/shared-polls';
import { nullLogger, type Logger } from '../../../../electron/core/platform/log';
import { snap, win } from '../../shell/fixtures';
import type { UsageSource } from '../../../../electron/core/sources/source';
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

describe('what another process saved', () => {
  it('is shown by the app within a moment (it watches snapshots.json), and its request counts for the app’s rules', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    const env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url };
    const app = createBrimlineCore({ env, dataDir, clock, home: cc, watchFiles: true });
    // A one-shot `brimline status`: no file watching, a manual refresh.
    const status = createBrimlineCore({ env, dataDir, clock, home: cc, watchFiles: false });
    cores = [app, status];
    clock.settle = async () => {
      await app.idle();
      await status.idle();
    };
    await app.start();
    await clock.advance(0);
    await clock.advance(2 * MINUTE);
    await status.start();
    status.refreshNow();
    await status.idle();
    await status.stop();
    cores = [app];
    expect(requestMinutes()).toEqual([0, 2]);

    const asked = new Date(START + 2 * MINUTE).toISOString();
    // The file watch's event comes in real time; its read follows within half a second on the clock.
    for (let i = 0; i < 40 && plan(app).attemptedAt !== asked; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await clock.advance(100);
    }
    expect(plan(app)).toMatchObject({ state: 'ok', attemptedAt: asked });
    // The status command's request holds for the app: a manual refresh waits for its floor ...
    expect(app.refreshNow()).toEqual({ started: false, nextAllowedAt: new Date(START + 3 * MINUTE).toISOString() });
    // ... and the app's next request is an interval after it, not after the app's own.
    for (let m = 3; m <= 10; m++) await clock.advance(MINUTE);
    expect(requestMinutes()).toEqual([0, 2, 7]);
  });
});

describe('a process where a source is not configured', () => {
  it('does not hold back the process where it is: a claim that sent nothing stands in for nothing', async () => {
    // The app has a claude.ai key (its keychain); a `brimline status` has none in its environment.
    writeSettingsWithSources(dataDir, ['claude-web']);
    const clock = new ManualClock(START);
    let sent = 0;
    const web = (configured: boolean): UsageSource => ({
      id: 'claude-web',
      async poll() {
        if (!configured)
          return {
            ok: false,
            kind: 'unconfigured',
            error: { code: 'no_credentials', message: 'No claude.ai session key is set.', action: null },
          };
        sent++;
        return { ok: true, data: { windows: [win('five_hour', 'session', 42, null)], plan: null, extraUsage: null } };
      },
    });
    const status = createBrimlineCore({ dataDir, clock, watchFiles: false, sources: () => [web(false)] });
    const app = createBrimlineCore({ dataDir, clock, watchFiles: true, sources: () => [web(true)] });
    cores = [status, app];
    clock.settle = async () => {
      await status.idle();
      await app.idle();
    };
    await status.start();
    status.refreshNow();
    await status.idle();
    await app.start();
    await clock.advance(0);

    expect(sent).toBe(1);
    expect(app.usage.snapshots()[0]).toMatchObject({ state: 'ok', error: null });
    // The status command's "not configured" never reaches the app's view, nor replaces its saved data.
    await status.stop();
    cores = [app];
    await clock.advance(500);
    expect(app.usage.snapshots()[0]).toMatchObject({ state: 'ok', error: null });
    expect((await new SnapshotStore(dataDir).load())[0]).toMatchObject({ snapshot: { state: 'ok' } });
  });
});

describe('a lock another process holds', () => {
  it('makes a process skip its poll and keep the saved data, rather than ask unguarded', async () => {
    const clock = new ManualClock(START);
    server = await startFakeAnthropic({ now: () => clock.now() });
    const env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url };
    const first = createBrimlineCore({ env, dataDir, clock, home: cc, watchFiles: false });
    clock.settle = () => first.idle();
    await first.start();
    await clock.advance(0);
    await first.stop();
    expect(requestMinutes()).toEqual([0]);

    // Another process holds the lock, and keeps holding it (alive, and fresher than the stale time).
    const lock = path.join(dataDir, 'snapshots.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, token: 'another-process', at: Date.now() }));
    clock.jump(10 * MINUTE);
    const problems: string[] = [];
    const logger: Logger = { ...nullLogger, warn: (m) => void problems.push(m), error: (m) => void problems.push(m) };
    const second = createBrimlineCore({ env, dataDir, clock, home: cc, watchFiles: false, logger });
    cores = [second];
    clock.settle = () => second.idle();
    await second.start();
    await clock.advance(0); // the claim waits for the lock (2 s of real time), then gives up

    expect(requestMinutes()).toEqual([0]);
    expect(plan(second)).toMatchObject({ state: 'stale', fetchedAt: new Date(START).toISOString() });
    expect(plan(second).windows).toHaveLength(3);
    expect(plan(second).nextAttemptAt).toBe(new Date(clock.now() + MINUTE).toISOString());
    expect(problems.join('\n')).toMatch(/another Brimline process holds the saved state/);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ token: 'another-process' });
    rmSync(lock); // the other process is done: stopping saves at once
  }, 10_000);
});

/** One instance's saved state, answered at `answeredAt` (minutes from START), attempted at `attemptAt`. */
function state(
  key: string,
  attemptAt: number | null,
  answeredAt: number | null,
  extra: Partial<PersistedSourceState> = {},
): PersistedSourceState {
  const snapshot = { ...snap([win('five_hour', 'session', 10, null)], 'ok', 'claude-oauth', START), key };
  return {
    snapshot: { ...snapshot, attemptedAt: answeredAt === null ? null : new Date(START + answeredAt * MINUTE).toISOString() },
    gateUntil: null,
    rateLimitStreak: 0,
    lastAttemptAt: attemptAt === null ? null : START + attemptAt * MINUTE,
    ...extra,
  };
}

describe('saving into a shared snapshots.json', () => {
  const keys = async (dir: string) => (await new SnapshotStore(dir).load()).map((s) => `${s.snapshot.key}@${s.snapshot.attemptedAt}`);

  it('merges: another process’s instances are kept, and an older word never replaces a newer one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-merge-'));
    const app = new SnapshotStore(dir);
    const cli = new SnapshotStore(dir);
    await app.save([state('claude-oauth@/a', 0, 0)]);
    // The CLI runs with a folder of its own; it knew /a as it was at minute 0 when it started.
    await cli.save([state('claude-oauth@/b', 1, 1), state('claude-oauth@/a', 0, 0)]);
    await app.save([state('claude-oauth@/a', 5, 5)]);
    // The CLI saves again what it knew of /a (older): /a stays the app's newer answer, /b stays the CLI's.
    await cli.save([state('claude-oauth@/b', 6, 6), state('claude-oauth@/a', 0, 0)]);
    expect(await keys(dir)).toEqual([
      `claude-oauth@/a@${new Date(START + 5 * MINUTE).toISOString()}`,
      `claude-oauth@/b@${new Date(START + 6 * MINUTE).toISOString()}`,
    ]);
  });

  it('on a tie the entry’s owner wins: an account learnt by the app is not undone by the CLI’s older copy', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-merge-'));
    const app = new SnapshotStore(dir);
    const cli = new SnapshotStore(dir);
    const before = state('k', 0, 0, { claimedBy: app.token });
    await app.save([before]);
    // The app learns which account the folder is (same attempt, same answer) and saves it.
    const moved = { ...before, snapshot: { ...before.snapshot, accountId: 'account:ada' } };
    await app.save([moved]);
    // The CLI started before that, and saves what it loaded then.
    await cli.save([before]);
    expect((await app.load()).map((s) => s.snapshot.accountId)).toEqual(['account:ada']);
  });

  it('a claim beats the state before it, and its answer beats the claim', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-merge-'));
    const app = new SnapshotStore(dir);
    const cli = new SnapshotStore(dir);
    await app.save([state('k', 0, 0)]);
    const rule = { now: START + 5 * MINUTE, gapMs: 5 * MINUTE, intervalMs: 5 * MINUTE };
    expect(await cli.claim(state('k', 0, 0), rule)).toEqual({ kind: 'send' });
    // The app, which knew minute 0 only, saves meanwhile: the claim stays, so others keep standing aside.
    await app.save([state('k', 0, 0)]);
    expect((await cli.load())[0]).toMatchObject({ lastAttemptAt: START + 5 * MINUTE, claimedBy: cli.token });
    expect(await app.claim(state('k', 0, 0), rule)).toMatchObject({ kind: 'skip', nextCheckAt: START + 5 * MINUTE + PENDING_RECHECK_MS });
    await cli.save([state('k', 5, 5, { claimedBy: cli.token })]);
    expect(await app.claim(state('k', 0, 0), { ...rule, now: rule.now + 1000 })).toMatchObject({
      kind: 'skip',
      nextCheckAt: START + 10 * MINUTE,
      saved: { snapshot: { attemptedAt: new Date(START + 5 * MINUTE).toISOString() } },
    });
  });

  it('a corrupt (truncated) snapshots.json is set aside, logged, and treated as empty; the next claim starts a new file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-corrupt-'));
    const truncated = '{"version":1,"sources":[{"snapshot":{"sourceId":"claude-oa';
    writeFileSync(path.join(dir, 'snapshots.json'), truncated);
    const warned: string[] = [];
    const store = new SnapshotStore(dir, { ...nullLogger, warn: (m) => void warned.push(m) });
    expect(await store.claim(state('k', null, null), { now: START, gapMs: MINUTE, intervalMs: MINUTE })).toEqual({ kind: 'send' });
    expect(warned.join('\n')).toMatch(
      /The saved usage data could not be read \(it is not valid JSON\); it was moved to .*snapshots\.json\.corrupt-/,
    );
    expect(store.loadProblem).toMatch(/could not be read/);
    const aside = readdirSync(dir).find((n) => n.startsWith('snapshots.json.corrupt-'))!;
    expect(readFileSync(path.join(dir, aside), 'utf8')).toBe(truncated);
    expect((await new SnapshotStore(dir).load()).map((s) => s.claimedBy)).toEqual([store.token]);
    expect(existsSync(path.join(dir, 'snapshots.json.lock'))).toBe(false);
  });
});

describe('a data folder that cannot be written', () => {
  it('holds no claim for anyone: the process keeps to its own rules and says so, rather than stop asking', async () => {
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), 'br-nodir-')), 'a-file');
    writeFileSync(blocker, '');
    const warned: string[] = [];
    const store = new SnapshotStore(path.join(blocker, 'data'), { ...nullLogger, warn: (m) => void warned.push(m) });
    expect(await store.claim(state('k', null, null), { now: START, gapMs: MINUTE, intervalMs: MINUTE })).toEqual({ kind: 'send' });
    expect(warned.join('\n')).toMatch(/could not be shared with other Brimline processes \(.*ENOTDIR.*\); this one keeps its own/);
  });
});

describe('decideClaim', () => {
  const rule = { now: START + 3 * MINUTE, gapMs: 5 * MINUTE, intervalMs: 5 * MINUTE };

  it('another process’s claim stands until its interval ends, even if that process died; our own never stands in', () => {
    const theirs = state('k', 0, 0, { claimedBy: 'dead-process' });
    expect(decideClaim(theirs, 'me', rule)).toMatchObject({ kind: 'skip', nextCheckAt: START + 5 * MINUTE });
    expect(decideClaim(theirs, 'me', { ...rule, now: START + 5 * MINUTE })).toEqual({ kind: 'send' });
    expect(decideClaim({ ...theirs, claimedBy: 'me' }, 'me', rule)).toEqual({ kind: 'send' });
    // A manual refresh: the floor, not the interval, and it looks again at the regular time.
    expect(decideClaim(theirs, 'me', { ...rule, gapMs: MINUTE })).toEqual({ kind: 'send' });
    expect(decideClaim(theirs, 'me', { ...rule, now: START + 30_000, gapMs: MINUTE })).toMatchObject({
      kind: 'skip',
      nextCheckAt: START + 5 * MINUTE,
    });
  });

  it('a claim with no answer yet is looked at again soon, to show the answer it brings', () => {
    const pending = state('k', 2, 0, { claimedBy: 'other' });
    expect(decideClaim(pending, 'me', rule)).toMatchObject({ kind: 'skip', nextCheckAt: rule.now + PENDING_RECHECK_MS });
  });

  it('a 429 gate holds for everyone, its maker included; a claim dated ahead of now counts as now', () => {
    const gated = state('k', 0, 0, { claimedBy: 'me', gateUntil: START + 35 * MINUTE, rateLimitStreak: 1 });
    expect(decideClaim(gated, 'me', rule)).toMatchObject({ kind: 'skip', nextCheckAt: START + 35 * MINUTE });
    expect(decideClaim(gated, 'other', { ...rule, now: START + 35 * MINUTE })).toEqual({ kind: 'send' });
    const ahead = state('k', 600, 600, { claimedBy: 'skewed' });
    expect(decideClaim(ahead, 'me', rule)).toMatchObject({ kind: 'skip', nextCheckAt: rule.now + 5 * MINUTE });
  });
});
