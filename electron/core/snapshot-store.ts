/**
 * The last snapshots and the scheduler's gates, persisted so the app starts with data and a restart
 * is never a way around a rate limit. Writes are atomic and coalesced (one in flight, the latest next).
 */
import * as path from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, SOURCE_STATES, WINDOW_KINDS } from '../../shared/domain';
import { loadJsonFile, writeJsonAtomic } from './fs/atomic';
import type { Logger } from './log';
import { FILES } from './paths';
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
    })
    .nullable()
    .optional(),
  scan: z.null().optional(),
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

export class SnapshotStore {
  private writing: Promise<void> | null = null;
  private queued: PersistedSourceState[] | null = null;
  loadProblem: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly logger?: Logger,
  ) {}

  get file(): string {
    return path.join(this.dir, FILES.snapshots);
  }

  async load(): Promise<PersistedSourceState[]> {
    const res = await loadJsonFile(this.file, (raw) => {
      const parsed = fileSchema.safeParse(raw);
      return parsed.success ? { ok: true, value: parsed.data.sources } : { ok: false, reason: 'it is not a Headroom snapshot file' };
    });
    if (res.kind === 'loaded') return res.value.map((s) => ({ ...s, snapshot: { ...s.snapshot, scan: null } }));
    if (res.kind === 'quarantined') {
      this.loadProblem = `The saved usage data could not be read (${res.reason}); it was moved to ${res.movedTo}. Headroom starts fresh.`;
      this.logger?.warn(this.loadProblem);
    }
    return [];
  }

  save(state: PersistedSourceState[]): Promise<void> {
    this.queued = state.map((s) => ({ ...s, snapshot: { ...s.snapshot, scan: null } }));
    if (!this.writing) this.writing = this.drain();
    return this.writing;
  }

  private async drain(): Promise<void> {
    while (this.queued) {
      const next = this.queued;
      this.queued = null;
      try {
        await writeJsonAtomic(this.file, { version: 1, sources: next });
      } catch (err) {
        // A full disk loses this write, not the previous file; the next poll tries again.
        this.logger?.warn(err instanceof Error ? err.message : String(err));
      }
    }
    this.writing = null;
  }
}
