/**
 * Polling rules, one runtime per source instance (one per Claude Code folder for the plan, so each
 * login has its own gate, backoff and schedule):
 * - one poll in flight per source; never more than once a minute, even on demand;
 * - after a 429, nothing before max(Retry-After, 5 min), the floor doubling per further 429 up to 1 h;
 * - transient failures back off exponentially with jitter; a manual refresh skips that backoff but
 *   never the 429 gate or the one-minute floor;
 * - paused while the system sleeps, a prompt poll after wake and when the network returns;
 * - on any failure the last good data is kept and the snapshot marked stale.
 * These rules protect servers. A source that only reads local files (`UsageSource.local`) sends no
 * request: it is read whenever asked (a file change, a manual refresh), a change seen during a
 * read is read again right after it, and it polls at the user's interval only as a safety net.
 * The scheduler owns the snapshots (the usage store); listeners get every change.
 */
import { LOCAL_ACCOUNT_ID, snapshotKey, type ScanProgress, type SourceError, type SourceSnapshot } from '../../../shared/domain';
import type { RefreshResult } from '../../../shared/ipc';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/log';
import { sourceKey, type AccountHint, type PollResult, type UsageSource } from '../sources/source';

export const MINUTE = 60_000;
export const MIN_INTERVAL_MS = MINUTE;
export const RATE_LIMIT_FLOOR_MS = 5 * MINUTE;
export const RATE_LIMIT_CAP_MS = 60 * MINUTE;
export const BACKOFF_BASE_MS = MINUTE;
export const BACKOFF_CAP_MS = 30 * MINUTE;
/** A Retry-After beyond this is treated as this: a day is the longest a user would want to wait. */
export const MAX_GATE_MS = 24 * 60 * MINUTE;
const WAKE_DELAY_MS = 5_000;
const ONLINE_DELAY_MS = 2_000;

/** What survives a restart, so a restart is never a way around the 429 gate or the floor. */
export interface PersistedSourceState {
  snapshot: SourceSnapshot;
  gateUntil: number | null;
  rateLimitStreak: number;
  lastAttemptAt: number | null;
}

interface Runtime {
  source: UsageSource;
  snapshot: SourceSnapshot;
  timer: TimerHandle | null;
  inFlight: boolean;
  abort: AbortController | null;
  generation: number;
  lastAttemptAt: number | null;
  gateUntil: number | null;
  rateLimitStreak: number;
  failureStreak: number;
  lastFailed: boolean;
  /** What the last good poll knew of its account, so a link learnt later can move its data to the right account. */
  hint: AccountHint | null;
  /** A local source was poked while it was being read: read it again once this read is done. */
  dirty: boolean;
}

export interface SchedulerOptions {
  clock: Clock;
  /** The interval for a source instance (by `sourceKey`): the user's, or longer (a live feed makes polling it less useful); clamped to at least one minute. */
  intervalMs: (key: string) => number;
  random?: () => number;
  onChange?: (snapshots: SourceSnapshot[]) => void;
  /** After each completed poll: the moment to persist. */
  onPollComplete?: (state: PersistedSourceState[]) => void;
  initial?: readonly PersistedSourceState[];
  logger?: Logger;
  /** Turns what a source knows of the account into its id, learning links (see AccountDirectory). */
  resolveAccount?: (hint: AccountHint) => string;
  /** The same with the links known now, learning nothing (for data already shown). */
  lookupAccount?: (hint: AccountHint) => string;
}

/** A source's snapshot before its first poll; an instance's carries its key and folder. */
export function emptySnapshot(source: string | Pick<UsageSource, 'id' | 'key' | 'folder' | 'keyName'>): SourceSnapshot {
  const sourceId = typeof source === 'string' ? source : source.id;
  return {
    sourceId,
    ...(typeof source !== 'string' ? instanceFields(source) : {}),
    accountId: LOCAL_ACCOUNT_ID,
    state: 'stale',
    error: null,
    fetchedAt: null,
    attemptedAt: null,
    nextAttemptAt: null,
    plan: null,
    windows: [],
    extraUsage: null,
    local: null,
    scan: null,
  };
}

