/**
 * The last snapshots and the scheduler's gates, persisted so the app starts with data and a restart
 * is never a way around a rate limit. Several processes share the file (the app, `brimline status`,
 * `brimline status --watch`): every read-modify-write holds a short lock (`snapshots.json.lock`),
 * a save merges into what is there (each instance's later word wins, see shared-polls.ts), and a
 * claim before a request is written under the same lock. Writes are atomic and coalesced (one in
 * flight, the latest next).
 */
import * as path from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, LOCAL_ACCOUNT_ID, SOURCE_STATES, WINDOW_KINDS, snapshotKey } from '../../../shared/domain';
import { JsonFileStore } from '../platform/fs/json-file-store';
import { withFileLock, type LockOptions } from '../platform/fs/lock-file';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import type { ClaimDecision, ClaimRule, PersistedSourceState, SharedPolling } from './scheduler';
import { decideClaim, mergeSaved, withClaim } from './shared-polls';

const isoOrNull = z.string().nullable();
const tokens = {
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheCreationTokens: z.number(),
  cacheReadTokens: z.number(),
  totalTokens: z.number(),
  totalCost: z.number(),
};
const costed = z.object(tokens);

const snapshotSchema = z.object({
  sourceId: z.string().min(1).max(100),
  // A source instance per Claude Code folder: its key holds its own 429 gate across restarts.
  key: z.string().min(1).max(4200).optional(),
  folder: z.string().min(1).max(4096).nullable().optional(),
  sameLoginAs: z.string().min(1).max(4096).nullable().optional(),
  keyName: z.string().min(1).max(64).optional(),
  // Files written before snapshots named their account belong to this computer's one account.
  accountId: z.string().min(1).max(300).default(LOCAL_ACCOUNT_ID),
  state: z.enum(SOURCE_STATES),
  error: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      action: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('run_command'), command: z.string() }),
          z.object({ kind: z.literal('retry_at'), at: z.string() }),
          z.object({ kind: z.literal('retry') }),
          z.object({ kind: z.literal('open_settings') }),
          z.object({ kind: z.literal('open_url'), url: z.string() }),
        ])
        .nullable(),
    })
    .nullable(),
  fetchedAt: isoOrNull,
  attemptedAt: isoOrNull,
  nextAttemptAt: isoOrNull,
  plan: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
  windows: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(WINDOW_KINDS),
      label: z.string(),
      usedPercent: z.number(),
      resetsAt: isoOrNull,
      scope: z.literal('organisation').optional(),
      money: z.object({ used: z.number(), limit: z.number().nullable(), currency: z.string() }).nullable().optional(),
    }),
  ),
  extraUsage: z
    .object({
      enabled: z.boolean(),
      used: z.number().nullable(),
      limit: z.number().nullable(),
      currency: z.string(),
      percent: z.number().nullable(),
      scope: z.literal('organisation').optional(),
    })
    .nullable(),
  resets: z
    .array(
      z.object({
        label: z.string(),
        resetsTotal: z.number(),
        resetsLeft: z.number(),
        startsAt: isoOrNull,
        endsAt: isoOrNull,
        clears: z.array(z.string()),
        usableNow: z.boolean(),
      }),
    )
    .nullable()
    .optional(),
  memberSpend: z
    .discriminatedUnion('state', [
      z.object({ state: z.literal('ok'), amount: z.number(), currency: z.string(), periodStart: isoOrNull, periodEnd: isoOrNull }),
      z.object({ state: z.literal('unavailable'), reason: z.enum(['analytics_off', 'not_served']) }),
    ])
    .nullable()
    .optional(),
  local: z
    .object({
      today: costed,
      week: costed,
      activeBlock: z
        .object({
          ...tokens,
          startTime: z.string(),
          endTime: z.string(),
          burnRate: z.object({ tokensPerHour: z.number(), costPerHour: z.number() }).nullable(),
          projection: z.object({ totalTokens: z.number(), totalCost: z.number() }).nullable(),
        })
        .nullable(),
      unpricedModels: z.array(z.string()),
      pricesProblem: z.string().optional(),
    })
    .nullable()
    .optional(),
  scan: z.null().optional(),
  apiSpend: z
    .object({
      currency: z.string(),
      monthToDateUsd: z.number(),
      monthToDateExact: z.string(),
      monthStart: z.string(),
      todayByModel: z
        .array(
          z.object({
            model: z.string(),
            inputTokens: z.number(),
            outputTokens: z.number(),
            cacheCreationTokens: z.number(),
            cacheReadTokens: z.number(),
            totalTokens: z.number(),
          }),
        )
        .nullable(),
      todayStart: z.string(),
      budgetUsd: z.number().nullable(),
    })
    .nullable()
    .optional(),
  warnings: z.array(z.object({ code: z.string().max(100), message: z.string().max(2000) })).optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  sources: z.array(
    z.object({
      snapshot: snapshotSchema,
      gateUntil: z.number().nullable(),
      rateLimitStreak: z.number().int().min(0),
      lastAttemptAt: z.number().nullable(),
      claimedBy: z.string().min(1).max(200).optional(),
      noRequest: z.literal(true).optional(),
    }),
  ),
});

