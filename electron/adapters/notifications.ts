/**
 * Native notifications for threshold crossings and resets. Clicking one opens the popover.
 */
import { Notification } from 'electron';
import type { NotificationText } from '../core/notification-text';

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
