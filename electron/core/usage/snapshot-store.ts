/**
 * The last snapshots and the scheduler's gates, persisted so the app starts with data and a restart
 * is never a way around a rate limit. Writes are atomic and coalesced (one in flight, the latest next).
 */
import * as path from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, LOCAL_ACCOUNT_ID, SOURCE_STATES, WINDOW_KINDS } from '../../../shared/domain';
import { JsonFileStore } from '../platform/fs/json-file-store';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import type { PersistedSourceState } from './scheduler';

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
    z.object({ id: z.string(), kind: z.enum(WINDOW_KINDS), label: z.string(), usedPercent: z.number(), resetsAt: isoOrNull }),
  ),
  extraUsage: z
    .object({
      enabled: z.boolean(),
      used: z.number().nullable(),
      limit: z.number().nullable(),
      currency: z.string(),
      percent: z.number().nullable(),
    })
    .nullable(),
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
    }),
  ),
});

const withoutScan = (states: readonly PersistedSourceState[]): PersistedSourceState[] =>
  states.map((s) => ({ ...s, snapshot: { ...s.snapshot, scan: null } }));

export class SnapshotStore {
  private readonly store: JsonFileStore<PersistedSourceState[]>;

  constructor(
    dir: string,
    private readonly logger?: Logger,
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

  async load(): Promise<PersistedSourceState[]> {
    return (await this.store.load()) ?? [];
  }

  /** A full disk loses this write, not the previous file; the next poll tries again. */
  save(state: PersistedSourceState[]): Promise<void> {
    return this.store.save(state).catch((err: unknown) => this.logger?.warn(err instanceof Error ? err.message : String(err)));
  }
}
