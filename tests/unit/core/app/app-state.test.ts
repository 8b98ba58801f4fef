/** The app state and tray model read what the parts know, at each call. */
import { noShortcut } from '../../../../electron/core/app/shortcut';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppViews, platformName, translatorFor, type StateParts } from '../../../../electron/core/app/app-state';
import type { SecretStatus } from '../../../../shared/ipc';
import { FakeCore } from '../../shell/fake-core';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const SECRETS: SecretStatus = { saved: { claudeSessionKey: true, adminApiKey: false }, backend: 'keychain', keychainProblem: null };

describe('app state', () => {
  let dir: string;
  let core: FakeCore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-app-state-'));
    core = new FakeCore(dir);
    await core.start();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names only the platforms it knows', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd'].map((p) => platformName(p as NodeJS.Platform))).toEqual([
      'darwin',
      'win32',
      'linux',
      'other',
    ]);
  });

  it('reads every part at each call, and puts the updater entries in the tray menu', () => {
    let launch = false;
    const parts: StateParts = {
      secrets: () => SECRETS,
      claudeCode: () => ({ found: true, detail: 'Logged in.' }),
      statusline: () => null,
      launchAtLogin: () => launch,
      loginItemNeedsApproval: () => false,
      problems: () => ['settings set aside'],
      alerts: () => ({ 'local/session': 50 }),
      outlook: () => ({}),
      shortcut: () => noShortcut(),
    };
    const views = createAppViews({
      core,
      parts,
      translator: translatorFor(() => core.settings.get(), ['en-GB'], 'UTC'),
      platform: 'linux',
      appVersion: '9.9.9',
      now: () => T0,
      updateEntries: () => [{ key: 'update.restartToInstall', params: { version: '9.9.10' }, enabled: true, action: 'install' }],
    });
    core.push([snap([win('five_hour', 'session', 42, T0 + HOUR)])]);
    launch = true;
    const state = views.appState();
    expect(state).toMatchObject({
      secrets: SECRETS,
      problems: ['settings set aside'],
      launchAtLogin: true,
      platform: 'linux',
      appVersion: '9.9.9',
    });
    expect(state.alerts).toEqual({ 'local/session': 50 });
    // Settings › About names the data folder and the log file main writes.
    expect(state.dataFolder).toBe(core.dataDir);
    expect(state.logFile).toBe(path.join(core.dataDir, 'brimline.log'));
    expect(state.notifications).toEqual({ supported: false, blocked: false, reason: null });
    const tray = views.trayModel();
    expect(tray.title).toBe('42%');
    expect(JSON.stringify(tray.menu)).toContain('Restart to install Brimline 9.9.10');
  });
});
