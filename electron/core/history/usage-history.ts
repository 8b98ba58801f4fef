/**
 * The usage history as a subscriber of the usage store: each view change records every fresh
 * merged window (and today's local-log totals), then recomputes pace and forecast for every merged
 * window, then evaluates the forecast alerts on them. One serial chain, so records, reads and
 * alerts happen in the order the views came, and nothing throws into the caller.
 */
import { windowKey, type MergedWindow, type SourceSnapshot, type UsageView } from '../../../shared/domain';
import { cyclePeaks } from '../../../shared/outlook/cycles';
import {
  HISTORY_POINTS,
  SPARKLINE_POINTS,
  type HistoryDays,
  type HistoryPayload,
  type HistoryWindowSeries,
  type WindowOutlookView,
} from '../../../shared/ipc';
import { MONDAY_TO_FRIDAY, paceStage, type PaceStage } from '../../../shared/outlook/pace';
import type { Settings } from '../../../shared/settings';
import type { ForecastAlertStore } from '../alerts/forecast-alert-store';
import { DEFAULT_FORECAST_ALERT_OPTIONS, type ForecastAlertEvent } from '../alerts/forecast-alerts';
import type { HistoryService } from './history-service';
import { samplesFromWindows } from './history-store';
import type { HistorySample } from './types';
import type { Logger } from '../platform/log';
import { DayKeyer, systemTimeZone } from '../platform/day-key';
import { readTrails, type TrailEntry } from '../statusline/trail';

const DAY_MS = 86_400_000;

export interface UsageHistoryOptions {
  history: HistoryService;
  /** Brimline's data dir, where the status line's trails are. */
  dataDir: string;
  now: () => number;
  logger: Logger;
  settings: () => Settings;
  /** IANA zone of the local-logs "today"; the system's when unset. */
  timeZone?: string;
  /** Forecast alerts; absent in the CLI. */
  forecastAlerts?: ForecastAlertStore;
}

