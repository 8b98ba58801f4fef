import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Notification, resetElectronMock } from './electron-mock';
import { Notifier, type NotificationStatus } from '../../../electron/adapters/notifications';
import type { Logger } from '../../../electron/core/platform/log';

const text = { title: 'Claude session at 75%', body: 'Resets at 14:05.' };

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, log: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
}

describe('notifications', () => {
  beforeEach(() => resetElectronMock());

  it('logs a notification the OS refuses and reports notifications as blocked until one is shown', async () => {
    const logger = recordingLogger();
    const changes: NotificationStatus[] = [];
    const clicks: number[] = [];
    const n = new Notifier(() => clicks.push(1), { logger, onStatusChange: (s) => changes.push(s) });
    expect(n.status()).toEqual({ supported: true, blocked: false, reason: null });

    Notification.outcome = { failed: 'Notifications are not allowed for this application' };
    expect(n.show(text)).toBe(true);
    await Promise.resolve();
    expect(logger.warnings).toEqual(['A notification could not be shown: Notifications are not allowed for this application']);
    expect(n.status()).toEqual({ supported: true, blocked: true, reason: 'Notifications are not allowed for this application' });
    // A second refusal with the same reason is not a change.
    n.show(text);
    await Promise.resolve();
    expect(changes).toHaveLength(1);

    Notification.outcome = 'shown';
    n.show(text);
    await Promise.resolve();
    expect(n.status().blocked).toBe(false);
    expect(changes.map((c) => c.blocked)).toEqual([true, false]);

    Notification.instances.at(-1)!.emit('click');
    expect(clicks).toEqual([1]);
  });

  it('a test notification reports what the OS did: shown, failed, unsupported, or no answer (pending prompt)', async () => {
    let fire: () => void = () => undefined;
    const n = new Notifier(() => undefined, { setTimeout: (fn) => (fire = fn) });
    expect(await n.test(text)).toBe('shown');
    Notification.outcome = { failed: 'denied' };
    expect(await n.test(text)).toBe('failed');
    expect(n.status().blocked).toBe(true);
    Notification.outcome = 'silent';
    const pending = n.test(text);
    fire();
    expect(await pending).toBe('no-answer');
    Notification.supported = false;
    expect(await n.test(text)).toBe('unsupported');
    expect(n.status().supported).toBe(false);
  });
});
