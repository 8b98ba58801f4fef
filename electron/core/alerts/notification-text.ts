/** The words of an alert notification, from the shared catalogue. */
import { resetTime, WINDOW_KINDS, type WindowKind } from '../../../shared/domain';
import type { Translator } from '../../../shared/i18n/translator';
import { windowLabel } from '../../../shared/labels';
import type { AlertEvent } from './alerts';
import type { ForecastAlertEvent } from './forecast-alerts';

export interface NotificationText {
  title: string;
  body: string;
}

/** With several accounts a notification says whose limit it is: "Work: Claude Session (5 h) at 75%". */
function forAccount(text: NotificationText, tr: Translator, account: string | null): NotificationText {
  return account === null ? text : { ...text, title: tr.t('notify.forAccount', { account, title: text.title }) };
}

/** "Claude Session (5 h) at 75%" / "Resets at 14:05."; `account` names the account when there are several. */
export function notificationText(event: AlertEvent, tr: Translator, now: number, account: string | null = null): NotificationText {
  const label = windowLabel(tr.t, event.window);
  if (event.kind === 'reset')
    return forAccount({ title: tr.t('notify.reset.title', { label }), body: tr.t('notify.reset.body') }, tr, account);
  const at = resetTime(event.window);
  return forAccount(
    {
      title: tr.t('notify.threshold.title', { label, percent: tr.percent(Math.round(event.window.usedPercent)) }),
      body: at === null ? tr.t('notify.threshold.bodyNoReset') : tr.t('notify.threshold.body', { clock: tr.clock(at, now) }),
    },
    tr,
    account,
  );
}

/** "Claude Session (5 h) runs out at 15:40" / "At this pace it reaches 100% 35 min before it resets at 16:15." */
export function forecastNotificationText(
  event: ForecastAlertEvent,
  tr: Translator,
  now: number,
  account: string | null = null,
): NotificationText {
  return forAccount(forecastText(event, tr, now), tr, account);
}

function forecastText(event: ForecastAlertEvent, tr: Translator, now: number): NotificationText {
  const w = event.window;
  const kind: WindowKind = (WINDOW_KINDS as readonly string[]).includes(w.kind) ? (w.kind as WindowKind) : 'other';
  const label = windowLabel(tr.t, { ...w, kind });
  const reset = Date.parse(event.resetsAt);
  if (event.kind === 'runs_out') {
    return {
      title: tr.t('notify.runsOut.title', { label, clock: tr.clock(Date.parse(event.runsOutAt), now) }),
      body: tr.t('notify.runsOut.body', { duration: tr.duration(event.marginMs), reset: tr.clock(reset, now) }),
    };
  }
  return {
    title: tr.t('notify.unusedAtReset.title', { label, percent: tr.percent(Math.round(event.remainingPercent)) }),
    body: tr.t('notify.unusedAtReset.body', { duration: tr.duration(event.msUntilReset), clock: tr.clock(reset, now) }),
  };
}
