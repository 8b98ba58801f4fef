/** The application service tells the user once that a usage-limit reset is open, with the crossing of the highest threshold. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStore } from '../../../../electron/core/alerts/alerts';
import { startAppService, type AppService } from '../../../../electron/core/app/app-service';
import type { NotificationText } from '../../../../electron/core/alerts/notification-text';
import type { ResetGrant, SourceSnapshot } from '../../../../shared/domain';
import type { SecretStatus } from '../../../../shared/ipc';
import { FakeCore } from '../../shell/fake-core';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const NO_SECRETS: SecretStatus = { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
const secrets = { status: async () => NO_SECRETS, set: async () => NO_SECRETS, remove: async () => NO_SECRETS };
const quiet = { log() {}, info() {}, warn() {}, error() {} };
const GRANT: ResetGrant = {
  label: 'launch',
  resetsTotal: 1,
  resetsLeft: 1,
  startsAt: null,
  endsAt: new Date(T0 + 10 * 24 * HOUR).toISOString(),
  clears: ['five_hour', 'seven_day'],
  usableNow: true,
};
const plan = (session: number, weekly: number, resets: ResetGrant[] | null): SourceSnapshot => ({
  ...snap([win('five_hour', 'session', session, T0 + 2 * HOUR), win('seven_day', 'weekly', weekly, T0 + 50 * HOUR)]),
  resets,
});

describe('usage-limit reset notice', () => {
  let dir: string;
  let service: AppService | null = null;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-resets-'));
  });
  afterEach(() => {
    service?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('comes once, with the crossing of the highest threshold, while the grant is open', async () => {
    const core = new FakeCore(dir);
    await core.start();
    const alerts = new AlertStore(dir);
    await alerts.load();
    const notified: NotificationText[] = [];
    service = await startAppService({
      core,
      secrets,
      alerts,
      notify: (t) => notified.push(t),
      logger: quiet,
      systemLocales: ['en-GB'],
      timeZone: 'UTC',
      platform: 'linux',
      appVersion: '9.9.9',
      now: () => T0,
      setInterval: () => null,
      clearInterval: () => undefined,
    });
    core.push([plan(80, 40, [GRANT])]);
    await service.settled();
    core.push([plan(93, 40, [GRANT])]);
    await service.settled();
    core.push([plan(95, 91, [GRANT])]);
    await service.settled();
    expect(notified.map((n) => n.title)).toEqual([
      'Claude Session (5 h) at 80%',
      'Claude Session (5 h) at 93%',
      'A usage-limit reset is available',
      'Claude Weekly at 91%',
    ]);
    expect(notified[2]!.body).toMatch(/^Session \(5 h\) is at 93%\. 1 usage-limit reset available until .+; use it in Claude Code\.$/);
  });
});
