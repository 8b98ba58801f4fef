/**
 * Native notifications for threshold crossings and resets. Clicking one opens the popover.
 *
 * macOS and Windows may refuse to show one (an unsigned bundle, notifications turned off for the
 * app, Focus, group policy); Electron reports that only as a 'failed' event. It is logged and kept
 * as a fact for Settings ("notifications are blocked"). Electron has no call that asks for the
 * permission: macOS shows its prompt at the first notification. `test()` sends one on the user's
 * request (a Settings button), so the prompt comes when expected and the answer is reported.
 */
import { Notification } from 'electron';
import type { NotificationOutcome, NotificationState } from '../../shared/ipc';
import type { Logger } from '../core/platform/log';
import type { NotificationText } from '../core/alerts/notification-text';

/** What Settings needs to say about notifications; `blocked` is cleared by the next one shown. */
export type NotificationStatus = NotificationState;
export type { NotificationOutcome };

export interface NotifierOptions {
  logger?: Logger;
  /** Called when `status()` changes, to push the state to open windows. */
  onStatusChange?: (status: NotificationStatus) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export class Notifier {
  /** Held until closed or clicked: a collected Notification loses its click handler on some platforms. */
  private readonly live = new Set<Notification>();
  private blockedReason: string | null = null;

  constructor(
    private readonly onClick: () => void,
    private readonly opts: NotifierOptions = {},
  ) {}

  supported(): boolean {
    return Notification.isSupported();
  }

  status(): NotificationStatus {
    return { supported: this.supported(), blocked: this.blockedReason !== null, reason: this.blockedReason };
  }

  private setBlocked(reason: string | null): void {
    if (reason === this.blockedReason) return;
    this.blockedReason = reason;
    this.opts.onStatusChange?.(this.status());
  }

  private post(text: NotificationText, settle?: (o: NotificationOutcome) => void): boolean {
    if (!Notification.isSupported()) return false;
    const n = new Notification({ title: text.title, body: text.body, silent: false });
    this.live.add(n);
    n.on('click', () => {
      this.live.delete(n);
      this.onClick();
    });
    n.on('close', () => this.live.delete(n));
    n.on('show', () => {
      this.setBlocked(null);
      settle?.('shown');
    });
    n.on('failed', (_event, error) => {
      this.live.delete(n);
      this.opts.logger?.warn(`A notification could not be shown: ${error}`);
      this.setBlocked(error || 'refused by the system');
      settle?.('failed');
    });
    n.show();
    return true;
  }

  show(text: NotificationText): boolean {
    return this.post(text);
  }

  /** Sends one notification on request and reports what the OS did with it (macOS: triggers the permission prompt). */
  test(text: NotificationText, timeoutMs = 10_000): Promise<NotificationOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const settle = (o: NotificationOutcome): void => {
        if (done) return;
        done = true;
        resolve(o);
      };
      if (!this.post(text, settle)) {
        settle('unsupported');
        return;
      }
      // Linux daemons and a pending macOS prompt may never answer.
      (this.opts.setTimeout ?? setTimeout)(() => settle('no-answer'), timeoutMs);
    });
  }
}