export class Scheduler {
  private readonly runtimes: Runtime[];
  private paused = false;
  private started = false;
  private readonly random: () => number;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    sources: readonly UsageSource[],
    private readonly opts: SchedulerOptions,
  ) {
    this.random = opts.random ?? Math.random;
    const initial = new Map((opts.initial ?? []).map((s) => [snapshotKey(s.snapshot), s]));
    this.runtimes = sources.map((source) => {
      // A source that now runs once per folder takes over what its single predecessor left (its 429 gate above all).
      const saved = initial.get(sourceKey(source)) ?? (source.adopts !== undefined ? initial.get(source.adopts) : undefined);
      const snapshot = saved ? { ...restoredSnapshot(saved.snapshot, opts.clock.now()), ...instanceFields(source) } : emptySnapshot(source);
      return {
        source,
        snapshot,
        timer: null,
        inFlight: false,
        abort: null,
        generation: 0,
        lastAttemptAt: saved?.lastAttemptAt ?? null,
        gateUntil: saved?.gateUntil ?? null,
        rateLimitStreak: saved?.rateLimitStreak ?? 0,
        failureStreak: 0,
        lastFailed: false,
        hint: null,
        dirty: false,
      };
    });
  }

  snapshots(): SourceSnapshot[] {
    return this.runtimes.map((r) => r.snapshot);
  }

  persistedState(): PersistedSourceState[] {
    return this.runtimes.map((r) => ({
      snapshot: r.snapshot,
      gateUntil: r.gateUntil,
      rateLimitStreak: r.rateLimitStreak,
      lastAttemptAt: r.lastAttemptAt,
    }));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const rt of this.runtimes) this.schedule(rt, this.earliestAllowed(rt));
  }

  stop(): void {
    this.started = false;
    for (const rt of this.runtimes) this.cancel(rt);
  }

  /** System sleep: no timers, and polls in flight are abandoned (their results are discarded). */
  suspend(): void {
    this.paused = true;
    for (const rt of this.runtimes) this.cancel(rt);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.started) return;
    const soon = this.opts.clock.now() + WAKE_DELAY_MS;
    for (const rt of this.runtimes) this.schedule(rt, Math.max(soon, this.earliestAllowed(rt)));
  }

  /** The network came back: retry failed sources promptly (still within the gate and the floor). */
  networkOnline(): void {
    if (this.paused || !this.started) return;
    const soon = this.opts.clock.now() + ONLINE_DELAY_MS;
    for (const rt of this.runtimes) {
      if (rt.lastFailed && !rt.inFlight) this.schedule(rt, Math.max(soon, this.earliestAllowed(rt)));
    }
  }

  /** Something the source depends on changed (a credentials file): poll it as soon as allowed. */
  poke(key: string): void {
    const rt = this.runtimes.find((r) => sourceKey(r.source) === key);
    if (!rt || this.paused || !this.started) return;
    if (rt.inFlight) {
      // A request in flight already brings the news; a file read may have started before the change.
      if (rt.source.local) rt.dirty = true;
      return;
    }
    this.schedule(rt, this.earliestAllowed(rt));
  }

  /** The user's interval changed: sources that are on their normal rhythm move to the new one. */
  intervalChanged(): void {
    if (this.paused || !this.started) return;
    for (const rt of this.runtimes) {
      if (rt.inFlight || rt.lastFailed || rt.lastAttemptAt === null) continue;
      this.schedule(rt, Math.max(rt.lastAttemptAt + this.interval(rt), this.earliestAllowed(rt)));
    }
  }

  refreshNow(): RefreshResult {
    const now = this.opts.clock.now();
    let started = false;
    let refusedUntil: number | null = null;
    for (const rt of this.runtimes) {
      if (rt.inFlight) {
        started = true;
        continue;
      }
      const allowed = this.earliestAllowed(rt, now);
      if (allowed > now) {
        refusedUntil = refusedUntil === null ? allowed : Math.min(refusedUntil, allowed);
        continue;
      }
      started = true;
      this.run(rt);
    }
    return { started, nextAllowedAt: refusedUntil === null ? null : new Date(refusedUntil).toISOString() };
  }

  /** When a manual refresh could start something, or null if it could now. */
  refreshAllowedAt(): string | null {
    const now = this.opts.clock.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const rt of this.runtimes) {
      if (rt.inFlight) return null;
      earliest = Math.min(earliest, this.earliestAllowed(rt, now));
    }
    return earliest <= now || !Number.isFinite(earliest) ? null : new Date(earliest).toISOString();
  }

  private interval(rt: Runtime): number {
    const floor = rt.source.local ? 0 : MIN_INTERVAL_MS;
    return Math.max(floor, this.opts.intervalMs(sourceKey(rt.source)), rt.source.minIntervalMs ?? 0);
  }

  /**
   * The earliest moment the rules allow a request: the 429 gate and the one-minute floor; now for a
   * local read. A caller that compares the result with its own `now` passes it: the wall clock moves
   * on between two readings, and "allowed a millisecond from now" must not read as "refused".
   */
  private earliestAllowed(rt: Runtime, now: number = this.opts.clock.now()): number {
    if (rt.source.local) return now;
    if (rt.lastAttemptAt !== null && rt.lastAttemptAt > now) {
      // The wall clock went backwards: keep the gate's remaining length rather than its date.
      const delta = rt.lastAttemptAt - now;
      rt.lastAttemptAt = now;
      if (rt.gateUntil !== null) rt.gateUntil -= delta;
    }
    let at = now;
    if (rt.gateUntil !== null) {
      // A wall clock set backwards must not stretch the gate past its longest legal length.
      if (rt.gateUntil - now > MAX_GATE_MS) rt.gateUntil = now + MAX_GATE_MS;
      at = Math.max(at, rt.gateUntil);
    }
    if (rt.lastAttemptAt !== null) at = Math.max(at, Math.min(rt.lastAttemptAt, now) + MIN_INTERVAL_MS);
    return at;
  }

  private cancel(rt: Runtime): void {
    if (rt.timer) this.opts.clock.clearTimeout(rt.timer);
    rt.timer = null;
    if (rt.abort) {
      rt.generation++;
      rt.abort.abort();
      rt.abort = null;
      rt.inFlight = false;
    }
  }

  private schedule(rt: Runtime, at: number): void {
    if (rt.timer) this.opts.clock.clearTimeout(rt.timer);
    rt.timer = null;
    if (this.paused || !this.started) return;
    const now = this.opts.clock.now();
    rt.snapshot = { ...rt.snapshot, nextAttemptAt: new Date(Math.max(at, now)).toISOString() };
    rt.timer = this.opts.clock.setTimeout(
      () => {
        rt.timer = null;
        this.run(rt);
      },
      Math.max(0, at - now),
    );
  }

  private run(rt: Runtime): void {
    if (this.paused || !this.started || rt.inFlight) return;
    const asked = this.opts.clock.now();
    const allowed = this.earliestAllowed(rt, asked);
    if (allowed > asked) {
      this.schedule(rt, allowed);
      return;
    }
    if (rt.timer) this.opts.clock.clearTimeout(rt.timer);
    rt.timer = null;
    const now = this.opts.clock.now();
    const generation = ++rt.generation;
    const abort = new AbortController();
    rt.inFlight = true;
    rt.dirty = false;
    rt.abort = abort;
    rt.lastAttemptAt = now;
    rt.snapshot = { ...rt.snapshot, nextAttemptAt: null };
    const onProgress = (p: ScanProgress): void => {
      if (generation !== rt.generation) return;
      rt.snapshot = { ...rt.snapshot, scan: p };
      this.emit();
    };
    let outcome: Promise<PollResult>;
    try {
      outcome = rt.source.poll({ signal: abort.signal, now: () => this.opts.clock.now(), onProgress });
    } catch (err) {
      outcome = Promise.reject(err);
    }
    const done = outcome
      .catch((err: unknown): PollResult => {
        // A bug in a source must not stop polling or crash a timer; it becomes a visible state.
        this.opts.logger?.error(`source ${sourceKey(rt.source)} threw: ${err instanceof Error ? err.message : String(err)}`);
        return {
          ok: false,
          kind: 'transient',
          error: {
            code: 'internal',
            message: 'Brimline hit an internal error while checking usage. It retries automatically; the log file has details.',
            action: { kind: 'retry' },
          },
        };
      })
      .then((result) => {
        if (generation !== rt.generation) return;
        rt.inFlight = false;
        rt.abort = null;
        this.apply(rt, result);
        this.emit();
        this.opts.onPollComplete?.(this.persistedState());
        if (rt.dirty) {
          rt.dirty = false;
          this.run(rt);
        }
      })
      .catch((err: unknown) => this.opts.logger?.error(`scheduler: ${String(err)}`))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /**
   * A link between a folder or an organisation and an account was learnt (another source's poll):
   * data that only knew its folder (the status line, polled first) moves to that account now
   * rather than at its next poll.
   */
  reresolveAccounts(): void {
    const resolve = this.opts.lookupAccount;
    if (!resolve) return;
    let moved = false;
    for (const rt of this.runtimes) {
      if (rt.hint === null) continue;
      const accountId = resolve(rt.hint);
      if (accountId === rt.snapshot.accountId) continue;
      rt.snapshot = { ...rt.snapshot, accountId };
      moved = true;
    }
    if (moved) this.emit();
  }

  /** Resolves when no poll is in flight (for the CLI and tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private apply(rt: Runtime, result: PollResult): void {
    const now = this.opts.clock.now();
    const nowIso = new Date(now).toISOString();
    if (result.ok) {
      rt.rateLimitStreak = 0;
      rt.failureStreak = 0;
      rt.gateUntil = null;
      rt.lastFailed = false;
      const { data } = result;
      rt.hint = data.account ?? {};
      rt.snapshot = {
        sourceId: rt.source.id,
        ...instanceFields(rt.source),
        ...(data.sameLoginAs ? { sameLoginAs: data.sameLoginAs } : {}),
        accountId: this.opts.resolveAccount?.(rt.hint) ?? LOCAL_ACCOUNT_ID,
        state: 'ok',
        error: null,
        fetchedAt: observedAt(data.observedAt, now),
        attemptedAt: nowIso,
        nextAttemptAt: null,
        plan: data.plan,
        windows: data.windows,
        extraUsage: data.extraUsage,
        local: data.local ?? null,
        scan: null,
        ...(data.apiSpend ? { apiSpend: data.apiSpend } : {}),
        ...(data.warnings && data.warnings.length > 0 ? { warnings: data.warnings } : {}),
      };
      this.schedule(rt, now + this.interval(rt));
      return;
    }

    rt.lastFailed = true;
    let next: number;
    let error: SourceError;
    switch (result.kind) {
      case 'rate_limited': {
        rt.rateLimitStreak++;
        const floor = Math.min(RATE_LIMIT_FLOOR_MS * 2 ** (rt.rateLimitStreak - 1), RATE_LIMIT_CAP_MS);
        const wait = Math.min(Math.max(result.retryAfterMs ?? 0, floor), MAX_GATE_MS);
        rt.gateUntil = now + wait;
        next = rt.gateUntil;
        error = {
          code: 'rate_limited',
          message: 'Claude is rate-limiting usage checks. Brimline keeps the last data and waits before it asks again.',
          action: { kind: 'retry_at', at: new Date(next).toISOString() },
        };
        break;
      }
      case 'transient':
      case 'bad_response': {
        error = result.error;
        rt.failureStreak++;
        const base = Math.min(BACKOFF_BASE_MS * 2 ** (rt.failureStreak - 1), BACKOFF_CAP_MS);
        const jittered = base * (0.8 + 0.4 * this.random());
        next = now + Math.max(MIN_INTERVAL_MS, jittered);
        break;
      }
      case 'needs_user':
      case 'unconfigured':
        error = result.error;
        rt.failureStreak = 0;
        next = now + this.interval(rt);
        break;
    }
    const hadData = rt.snapshot.fetchedAt !== null;
    rt.snapshot = {
      ...rt.snapshot,
      state: hadData ? 'stale' : result.kind === 'unconfigured' ? 'unconfigured' : 'error',
      error,
      attemptedAt: nowIso,
      scan: null,
    };
    this.schedule(rt, next);
  }

  private emit(): void {
    this.opts.onChange?.(this.snapshots());
  }
}

function instanceFields(
  source: Pick<UsageSource, 'id' | 'key' | 'folder' | 'keyName'>,
): Pick<SourceSnapshot, 'key' | 'folder' | 'keyName'> {
  return {
    ...(source.key !== undefined && source.key !== source.id ? { key: source.key } : {}),
    ...(source.folder !== undefined ? { folder: source.folder } : {}),
    ...(source.keyName !== undefined ? { keyName: source.keyName } : {}),
  };
}

/**
 * When recorded data was observed. A time in the future (another program's clock, or ours set
 * back) is taken as now, so it cannot win every merge until that moment comes.
 */
function observedAt(raw: string | undefined, now: number): string {
  const t = raw === undefined ? Number.NaN : Date.parse(raw);
  return new Date(Number.isFinite(t) && t <= now ? t : now).toISOString();
}

/**
 * Data loaded from disk is shown as stale until a poll confirms it, unless it is younger than the
 * one-minute floor (another Brimline process, such as the CLI, has just fetched it).
 */
function restoredSnapshot(s: SourceSnapshot, now: number): SourceSnapshot {
  const fetched = s.fetchedAt === null ? Number.NaN : Date.parse(s.fetchedAt);
  const fresh = s.state === 'ok' && fetched <= now && now - fetched < MIN_INTERVAL_MS;
  const state = fresh ? 'ok' : s.fetchedAt !== null || s.state === 'ok' ? 'stale' : s.state;
  return { ...s, state, nextAttemptAt: null, scan: null };
}