/** At most `max` points, evenly picked, always keeping the first and the last (the latest level). */
export function thin<T>(list: readonly T[], max: number): T[] {
  if (list.length <= max || max < 2) return [...list];
  const out: T[] = [];
  const step = (list.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(list[Math.round(i * step)]!);
  return out;
}

export class UsageHistory {
  private chain: Promise<unknown>;
  private outlook: Record<string, WindowOutlookView> = {};
  /** Previous pace stage per window and cycle, for the stage's hysteresis. */
  private readonly stages = new Map<string, { resetsAt: string | null; stage: PaceStage }>();
  private readonly keyer: DayKeyer;

  constructor(private readonly opts: UsageHistoryOptions) {
    this.keyer = new DayKeyer(opts.timeZone ?? systemTimeZone());
    this.chain = opts.history.start();
  }

  /** Pace and forecast of the merged windows, as of the last update. */
  current(): Record<string, WindowOutlookView> {
    return this.outlook;
  }

  problems(): string[] {
    return this.opts.history.startupProblems();
  }

  /** Resolves when every update queued so far has been recorded and evaluated. */
  settled(): Promise<void> {
    return this.chain.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Records the view, refreshes the outlook; resolves with the forecast alerts to show (none without a store). */
  update(view: UsageView, snapshots: readonly SourceSnapshot[]): Promise<ForecastAlertEvent[]> {
    return this.serial(async () => {
      const byAccount = new Map<string, MergedWindow[]>();
      for (const w of view.windows) {
        if (w.stale) continue;
        const list = byAccount.get(w.accountId) ?? [];
        list.push(w);
        byAccount.set(w.accountId, list);
      }
      await this.recordStatuslineTrail(snapshots);
      for (const [accountId, windows] of byAccount) await this.opts.history.observe(accountId, windows);
      await this.recordDaily(snapshots);
      await this.recompute(view);
      return this.evaluateAlerts(view);
    });
  }

  /** Deletes one account's history (the user removed the account and asked for it). */
  forget(accountId: string): Promise<number> {
    return this.serial(() => this.opts.history.forgetAccount(accountId));
  }

  /** Recomputes the outlook (time moves pace and idleness); resolves true when it changed. */
  refresh(view: UsageView): Promise<boolean> {
    return this.serial(async () => {
      const before = JSON.stringify(this.outlook);
      await this.recompute(view);
      return JSON.stringify(this.outlook) !== before;
    });
  }

  /** The history view's data: per-cycle peaks and thinned usage per window, and daily costs. */
  read(days: HistoryDays): Promise<HistoryPayload> {
    return this.serial(async () => {
      const now = this.opts.now();
      const sinceMs = now - days * DAY_MS;
      const samples = await this.opts.history.store.read({ sinceMs, untilMs: now }).catch((err: unknown) => {
        this.opts.logger.warn(`Could not read the usage history: ${err instanceof Error ? err.message : String(err)}`);
        return [] as HistorySample[];
      });
      const series = new Map<string, HistorySample[]>();
      for (const s of samples) {
        const key = windowKey(s.accountId, s.windowId);
        const list = series.get(key) ?? [];
        list.push(s);
        series.set(key, list);
      }
      const windows: HistoryWindowSeries[] = [...series.values()].map((list) => {
        const last = list[list.length - 1]!;
        return {
          accountId: last.accountId,
          windowId: last.windowId,
          kind: last.kind,
          peaks: cyclePeaks(list).map((c) => ({ resetsAt: c.resetsAt, peakPercent: c.peakPercent, peakAt: c.peakAt })),
          points: thin(
            list.map((s) => ({ t: s.t, usedPercent: s.usedPercent, resetsAt: s.resetsAt })),
            HISTORY_POINTS,
          ),
        };
      });
      const since = this.keyer.day(sinceMs);
      const daily = this.opts.history.daily.list(since).map((d) => ({ date: d.date, totalCost: d.totalCost, totalTokens: d.totalTokens }));
      return { generatedAt: new Date(now).toISOString(), days, sinceMs, windows, daily };
    });
  }

  /**
   * The status line's observations since the last one recorded, from its trail (only the latest
   * reaches the snapshot), under the account the poll resolved. The trail is the one whose latest
   * line is the observation the snapshot shows.
   */
  private async recordStatuslineTrail(snapshots: readonly SourceSnapshot[]): Promise<void> {
    // One status line per Claude Code folder, each under its own account.
    const shown = snapshots.filter((s) => s.sourceId === 'statusline' && s.state === 'ok' && s.fetchedAt !== null);
    if (shown.length === 0) return;
    const trails = await readTrails(this.opts.dataDir).catch(() => [] as TrailEntry[][]);
    for (const snap of shown) await this.recordTrailOf(snap, trails);
  }

  private async recordTrailOf(snap: SourceSnapshot, trails: readonly TrailEntry[][]): Promise<void> {
    const shownAt = Date.parse(snap.fetchedAt!);
    const trail = trails.find((t) => t.length > 0 && t[t.length - 1]!.t === shownAt);
    if (!trail) return;
    const store = this.opts.history.store;
    const since = Math.max(
      store.lastRecordedAt(snap.accountId, 'session') ?? -Infinity,
      store.lastRecordedAt(snap.accountId, 'weekly') ?? -Infinity,
    );
    const samples: HistorySample[] = [];
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    for (const e of trail) {
      if (e.t <= since || e.t > shownAt) continue;
      const observedAt = new Date(e.t).toISOString();
      const windows = [
        ...(e.fiveHour
          ? [{ id: 'session', kind: 'session', usedPercent: e.fiveHour.usedPercent, resetsAt: iso(e.fiveHour.resetsAt) }]
          : []),
        ...(e.sevenDay ? [{ id: 'weekly', kind: 'weekly', usedPercent: e.sevenDay.usedPercent, resetsAt: iso(e.sevenDay.resetsAt) }] : []),
      ];
      samples.push(
        ...samplesFromWindows(
          snap.accountId,
          windows.map((w) => ({ ...w, sourceId: 'statusline', observedAt })),
        ),
      );
    }
    if (samples.length > 0)
      await store
        .record(samples)
        .catch((err: unknown) => this.opts.logger.warn(`Could not record the status line's history: ${String(err)}`));
  }

  private async recordDaily(snapshots: readonly SourceSnapshot[]): Promise<void> {
    for (const s of snapshots) {
      if (s.sourceId !== 'local-logs' || s.state !== 'ok' || !s.local || s.fetchedAt === null) continue;
      const at = Date.parse(s.fetchedAt);
      if (!Number.isFinite(at)) continue;
      const t = s.local.today;
      await this.opts.history.recordDaily([
        {
          date: this.keyer.day(at),
          inputTokens: t.inputTokens,
          outputTokens: t.outputTokens,
          cacheCreationTokens: t.cacheCreationTokens,
          cacheReadTokens: t.cacheReadTokens,
          totalTokens: t.totalTokens,
          totalCost: t.totalCost,
        },
      ]);
    }
  }

  private async recompute(view: UsageView): Promise<void> {
    const workingDays = this.opts.settings().pace.workingDaysOnly ? { days: MONDAY_TO_FRIDAY } : null;
    const results = await this.opts.history.outlooks(view.windows, { workingDays });
    const next: Record<string, WindowOutlookView> = {};
    view.windows.forEach((w, i) => {
      const o = results[i]!;
      const key = windowKey(w.accountId, w.id);
      let stage: PaceStage | null = null;
      if (o.pace) {
        const prev = this.stages.get(key);
        stage = paceStage(o.pace.deltaPercent, prev && prev.resetsAt === w.resetsAt ? prev.stage : null);
        this.stages.set(key, { resetsAt: w.resetsAt, stage });
      }
      next[key] = { pace: o.pace, stage, forecast: o.forecast, samples: thin(o.cycle, SPARKLINE_POINTS) };
    });
    this.outlook = next;
  }

  private async evaluateAlerts(view: UsageView): Promise<ForecastAlertEvent[]> {
    const store = this.opts.forecastAlerts;
    if (!store) return [];
    const n = this.opts.settings().notifications;
    const inputs = view.windows.map((w) => ({
      accountId: w.accountId,
      window: w,
      forecast: this.outlook[windowKey(w.accountId, w.id)]?.forecast ?? null,
      fresh: !w.stale,
    }));
    return store.process(inputs, {
      now: this.opts.now(),
      runsOut: { ...DEFAULT_FORECAST_ALERT_OPTIONS.runsOut, enabled: n.runsOut },
      unusedAtReset: { ...DEFAULT_FORECAST_ALERT_OPTIONS.unusedAtReset, enabled: n.unusedAtReset },
    });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch((err: unknown) => this.opts.logger.warn(`Usage history failed: ${String(err)}`));
    return next;
  }
}
