/**
 * Polling rules, one runtime per source instance (one per Claude Code folder for the plan, so each
 * login has its own gate, backoff and schedule):
 * - one poll in flight per source; never more than once a minute, even on demand;
 * - after a 429, nothing before max(Retry-After, 5 min), the floor doubling per further 429 up to 1 h;
 * - transient failures back off exponentially with jitter; a manual refresh skips that backoff but
 *   never the 429 gate or the one-minute floor;
 * - paused while the system sleeps, a prompt poll after wake and when the network returns;
 * - on any failure the last good data is kept and the snapshot marked stale.
 * With `shared` (the core always passes it), the rules hold across processes sharing the data
 * folder: before a request the instance is claimed in the saved state, and a recent claim by
 * another process, or a 429 gate it saved, stands in for ours (see shared-polls.ts).
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
  /** The process that made that attempt (its token), so the others know it was not theirs. */
  claimedBy?: string;
  /**
   * That attempt sent nothing: the source is not configured in that process (a `brimline status`
   * whose environment holds no key for a source the app has one for). Another process's such
   * claim does not stand in for a request.
   */
  noRequest?: true;
}

export interface ClaimRule {
  now: number;
  /** How recent another process's attempt must be to stand in for ours: the interval, or the one-minute floor for a manual refresh. */
  gapMs: number;
  /** This instance's interval: when to look again after standing aside. */
  intervalMs: number;
}

/** `send`: claimed, ask the server. `skip`: show `saved`, look again at `nextCheckAt`. `busy`: the lock could not be had. */
export type ClaimDecision = { kind: 'send' } | { kind: 'skip'; saved: PersistedSourceState; nextCheckAt: number } | { kind: 'busy' };

/** The saved state other processes read and write (the snapshot store), for the rules across processes. */
export interface SharedPolling {
  /** This process's token, written with its claims. */
  readonly token: string;
  /** Under the lock: reads the saved state for the instance, and claims it unless another process's attempt or gate stands. */
  claim(state: PersistedSourceState, rule: ClaimRule): Promise<ClaimDecision>;
}

/** A lock that could not be had is retried this much later; the saved data stays meanwhile. */
const BUSY_RETRY_MS = MINUTE;

interface Runtime {
  source: UsageSource;
  snapshot: SourceSnapshot;
  timer: TimerHandle | null;
  inFlight: boolean;
  abort: AbortController | null;
  generation: number;
  lastAttemptAt: number | null;
  claimedBy: string | undefined;
  /** The last attempt ended `unconfigured`: nothing was sent (see PersistedSourceState). */
  noRequest: boolean;
  gateUntil: number | null;
  rateLimitStreak: number;
  failureStreak: number;
  lastFailed: boolean;
  /** What the last good poll knew of its account, so a link learnt later can move its data to the right account. */
  hint: AccountHint | null;
  /** A local source was poked while it was being read: read it again once this read is done. */
  dirty: boolean;
  /** The turn in flight (a claim, then a poll), so a rebuilt scheduler can take it over rather than lose its answer. */
  outcome: Promise<Outcome> | null;
  /** When the turn in flight began. */
  turnAt: number | null;
}

/**
 * How a turn ends: the source's answer (`claimedBy`: the token it was claimed with, across
 * processes), or, across processes, the saved state's word instead of a request.
 */
export type Outcome =
  | { kind: 'polled'; result: PollResult; claimedBy: string | undefined }
  | { kind: 'skip'; saved: PersistedSourceState; nextCheckAt: number }
  | { kind: 'busy'; at: number };

