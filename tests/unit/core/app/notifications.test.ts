/**
 * Notifications and alerts on their own: the real alert store on a temp dir and the real usage
 * store; `notify` records what would be shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStore } from '../../../../electron/core/alerts/alerts';
import type { NotificationText } from '../../../../electron/core/alerts/notification-text';
import { createNotifications, type Notifications } from '../../../../electron/core/app/notifications';
import { UsageStore } from '../../../../electron/core/usage/usage-store';
import { makeTranslator } from '../../../../shared/i18n/translator';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings';
import type { SourceSnapshot } from '../../../../shared/domain';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const BILLING = { code: 'claude_code_api_key_billing', message: 'Claude Code bills an API key, not your plan.' };

describe('notifications', () => {
  let dir: string;
  let usage: UsageStore;
  let settings: Settings;
  let shown: NotificationText[];
  let warnings: string[];
  let changes: number;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-notifications-'));
    usage = new UsageStore((err) => {
      throw err;
    });
    settings = structuredClone(DEFAULT_SETTINGS);
    shown = [];
    warnings = [];
    changes = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function make(opts: { alerts?: boolean; notify?: boolean } = {}): Promise<Notifications> {
    let alerts: AlertStore | undefined;
    if (opts.alerts ?? true) {
      alerts = new AlertStore(dir);
      await alerts.load();
    }
    return createNotifications({
      alerts,
      notify: (opts.notify ?? true) ? (t) => shown.push(t) : undefined,
      view: () => usage.view(),
      settings: () => settings,
      translator: () => makeTranslator('en', ['en-GB'], 'UTC'),
      now: () => T0,
      logger: { log() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} },
      changed: () => void changes++,
    });
  }

  const withWarning = (s: SourceSnapshot): SourceSnapshot => ({ ...s, warnings: [BILLING] });

  it('notifies a data warning once per session, however often the view repeats it', async () => {
    const n = await make();
    usage.update([withWarning(snap([win('five_hour', 'session', 10, T0 + HOUR)]))]);
    n.warn(usage.view());
    n.warn(usage.view());
    expect(shown).toEqual([{ title: expect.any(String), body: BILLING.message }]);
  });

  it('the CLI (no alert store) never notifies a warning, so the app still can', async () => {
    const n = await make({ alerts: false });
    usage.update([withWarning(snap([win('five_hour', 'session', 10, T0 + HOUR)]))]);
    n.warn(usage.view());
    expect(shown).toEqual([]);
  });

  it('records a crossing and redraws even with notifications off, without showing it', async () => {
    settings = { ...settings, thresholds: [60, 80], notifications: { ...settings.notifications, enabled: false } };
    const n = await make();
    usage.update([snap([win('five_hour', 'session', 82, T0 + HOUR)])]);
    n.alert(usage.view());
    await n.settled();
    expect(shown).toEqual([]);
    expect(changes).toBe(1);
    expect(n.notified()).toEqual({ 'local/session': 80 });
  });

  it('names the account in the title only when several accounts have limits', async () => {
    const n = await make();
    usage.update([snap([win('five_hour', 'session', 55, T0 + HOUR)])]);
    n.alert(usage.view());
    await n.settled();
    usage.update([
      snap([win('five_hour', 'session', 55, T0 + HOUR)]),
      snap([win('five_hour', 'session', 52, T0 + HOUR)], 'ok', 'claude-web', T0, 'acct-b'),
    ]);
    n.alert(usage.view());
    await n.settled();
    expect(shown.map((t) => t.title)).toEqual([
      'Claude Session (5 h) at 55%',
      expect.stringMatching(/^.+: Claude Session \(5 h\) at 52%$/),
    ]);
  });

  it('settled() waits for tracked work, and a failure is logged, not thrown', async () => {
    const n = await make();
    let finish!: () => void;
    let done = false;
    n.track(
      new Promise<void>((resolve) => (finish = resolve)).then(() => void (done = true)),
      'Usage history failed',
    );
    n.track(Promise.reject(new Error('disk full')), 'Usage history failed');
    const settled = n.settled();
    finish();
    await settled;
    expect(done).toBe(true);
    expect(warnings).toEqual(['Usage history failed: Error: disk full']);
  });
});
