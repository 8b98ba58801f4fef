/**
 * Native notifications for threshold crossings and resets. Clicking one opens the popover.
 */
import { Notification } from 'electron';
import type { AlertEvent } from '../core/alerts';
import { formatPercent, formatResetClock } from '../../shared/format';
import type { MainStrings } from '../../shared/i18n/main-strings';
import { windowLabel } from '../core/tray-model';
import { resetTime } from '../../shared/domain';

export interface NotificationText {
  title: string;
  body: string;
}

/** "Claude session at 75%" / "Resets at 14:05." */
export function notificationText(
  event: AlertEvent,
  strings: MainStrings,
  locale: string,
  now: number,
  timeZone?: string,
): NotificationText {
  const label = windowLabel(event.window, strings);
  if (event.kind === 'reset') return { title: strings.notifyResetTitle(label), body: strings.notifyResetBody };
  const at = resetTime(event.window);
  return {
    title: strings.notifyThresholdTitle(label, formatPercent(Math.round(event.window.usedPercent), locale)),
    body: at === null ? strings.notifyThresholdBodyNoReset : strings.notifyThresholdBody(formatResetClock(at, now, { locale, timeZone })),
  };
}

export class Notifier {
  /** Held until closed or clicked: a collected Notification loses its click handler on some platforms. */
  private readonly live = new Set<Notification>();

  constructor(private readonly onClick: () => void) {}

  supported(): boolean {
    return Notification.isSupported();
  }

  show(text: NotificationText): boolean {
    if (!Notification.isSupported()) return false;
    const n = new Notification({ title: text.title, body: text.body, silent: false });
    this.live.add(n);
    n.on('click', () => {
      this.live.delete(n);
      this.onClick();
    });
    n.on('close', () => this.live.delete(n));
    n.show();
    return true;
  }
}
