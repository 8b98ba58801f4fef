import { describe, expect, it } from 'vitest';
import { Scheduler, MINUTE, type PersistedSourceState } from '../../../../electron/core/usage/scheduler';
import type { PollResult, UsageSource } from '../../../../electron/core/sources/source';
import { ManualClock } from '../../../support/manual-clock';

const ok = (pct = 10): PollResult => ({
  ok: true,
  data: {
    windows: [{ id: 'five_hour', kind: 'session', label: 'Session', usedPercent: pct, resetsAt: '2026-07-03T00:00:00.000Z' }],
    plan: null,
    extraUsage: null,
  },
});
const rateLimited = (retryAfterMs: number | null): PollResult => ({
  ok: false,
  kind: 'rate_limited',
  retryAfterMs,
});
const transient: PollResult = { ok: false, kind: 'transient', error: { code: 'unavailable', message: 'down', action: { kind: 'retry' } } };

/** A source whose answers the test scripts; records when it was called. */
function scripted(clock: ManualClock, answer: (n: number) => PollResult | Promise<PollResult>): UsageSource & { calls: number[] } {
  const calls: number[] = [];
  return {
    id: 'claude-oauth',
    calls,
    async poll() {
      calls.push(clock.now());
      return answer(calls.length);
    },
  };
}

function setup(
  answer: (n: number) => PollResult | Promise<PollResult>,
  opts: { intervalMin?: number; initial?: PersistedSourceState[] } = {},
) {
  const clock = new ManualClock();
  const source = scripted(clock, answer);
  const scheduler = new Scheduler([source], {
    clock,
    intervalMs: () => (opts.intervalMin ?? 5) * MINUTE,
    random: () => 0.5,
    initial: opts.initial,
  });
  clock.settle = () => scheduler.idle();
  return { clock, source, scheduler, t0: clock.now() };
}

const mins = (calls: number[], t0: number) => calls.map((c) => (c - t0) / MINUTE);

