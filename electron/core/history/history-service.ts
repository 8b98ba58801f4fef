/**
 * The history subscriber in one object, for the application service to hang off the usage store:
 * `start` opens the store, compacts it, and backfills from Claude Desktop once per run;
 * `observe` records merged windows; `outlooks` gives pace and forecast; `recordDaily` keeps the
 * local-log totals. Nothing here throws into a timer: failures are logged and reported.
 */
import type { Logger } from '../platform/log';
import { claudeDesktopHistoryPath, importClaudeDesktopHistory, type DesktopImportResult } from './claude-desktop-import';
import { DailyTotalsStore } from './daily-totals';
import { HistoryStore, samplesFromWindows } from './history-store';
import { computeOutlooks, type OutlookWindow, type WindowOutlook } from './outlook';
import type { DailyTotal, ObservedWindow } from './types';
import type { PaceOptions } from '../../../shared/outlook/pace';

const DAY_MS = 86_400_000;

export interface HistoryServiceOptions {
  now: () => number;
  logger?: Logger;
  /** Claude Desktop's plan-usage-history.json; null turns the backfill off. Default: the OS's place. */
  desktopHistoryFile?: string | null;
  accountIdForOrg?: (org: string) => string | null;
  /**
   * Compaction and the Claude Desktop backfill (default true). The CLI turns them off: a
   * short-lived process only records, and leaves the rewriting of old days to the app.
   */
  maintenance?: boolean;
}

export class HistoryService {
  readonly store: HistoryStore;
  readonly daily: DailyTotalsStore;
  private lastCompaction = -Infinity;
  lastImport: DesktopImportResult | null = null;

  constructor(
    dataDir: string,
    private readonly opts: HistoryServiceOptions,
  ) {
    this.store = new HistoryStore(dataDir, { now: opts.now, ...(opts.logger ? { logger: opts.logger } : {}) });
    this.daily = new DailyTotalsStore(dataDir, { now: opts.now, ...(opts.logger ? { logger: opts.logger } : {}) });
  }

  async start(): Promise<void> {
    await this.guard('open the history', () => this.store.open());
    await this.guard('read the daily totals', () => this.daily.load());
    if (this.opts.maintenance === false) return;
    await this.compactIfDue();
    await this.importDesktopHistory();
  }

  /**
   * Imports Claude Desktop's history (read-only; nothing is imported twice). Called at start and
   * again when an organisation is first linked to its account, so samples land on the account.
   */
  importDesktopHistory(): Promise<void> {
    // One import at a time: two at once would both find a sample missing and both add it.
    this.importing = this.importing.then(() => this.importOnce());
    return this.importing;
  }

  private importing: Promise<void> = Promise.resolve();

  private async importOnce(): Promise<void> {
    if (this.opts.maintenance === false) return;
    const file = this.opts.desktopHistoryFile === undefined ? claudeDesktopHistoryPath() : this.opts.desktopHistoryFile;
    if (file === null) return;
    await this.guard('import Claude Desktop history', async () => {
      this.lastImport = await importClaudeDesktopHistory(this.store, file, {
        now: this.opts.now,
        ...(this.opts.accountIdForOrg ? { accountIdForOrg: this.opts.accountIdForOrg } : {}),
      });
      if (this.lastImport.kind === 'failed') this.opts.logger?.warn(this.lastImport.message);
      else if (this.lastImport.kind === 'imported' && this.lastImport.added > 0)
        this.opts.logger?.info(`Imported ${this.lastImport.added} samples from Claude Desktop's usage history.`);
    });
  }

  /** Files set aside at start-up and a failed import, phrased for the user. */
  startupProblems(): string[] {
    const out = [...this.store.problems];
    if (this.daily.loadProblem) out.push(this.daily.loadProblem);
    if (this.lastImport?.kind === 'failed') out.push(this.lastImport.message);
    return out;
  }

  /** Records one account's merged windows (only fresh, good observations should be passed). */
  async observe(accountId: string, windows: readonly ObservedWindow[]): Promise<number> {
    const n = (await this.guard('record usage history', () => this.store.record(samplesFromWindows(accountId, windows)))) ?? 0;
    await this.compactIfDue();
    return n;
  }

  outlooks(windows: readonly OutlookWindow[], opts: PaceOptions = {}): Promise<WindowOutlook[]> {
    return computeOutlooks(this.store, windows, this.opts.now(), opts).catch((err: unknown) => {
      this.opts.logger?.warn(`Could not read the usage history: ${err instanceof Error ? err.message : String(err)}`);
      return windows.map(() => ({ pace: null, forecast: null, contract: null, cycle: [] }));
    });
  }

  /** Deletes one account's samples; the daily local-log totals belong to this computer and stay. */
  async forgetAccount(accountId: string): Promise<number> {
    return (await this.guard('delete the account\u2019s history', () => this.store.forgetAccount(accountId))) ?? 0;
  }

  async recordDaily(rows: readonly DailyTotal[]): Promise<void> {
    await this.guard('save the daily totals', () => this.daily.upsert(rows));
  }

  private async compactIfDue(): Promise<void> {
    if (this.opts.maintenance === false) return;
    const now = this.opts.now();
    // Once a day (and at start); a clock set back also counts as due.
    if (now - this.lastCompaction < DAY_MS && now >= this.lastCompaction) return;
    this.lastCompaction = now;
    await this.guard('compact the usage history', () => this.store.compact());
  }

  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.opts.logger?.warn(`Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}
