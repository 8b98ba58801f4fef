/**
 * The usage history as the app feeds it: every view is recorded (pace, forecast and forecast
 * alerts follow), the clock's tick moves pace and idleness, and the History window reads it.
 * Without a history (tests, a CLI without one) it records nothing and reads an empty payload.
 */
import type { UsageView, SourceSnapshot } from '../../../shared/domain';
import type { HistoryDays, HistoryPayload, WindowOutlookView } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import type { ForecastAlertEvent } from '../alerts/forecast-alerts';
import type { ForecastAlertStore } from '../alerts/forecast-alert-store';
import type { HistoryService } from '../history/history-service';
import { UsageHistory } from '../history/usage-history';
import type { Logger } from '../platform/log';

export interface HistoryFeed {
  /** Records a view; the forecast alerts it raises go to `onForecast`. */
  record(view: UsageView): void;
  /** Time moved: recomputes pace and forecast, and redraws when they moved. */
  tick(view: UsageView): void;
  outlook(): Record<string, WindowOutlookView>;
  read(days: HistoryDays): Promise<HistoryPayload>;
  forget(accountId: string): Promise<void>;
  problems(): string[];
  settled(): Promise<void>;
}

export interface HistoryFeedOptions {
  history?: HistoryService;
  forecastAlerts?: ForecastAlertStore;
  dataDir: string;
  snapshots: () => readonly SourceSnapshot[];
  settings: () => Settings;
  timeZone?: string;
  now: () => number;
  logger: Logger;
  changed: () => void;
  onForecast: (events: readonly ForecastAlertEvent[]) => void;
  /** Keeps the recording on the chain the service's `settled()` waits for. */
  track: (work: Promise<unknown>, failure: string) => void;
}

export function createHistoryFeed(opts: HistoryFeedOptions): HistoryFeed {
  const { now, changed } = opts;
  if (!opts.history) return emptyFeed(now);
  const usageHistory = new UsageHistory({
    history: opts.history,
    dataDir: opts.dataDir,
    now,
    logger: opts.logger,
    settings: opts.settings,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...(opts.forecastAlerts ? { forecastAlerts: opts.forecastAlerts } : {}),
  });
  return {
    record(view) {
      const done = usageHistory.update(view, opts.snapshots()).then((events) => {
        changed();
        opts.onForecast(events);
      });
      opts.track(done, 'Usage history failed');
    },
    tick: (view) => void usageHistory.refresh(view).then((moved) => moved && changed()),
    outlook: () => usageHistory.current(),
    read: (days) => usageHistory.read(days),
    forget: async (accountId) => {
      await usageHistory.forget(accountId);
    },
    problems: () => usageHistory.problems(),
    settled: () => usageHistory.settled(),
  };
}

function emptyFeed(now: () => number): HistoryFeed {
  return {
    record: () => undefined,
    tick: () => undefined,
    outlook: () => ({}),
    read: (days) =>
      Promise.resolve({ generatedAt: new Date(now()).toISOString(), days, sinceMs: now() - days * 86_400_000, windows: [], daily: [] }),
    forget: () => Promise.resolve(),
    problems: () => [],
    settled: () => Promise.resolve(),
  };
}