describe('scheduler', () => {
  it('polls at start and then every interval', async () => {
    const { clock, source, scheduler, t0 } = setup(() => ok());
    scheduler.start();
    await clock.advance(16 * MINUTE);
    expect(mins(source.calls, t0)).toEqual([0, 5, 10, 15]);
    expect(scheduler.snapshots()[0]).toMatchObject({ state: 'ok', error: null });
  });

  it('never polls more often than once a minute, even when the interval says so or on demand', async () => {
    const { clock, source, scheduler } = setup(() => ok(), { intervalMin: 0 });
    scheduler.start();
    await clock.advance(0);
    const r = scheduler.refreshNow();
    expect(r.started).toBe(false);
    expect(r.nextAllowedAt).toBe(new Date(clock.now() + MINUTE).toISOString());
    await clock.advance(10 * MINUTE);
    expect(source.calls.length).toBe(11);
  });

  it('keeps one poll in flight per source', async () => {
    let release: (r: PollResult) => void = () => undefined;
    const { clock, source, scheduler } = setup(() => new Promise<PollResult>((res) => (release = res)));
    // The poll never settles during this test, so do not wait for it between timers.
    clock.settle = async () => undefined;
    scheduler.start();
    await clock.advance(0);
    expect(source.calls.length).toBe(1);
    await clock.advance(10 * MINUTE);
    expect(scheduler.refreshNow().started).toBe(true);
    expect(source.calls.length).toBe(1);
    release(ok());
    await scheduler.idle();
    expect(scheduler.snapshots()[0]!.state).toBe('ok');
  });

  it('after a 429 with retry-after 0 or missing waits 5 minutes, doubling up to an hour', async () => {
    const { clock, source, scheduler, t0 } = setup((n) => (n <= 6 ? rateLimited(n % 2 ? 0 : null) : ok()));
    scheduler.start();
    await clock.advance(4 * 60 * MINUTE);
    // 0, +5, +10, +20, +40, +60 (cap), then ok and back to the 5-minute rhythm.
    expect(mins(source.calls, t0).slice(0, 8)).toEqual([0, 5, 15, 35, 75, 135, 195, 200]);
  });

  it('honours a Retry-After longer than the floor', async () => {
    const { clock, source, scheduler, t0 } = setup((n) => (n === 1 ? rateLimited(1600_000) : ok()));
    scheduler.start();
    await clock.advance(30 * MINUTE);
    expect(mins(source.calls, t0)).toEqual([0, 1600 / 60]);
  });

  it('a manual refresh never passes the 429 gate and says when it may', async () => {
    const { clock, source, scheduler } = setup((n) => (n === 1 ? rateLimited(30_000) : ok()));
    scheduler.start();
    await clock.advance(2 * MINUTE);
    const r = scheduler.refreshNow();
    expect(r.started).toBe(false);
    expect(r.nextAllowedAt).toBe(new Date(Date.parse('2026-07-02T20:05:00Z')).toISOString());
    expect(scheduler.refreshAllowedAt()).toBe(r.nextAllowedAt);
    expect(source.calls.length).toBe(1);
    const snap = scheduler.snapshots()[0]!;
    expect(snap.error).toMatchObject({ code: 'rate_limited', action: { kind: 'retry_at', at: '2026-07-02T20:05:00.000Z' } });
  });

  it('backs off transient errors exponentially and a manual refresh skips that backoff', async () => {
    const { clock, source, scheduler, t0 } = setup((n) => (n <= 4 ? transient : ok()));
    scheduler.start();
    await clock.advance(7 * MINUTE + 1);
    // random() = 0.5 → no jitter: 1, 2, 4 minutes.
    expect(mins(source.calls, t0)).toEqual([0, 1, 3, 7]);
    await clock.advance(MINUTE);
    expect(scheduler.refreshNow().started).toBe(true);
    await clock.advance(0);
    expect(source.calls.length).toBe(5);
    expect(scheduler.snapshots()[0]!.state).toBe('ok');
  });

  it('keeps the last good data on failure and marks it stale', async () => {
    const { clock, scheduler } = setup((n) => (n === 1 ? ok(42) : transient));
    scheduler.start();
    await clock.advance(5 * MINUTE);
    const s = scheduler.snapshots()[0]!;
    expect(s.state).toBe('stale');
    expect(s.windows[0]!.usedPercent).toBe(42);
    expect(s.fetchedAt).toBe('2026-07-02T20:00:00.000Z');
    expect(s.error?.code).toBe('unavailable');
  });

  it('shows an error (not stale) when there never was data, and unconfigured for missing setup', async () => {
    const { clock, scheduler } = setup(() => ({
      ok: false,
      kind: 'unconfigured',
      error: { code: 'no_credentials', message: 'log in', action: null },
    }));
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.snapshots()[0]!.state).toBe('unconfigured');
  });

  it('pauses during sleep and polls soon after wake, within the rules', async () => {
    const { clock, source, scheduler, t0 } = setup(() => ok());
    scheduler.start();
    await clock.advance(MINUTE);
    scheduler.suspend();
    await clock.advance(60 * MINUTE);
    expect(source.calls.length).toBe(1);
    scheduler.resume();
    await clock.advance(10_000);
    expect(mins(source.calls, t0)).toEqual([0, 61 + 5 / 60]);
  });

  it('polls promptly when the network comes back after a failure', async () => {
    const { clock, source, scheduler, t0 } = setup((n) => (n < 6 ? transient : ok()));
    scheduler.start();
    await clock.advance(20 * MINUTE);
    const before = source.calls.length;
    scheduler.networkOnline();
    await clock.advance(MINUTE + 2000);
    expect(source.calls.length).toBe(before + 1);
    expect(mins(source.calls, t0).at(-1)).toBeCloseTo(20 + 2 / 60, 5);
  });

  it('a restart does not bypass a persisted 429 gate', async () => {
    const first = setup(() => rateLimited(3600_000));
    first.scheduler.start();
    await first.clock.advance(MINUTE);
    const saved = first.scheduler.persistedState();
    const second = setup(() => ok(), { initial: saved });
    second.scheduler.start();
    await second.clock.advance(59 * MINUTE);
    expect(second.source.calls).toEqual([]);
    await second.clock.advance(MINUTE);
    expect(second.source.calls.length).toBe(1);
  });

  it('a wall clock set back by two days keeps the gate at its real length', async () => {
    const { clock, source, scheduler } = setup((n) => (n === 1 ? rateLimited(600_000) : ok()));
    scheduler.start();
    await clock.advance(0);
    clock.jump(-48 * 60 * MINUTE);
    const jumpedAt = clock.now();
    expect(scheduler.refreshNow().started).toBe(false);
    await clock.advance(30 * MINUTE);
    // 10 minutes after the jump (the gate's real length), then the 5-minute rhythm.
    expect(source.calls.slice(1).map((c) => (c - jumpedAt) / MINUTE)).toEqual([10, 15, 20, 25, 30]);
  });

  it('a source that throws becomes a visible internal error and polling continues', async () => {
    const { clock, source, scheduler } = setup((n) => {
      if (n === 1) throw new Error('boom');
      return ok();
    });
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.snapshots()[0]!.error?.code).toBe('internal');
    await clock.advance(2 * MINUTE);
    expect(source.calls.length).toBe(2);
    expect(scheduler.snapshots()[0]!.state).toBe('ok');
  });
});