const withoutScan = (states: readonly PersistedSourceState[]): PersistedSourceState[] =>
  states.map((s) => ({ ...s, snapshot: { ...s.snapshot, scan: null } }));

/** One per process (a test's several cores each have their own): names this process's claims and locks. */
function newToken(): string {
  return `${process.pid}-${Math.floor(Math.random() * 0x1_0000_0000).toString(16)}-${Date.now().toString(36)}`;
}

export interface SnapshotStoreOptions {
  /** The lock's timing (tests); its token is always the store's own. */
  lock?: Omit<LockOptions, 'token'>;
}

export class SnapshotStore implements SharedPolling {
  private readonly store: JsonFileStore<PersistedSourceState[]>;
  readonly token = newToken();
  private queued: PersistedSourceState[] | null = null;
  private writing: Promise<void> | null = null;
  private turns: Promise<unknown> = Promise.resolve();

  constructor(
    dir: string,
    private readonly logger?: Logger,
    private readonly opts: SnapshotStoreOptions = {},
  ) {
    this.store = new JsonFileStore<PersistedSourceState[]>({
      file: path.join(dir, FILES.snapshots),
      parse: (raw) => {
        const parsed = fileSchema.safeParse(raw);
        return parsed.success
          ? { ok: true, value: withoutScan(parsed.data.sources) }
          : { ok: false, error: 'it is not a Brimline snapshot file' };
      },
      describeProblem: (reason, movedTo) =>
        `The saved usage data could not be read (${reason}); it was moved to ${movedTo}. Brimline starts fresh.`,
      serialise: (sources) => ({ version: 1, sources: withoutScan(sources) }),
      logger,
    });
  }

  get file(): string {
    return this.store.file;
  }

  get loadProblem(): string | null {
    return this.store.loadProblem;
  }

  get lockFile(): string {
    return `${this.store.file}.lock`;
  }

  /**
   * What is saved; nothing when there is no file. A file that cannot be read (corrupt, truncated)
   * is moved aside beside it, kept for the user, with the problem logged and shown; it counts as
   * empty, so the next save starts a new file rather than lose the one set aside.
   */
  async load(): Promise<PersistedSourceState[]> {
    return (await this.store.load()) ?? [];
  }

  /**
   * Merge-on-save: under the lock, what is saved now is read and each of `state`'s instances
   * replaces its entry only where ours is the later word; other processes' instances are kept.
   * A full disk loses this write, not the previous file; a lock that cannot be had skips it. The
   * next save carries the same state again (the runner saves everything it remembers).
   */
  save(state: PersistedSourceState[]): Promise<void> {
    this.queued = state;
    this.writing ??= this.drain();
    return this.writing;
  }

  /** Resolves once no save is under way (the CLI before it exits, tests between ticks). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** What another process saved, read under the lock (a corrupt file is set aside once, not by two readers); null while the lock is held too long. */
  async readShared(): Promise<PersistedSourceState[] | null> {
    const res = await this.locked(() => this.load());
    return res.ok ? res.value : null;
  }

  /**
   * Under the lock: decides, and writes our claim when we may ask. A lock another process holds
   * past the wait is `busy` (never ask unguarded). A data folder that cannot be written at all (a
   * full disk, a read-only folder) cannot hold a claim for anyone: this process then keeps to its
   * own rules rather than stop asking, and says so in the log.
   */
  async claim(ours: PersistedSourceState, rule: ClaimRule): Promise<ClaimDecision> {
    try {
      const res = await this.locked(async () => {
        const saved = await this.load();
        const key = snapshotKey(ours.snapshot);
        const decision = decideClaim(
          saved.find((s) => snapshotKey(s.snapshot) === key),
          this.token,
          rule,
        );
        if (decision.kind === 'send') await this.store.save(withClaim(saved, ours, this.token, rule.now));
        return decision;
      });
      return res.ok ? res.value : { kind: 'busy' };
    } catch (err) {
      this.logger?.warn(
        `The polling rules could not be shared with other Brimline processes (${err instanceof Error ? err.message : String(err)}); this one keeps its own.`,
      );
      return { kind: 'send' };
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queued) {
        const ours = this.queued;
        this.queued = null;
        const res = await this.locked(async () => this.store.save(mergeSaved(await this.load(), ours, this.token))).catch(
          (err: unknown) => {
            this.logger?.warn(err instanceof Error ? err.message : String(err));
            return { ok: true as const, value: undefined };
          },
        );
        if (!res.ok) this.logger?.warn(`${FILES.snapshots} was not saved this time: another Brimline process held its lock too long`);
      }
    } finally {
      this.writing = null;
    }
  }

  /** This process's own turns queue here first, so they never wait on each other through the file. */
  private locked<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const turn = this.turns.then(() => withFileLock(this.lockFile, { ...this.opts.lock, token: this.token }, fn));
    this.turns = turn.catch(() => undefined);
    return turn;
  }
}
