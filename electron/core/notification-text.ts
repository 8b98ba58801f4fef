/** The words of an alert notification, from the shared catalogue. */
import { resetTime } from '../../shared/domain';
import type { Translator } from '../../shared/i18n/translator';
import { windowLabel } from '../../shared/labels';
import type { AlertEvent } from './alerts';

export interface NotificationText {
  title: string;
  body: string;
}

/** "Claude Session (5 h) at 75%" / "Resets at 14:05." */
export function notificationText(event: AlertEvent, tr: Translator, now: number): NotificationText {
  const label = windowLabel(tr.t, event.window);
  if (event.kind === 'reset') return { title: tr.t('notify.reset.title', { label }), body: tr.t('notify.reset.body') };
  const at = resetTime(event.window);
  return {
    title: tr.t('notify.threshold.title', { label, percent: tr.percent(Math.round(event.window.usedPercent)) }),
    body: at === null ? tr.t('notify.threshold.bodyNoReset') : tr.t('notify.threshold.body', { clock: tr.clock(at, now) }),
  };
}