describe('scheduler: a manual refresh on a real clock', () => {
  it('starts every source it allows even when the clock ticks between them (status printed before some polls ran)', async () => {
    // A wall clock moves on while the refresh walks its sources: each reading is a millisecond later.
    const clock = new ManualClock();
    const ticking = {
      ...clock,
      now: () => clock.now() + ticks++,
      setTimeout: clock.setTimeout.bind(clock),
      clearTimeout: clock.clearTimeout.bind(clock),
    };
    let ticks = 0;
    const sources = (['claude-oauth', 'claude-cache', 'local-logs'] as const).map((id) => ({ ...scripted(clock, () => ok()), id }));
    const scheduler = new Scheduler(sources, { clock: ticking, intervalMs: () => 5 * MINUTE, random: () => 0.5 });
    scheduler.start();
    const r = scheduler.refreshNow();
    expect(r).toEqual({ started: true, nextAllowedAt: null });
    // Every poll is in flight now, so waiting for them waits for all three.
    await scheduler.idle();
    expect(sources.map((s) => s.calls.length)).toEqual([1, 1, 1]);
    expect(scheduler.snapshots().map((s) => s.state)).toEqual(['ok', 'ok', 'ok']);
  });
});

describe('scheduler: sources that read local files', () => {
  function localSetup(answer: (n: number) => PollResult | Promise<PollResult> = () => ok()) {
    const clock = new ManualClock();
    const network = scripted(clock, () => ok());
    const local = { ...scripted(clock, answer), id: 'statusline' as const, local: true as const };
    const calls = local.calls;
    const scheduler = new Scheduler([network, local], { clock, intervalMs: () => 5 * MINUTE, random: () => 0.5 });
    clock.settle = () => scheduler.idle();
    return { clock, network, local: { ...local, calls }, scheduler, t0: clock.now() };
  }

  it('reads a local source as soon as it is poked, seconds apart, while the network source keeps its floor', async () => {
    const { clock, network, local, scheduler, t0 } = localSetup();
    scheduler.start();
    await clock.advance(0);
    for (let i = 1; i <= 5; i++) {
      await clock.advance(2_000);
      scheduler.poke('statusline');
      scheduler.poke('claude-oauth');
      await clock.advance(0);
    }
    expect(local.calls.map((t) => (t - t0) / 1000)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(network.calls).toEqual([t0]);
  });

  it('a manual refresh always reads local sources afresh, and says when the network source may run', async () => {
    const { clock, network, local, scheduler, t0 } = localSetup();
    scheduler.start();
    await clock.advance(5_000);
    const r = scheduler.refreshNow();
    await clock.advance(0);
    expect(r.started).toBe(true);
    expect(r.nextAllowedAt).toBe(new Date(t0 + MINUTE).toISOString());
    expect(local.calls).toEqual([t0, t0 + 5_000]);
    expect(network.calls).toEqual([t0]);
  });

  it('a change during a read is read right after it, never lost', async () => {
    let release: () => void = () => undefined;
    const { clock, local, scheduler } = localSetup((n) =>
      n === 2 ? new Promise<PollResult>((res) => (release = () => res(ok(20)))) : ok(n),
    );
    scheduler.start();
    await clock.advance(0);
    clock.settle = async () => undefined;
    scheduler.poke('statusline');
    await clock.advance(0);
    expect(local.calls).toHaveLength(2);
    scheduler.poke('statusline'); // the file changed again while it was being read
    release();
    await scheduler.idle();
    await clock.advance(0);
    await scheduler.idle();
    expect(local.calls).toHaveLength(3);
    expect(scheduler.snapshots()[1]!.windows[0]!.usedPercent).toBe(3);
  });

  it('a local source that failed is read at once when its file changes (backoff is for requests)', async () => {
    const { clock, local, scheduler, t0 } = localSetup((n) => (n === 1 ? transient : ok()));
    scheduler.start();
    await clock.advance(0);
    expect(scheduler.snapshots()[1]!.state).toBe('error');
    await clock.advance(1_000);
    scheduler.poke('statusline');
    await clock.advance(0);
    expect(local.calls).toEqual([t0, t0 + 1_000]);
    expect(scheduler.snapshots()[1]!.state).toBe('ok');
  });
});
