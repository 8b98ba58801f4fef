/**
 * Notifications and alerts: threshold crossings (through the alert store, keyed on account, merged
 * window and reset cycle), forecast alerts from the history, and data warnings (notified once per
 * session). What to notify is decided here; `notify` only shows it. The work runs on one chain, so
 * notifications come in the order of the views, and `settled()` waits for all of it.
 */
import type { UsageView } from '../../../shared/domain';
import type { Translator } from '../../../shared/i18n/translator';
import { accountLabel } from '../../../shared/labels';
import type { Settings } from '../../../shared/settings';
import { notifiedThresholds, type AlertStore } from '../alerts/alerts';
import type { ForecastAlertEvent } from '../alerts/forecast-alerts';
import { forecastNotificationText, notificationText, type NotificationText } from '../alerts/notification-text';
import type { Logger } from '../platform/log';
import { accountsWithWindows } from '../tray/tray-model';

export interface Notifications {
  /** Evaluates the threshold alerts on a view and notifies the crossings. */
  alert(view: UsageView): void;
  /** Notifies the view's data warnings not notified yet in this session. */
  warn(view: UsageView): void;
  /** Notifies the forecast alerts the history raised. */
  forecast(events: readonly ForecastAlertEvent[]): void;
  /** Keeps `work` on the chain `settled()` waits for; a failure is logged after `failure`. */
  track(work: Promise<unknown>, failure: string): void;
  /** The thresholds already notified per window, for the renderer. */
  notified(): Record<string, number>;
  settled(): Promise<void>;
}

export interface NotificationsOptions {
  /** Threshold alerts; absent in the CLI (the app must still notify what the CLI saw). */
  alerts?: AlertStore;
  /** Shows a notification; absent in the CLI. */
  notify?: (text: NotificationText) => void;
  view: () => UsageView;
  settings: () => Settings;
  translator: () => Translator;
  now: () => number;
  logger: Logger;
  changed: () => void;
}

export function createNotifications(opts: NotificationsOptions): Notifications {
  const { alerts, notify, settings, translator, now, logger, changed } = opts;
  let chain: Promise<void> = Promise.resolve();
  // A warning about the data (Claude Code billing an API key) is notified once per app session;
  // the popover keeps showing it while it holds.
  const warned = new Set<string>();
  const enabled = (): boolean => !!notify && settings().notifications.enabled;

  /** The account's name for a notification, when more than one account has limits; null otherwise. */
  const accountName = (accountId: string): string | null => {
    const accounts = accountsWithWindows(opts.view(), settings());
    const account = accounts.find((a) => a.id === accountId);
    return accounts.length > 1 && account ? accountLabel(translator().t, account) : null;
  };

  const processAlerts = (store: AlertStore, view: UsageView): void => {
    const current = settings();
    chain = chain
      .then(async () => {
        const events = await store.process(view.windows, {
          thresholds: current.thresholds,
          onReset: current.notifications.onReset,
          now: now(),
        });
        // The renderer shows what has been notified, whether or not notifications are on.
        if (events.length > 0) changed();
        if (!enabled()) return;
        const tr = translator();
        for (const e of events) notify?.(notificationText(e, tr, now(), accountName(e.window.accountId)));
      })
      .catch((err: unknown) => logger.warn(`Alert processing failed: ${String(err)}`));
  };

  const warn = (view: UsageView): void => {
    for (const w of view.warnings) {
      if (warned.has(w.code)) continue;
      warned.add(w.code);
      if (alerts && enabled()) notify?.({ title: translator().t('notify.warning.title'), body: w.message });
    }
  };

  return {
    alert(view) {
      if (alerts) processAlerts(alerts, view);
    },
    warn,
    forecast(events) {
      if (events.length === 0 || !enabled()) return;
      const tr = translator();
      for (const e of events) notify?.(forecastNotificationText(e, tr, now(), accountName(e.accountId)));
    },
    track(work, failure) {
      chain = Promise.all([chain, work]).then(
        () => undefined,
        (err: unknown) => logger.warn(`${failure}: ${String(err)}`),
      );
    },
    notified: () => (alerts ? notifiedThresholds(alerts.current(), now()) : {}),
    settled: () => chain,
  };
}