/** A poll in flight handed from a scheduler being replaced to its successor (see `handOver`). */
export interface InFlightPoll {
  key: string;
  outcome: Promise<Outcome>;
  startedAt: number | null;
  abort: AbortController | null;
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
  /** The rules across processes; without it, this process's own rules only (the scheduler's tests). */
  shared?: SharedPolling;
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
        // Another process's attempt that sent nothing (the source is not configured there) is no request to wait on.
        lastAttemptAt: saved?.noRequest && saved.claimedBy !== opts.shared?.token ? null : (saved?.lastAttemptAt ?? null),
        claimedBy: saved?.claimedBy,
        noRequest: saved?.noRequest ?? false,
        gateUntil: saved?.gateUntil ?? null,
        rateLimitStreak: saved?.rateLimitStreak ?? 0,
        failureStreak: 0,
        lastFailed: false,
        hint: null,
        dirty: false,
        outcome: null,
        turnAt: null,
      };
    });
  }

  snapshots(): SourceSnapshot[] {
    return this.runtimes.map((r) => r.snapshot);
  }

  persistedState(): PersistedSourceState[] {
    return this.runtimes.map((r) => persisted(r));
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
      this.run(rt, true);
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

  /** `manual`: a refresh the user asked for, which another process's attempt stands in for only within the floor. */
  private run(rt: Runtime, manual = false): void {
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
    rt.turnAt = now;
    rt.snapshot = { ...rt.snapshot, nextAttemptAt: null };
    const send = (claimedBy: string | undefined): Promise<Outcome> => {
      rt.lastAttemptAt = now;
      if (claimedBy !== undefined) rt.claimedBy = claimedBy;
      return this.pollSource(rt, abort.signal, generation).then((result) => ({ kind: 'polled', result, claimedBy }));
    };
    const shared = this.opts.shared;
    // Across processes the saved state is asked first: the claim runs as part of the turn in flight,
    // so nothing else starts meanwhile, a rebuild hands it over, and stopping drops it.
    const outcome =
      shared && !rt.source.local
        ? this.claim(rt, shared, { now, gapMs: manual ? MIN_INTERVAL_MS : this.interval(rt), intervalMs: this.interval(rt) }).then(
            (d): Promise<Outcome> | Outcome =>
              abort.signal.aborted ? { kind: 'busy', at: now } : d.kind === 'send' ? send(shared.token) : d,
          )
        : send(undefined);
    rt.outcome = outcome;
    this.track(rt, outcome, generation);
  }

  private claim(rt: Runtime, shared: SharedPolling, rule: ClaimRule): Promise<Outcome | { kind: 'send' }> {
    return shared.claim(persisted(rt), rule).then(
      (d): Outcome | { kind: 'send' } => (d.kind === 'busy' ? { kind: 'busy', at: rule.now } : d),
      (err: unknown): Outcome => {
        this.opts.logger?.warn(`source ${sourceKey(rt.source)}: the saved state could not be read (${String(err)}); not asking now`);
        return { kind: 'busy', at: rule.now };
      },
    );
  }

  /** The source's answer; a source that throws (a bug) becomes a visible state, never a stopped scheduler. */
  private pollSource(rt: Runtime, signal: AbortSignal, generation: number): Promise<PollResult> {
    const onProgress = (p: ScanProgress): void => {
      if (generation !== rt.generation) return;
      rt.snapshot = { ...rt.snapshot, scan: p };
      this.emit();
    };
    let outcome: Promise<PollResult>;
    try {
      outcome = rt.source.poll({ signal, now: () => this.opts.clock.now(), onProgress });
    } catch (err) {
      outcome = Promise.reject(err);
    }
    return outcome.catch((err: unknown): PollResult => {
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
    });
  }

  /** Applies a turn's end when it comes, unless the turn was abandoned (its generation passed). */
  private track(rt: Runtime, outcome: Promise<Outcome>, generation: number): void {
    const done = outcome
      .then((o) => {
        if (generation !== rt.generation) return;
        rt.inFlight = false;
        rt.abort = null;
        rt.outcome = null;
        if (o.kind === 'busy') {
          // Never unguarded: another process may be asking right now. The saved data stays.
          this.opts.logger?.warn(`source ${sourceKey(rt.source)}: another Brimline process holds the saved state; asking later`);
          this.schedule(rt, o.at + BUSY_RETRY_MS);
          this.emit();
          return;
        }
        if (o.kind === 'skip') {
          this.adoptSaved(rt, o.saved);
          this.schedule(rt, o.nextCheckAt);
          this.emit();
          return;
        }
        if (o.claimedBy !== undefined) rt.claimedBy = o.claimedBy;
        this.apply(rt, o.result);
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
   * Another process asked (or was told 429): its answer, its attempt and its gate become ours, as
   * if we had asked; what we know that is later stays. Returns whether anything changed.
   */
  private adoptSaved(rt: Runtime, saved: PersistedSourceState): boolean {
    let changed = false;
    const mine = persisted(rt);
    // The same answer counts too when its state differs: data restored as stale is ok where it was fetched.
    if (isLaterAnswer(saved, mine) || (!isLaterAnswer(mine, saved) && saved.snapshot.state !== rt.snapshot.state)) {
      rt.snapshot = { ...saved.snapshot, ...instanceFields(rt.source), nextAttemptAt: rt.snapshot.nextAttemptAt, scan: null };
      rt.lastFailed = saved.snapshot.state !== 'ok';
      if (!rt.lastFailed) rt.failureStreak = 0;
      changed = true;
    }
    if (saved.lastAttemptAt !== null && (rt.lastAttemptAt === null || saved.lastAttemptAt > rt.lastAttemptAt)) {
      rt.lastAttemptAt = Math.min(saved.lastAttemptAt, this.opts.clock.now());
      rt.claimedBy = saved.claimedBy;
      changed = true;
    }
    if (saved.gateUntil !== null && (rt.gateUntil === null || saved.gateUntil > rt.gateUntil)) {
      rt.gateUntil = saved.gateUntil;
      rt.rateLimitStreak = Math.max(rt.rateLimitStreak, saved.rateLimitStreak);
      changed = true;
    }
    return changed;
  }

  /**
   * Another process saved (the file changed): for the instances that send requests and are not
   * being asked now, its later answers are shown and its attempts and gates count here at once
   * (a manual refresh within the floor of its request is refused), without asking anything.
   */
  takeSaved(states: readonly PersistedSourceState[]): void {
    const byKey = new Map(states.map((s) => [snapshotKey(s.snapshot), s]));
    let changed = false;
    for (const rt of this.runtimes) {
      const saved = byKey.get(sourceKey(rt.source));
      // Our own entries tell nothing new (a process alone behaves as it always did); an attempt that
      // sent nothing (the source is not configured there) tells nothing about the server.
      if (rt.source.local || rt.inFlight || saved === undefined || saved.noRequest || saved.claimedBy === this.opts.shared?.token) continue;
      if (this.adoptSaved(rt, saved)) changed = true;
    }
    if (changed) this.emit();
  }

  /**
   * The sources are being rebuilt (a setting or a folder changed): the polls in flight are handed
   * over, not aborted, so their request is not wasted, its answer is not lost, and the successor
   * never asks again within the floor for nothing. Call before `stop()`.
   */
  handOver(): InFlightPoll[] {
    const out: InFlightPoll[] = [];
    for (const rt of this.runtimes) {
      if (!rt.inFlight || rt.outcome === null) continue;
      out.push({ key: sourceKey(rt.source), outcome: rt.outcome, startedAt: rt.turnAt, abort: rt.abort });
      rt.generation++;
      rt.inFlight = false;
      rt.abort = null;
      rt.outcome = null;
    }
    return out;
  }

  /** Takes over polls a predecessor handed over; one for a source that no longer runs is abandoned. */
  adopt(polls: readonly InFlightPoll[]): void {
    for (const poll of polls) {
      const rt = this.runtimes.find((r) => sourceKey(r.source) === poll.key);
      if (!rt || rt.inFlight) {
        poll.abort?.abort();
        continue;
      }
      rt.inFlight = true;
      rt.abort = poll.abort;
      rt.outcome = poll.outcome;
      if (poll.startedAt !== null) rt.lastAttemptAt = poll.startedAt;
      rt.snapshot = { ...rt.snapshot, nextAttemptAt: null };
      this.track(rt, poll.outcome, ++rt.generation);
    }
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
    rt.noRequest = !result.ok && result.kind === 'unconfigured';
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
        ...(data.resets ? { resets: data.resets } : {}),
        ...(data.memberSpend ? { memberSpend: data.memberSpend } : {}),
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

function persisted(rt: Runtime): PersistedSourceState {
  return {
    snapshot: rt.snapshot,
    gateUntil: rt.gateUntil,
    rateLimitStreak: rt.rateLimitStreak,
    lastAttemptAt: rt.lastAttemptAt,
    ...(rt.claimedBy !== undefined ? { claimedBy: rt.claimedBy } : {}),
    ...(rt.noRequest ? { noRequest: true as const } : {}),
  };
}

/** Whether `a`'s answer is later than `b`'s (an adopted snapshot never replaces a fresher one, nor the same one again). */
function isLaterAnswer(a: PersistedSourceState, b: PersistedSourceState): boolean {
  const at = (s: PersistedSourceState): number =>
    s.snapshot.attemptedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(s.snapshot.attemptedAt);
  return at(a) > at(b);
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
