/**
 * Local-log totals per day (cost, tokens), kept beside the samples for the history view's cost
 * bars. At most ~90 small rows, so the whole file is rewritten atomically on each change (the
 * simplest crash-safe choice at this size), and a file that cannot be read is set aside.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { loadJsonFile, writeJsonAtomic } from '../platform/fs/atomic';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import type { DailyTotal } from './types';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const count = z.number().finite().min(0);
const rowSchema = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheCreationTokens: count,
  cacheReadTokens: count,
  totalTokens: count,
  totalCost: count,
});
const fileSchema = z.object({ version: z.literal(1), days: z.record(z.string().regex(DAY_RE), rowSchema) });
type DailyFile = z.infer<typeof fileSchema>;

export class DailyTotalsStore {
  private state: DailyFile = { version: 1, days: {} };
  private chain: Promise<unknown> = Promise.resolve();
  loadProblem: string | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly opts: { now?: () => number; logger?: Logger; retentionDays?: number } = {},
  ) {}

  get file(): string {
    return path.join(this.dataDir, FILES.historyDir, FILES.historyDaily);
  }

  async load(): Promise<DailyTotal[]> {
    const res = await loadJsonFile(
      this.file,
      (raw) => {
        const parsed = fileSchema.safeParse(raw);
        return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' };
      },
      this.opts.now,
    );
    if (res.kind === 'loaded') this.state = res.value;
    if (res.kind === 'quarantined') {
      this.loadProblem = `The daily usage totals could not be read (${res.reason}); the file was moved to ${res.movedTo}. They are rebuilt from the local logs.`;
      this.opts.logger?.warn(this.loadProblem);
    }
    return this.list();
  }

  /** Rows sorted by date, optionally from `sinceDate` (YYYY-MM-DD) on. */
  list(sinceDate?: string): DailyTotal[] {
    return Object.entries(this.state.days)
      .filter(([date]) => sinceDate === undefined || date >= sinceDate)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, row]) => ({ date, ...row }));
  }

  /** Replaces the given days (the local-logs report recomputes whole days) and drops days past retention. */
  upsert(rows: readonly DailyTotal[]): Promise<void> {
    const run = async (): Promise<void> => {
      const days = { ...this.state.days };
      let changed = false;
      for (const r of rows) {
        const { date, ...row } = r;
        const parsed = rowSchema.safeParse(row);
        if (!DAY_RE.test(date) || !parsed.success) continue;
        if (JSON.stringify(days[date]) !== JSON.stringify(parsed.data)) {
          days[date] = parsed.data;
          changed = true;
        }
      }
      const now = (this.opts.now ?? Date.now)();
      const oldest = new Date(now - (this.opts.retentionDays ?? 90) * 86_400_000).toISOString().slice(0, 10);
      for (const date of Object.keys(days)) {
        if (date < oldest) {
          delete days[date];
          changed = true;
        }
      }
      if (!changed) return;
      const next: DailyFile = { version: 1, days };
      await writeJsonAtomic(this.file, next);
      this.state = next;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
