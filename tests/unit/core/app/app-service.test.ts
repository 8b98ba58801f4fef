/** The application service without Electron: the tray model, alerts and app state as subscribers of the usage store. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStore } from '../../../../electron/core/alerts/alerts';
import { startAppService, type AppService, type LoginItemPort } from '../../../../electron/core/app/app-service';
import type { NotificationText } from '../../../../electron/core/alerts/notification-text';
import { FILES } from '../../../../electron/core/platform/paths';
import type { SecretStatus } from '../../../../shared/ipc';
import { FakeCore } from '../../shell/fake-core';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const RESET = T0 + 2 * HOUR;
const NO_SECRETS: SecretStatus = { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
const secrets = { status: async () => NO_SECRETS, set: async () => NO_SECRETS, remove: async () => NO_SECRETS };
const quiet = { log() {}, info() {}, warn() {}, error() {} };

describe('application service', () => {
  let dir: string;
  let core: FakeCore;
  let service: AppService | null;
  let notified: NotificationText[];
  let now: number;

  async function start(opts: { alerts?: boolean; loginItem?: LoginItemPort } = {}): Promise<AppService> {
    core = new FakeCore(dir);
    await core.start();
    let alerts: AlertStore | undefined;
    if (opts.alerts ?? true) {
      alerts = new AlertStore(dir);
      await alerts.load();
    }
    notified = [];
    service = await startAppService({
      core,
      secrets,
      alerts,
      notify: (t) => notified.push(t),
      loginItem: opts.loginItem,
      logger: quiet,
      systemLocales: ['en-GB'],
      timeZone: 'UTC',
      platform: 'linux',
      appVersion: '9.9.9',
      now: () => now,
      setInterval: () => null,
      clearInterval: () => undefined,
    });
    return service;
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-service-'));
    now = T0;
    service = null;
  });
  afterEach(() => {
    service?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('notifies once per crossing when two sources report the same window', async () => {
    const s = await start();
    // The plan poll sees 52 %, then a second source the same window a minute later at 54 %.
    core.push([snap([win('five_hour', 'session', 52, RESET)], 'ok', 'claude-oauth', T0 - 60_000)]);
    await s.settled();
    core.push([
      snap([win('five_hour', 'session', 52, RESET)], 'ok', 'claude-oauth', T0 - 60_000),
      snap([win('five_hour', 'session', 54, RESET + 40_000)], 'ok', 'claude-cache', T0),
    ]);
    await s.settled();
    expect(notified.map((n) => n.title)).toEqual(['Claude Session (5 h) at 52%']);
    expect(s.trayModel().title).toBe('54%');
    expect(s.appState().view.windows).toEqual([expect.objectContaining({ id: 'session', sourceId: 'claude-cache', usedPercent: 54 })]);
    expect(s.appState().alerts).toEqual({ 'local/session': 50 });
  });

  it('puts the claude.ai organisations the core reports in the app state, and redraws when they change', async () => {
    const s = await start({ alerts: false });
    let changes = 0;
    s.onChange(() => changes++);
    expect(s.appState().claudeWebOrganizations).toEqual([]);
    // Whatever else an organisation object carries, only its uuid and name reach the renderer.
    const withExtra = { uuid: 'o-1', name: 'Personal', sessionKey: 'sk-ant-sid01-never' };
    core.reportOrganizations([withExtra, { uuid: 'o-2', name: 'Acme Team' }]);
    expect(changes).toBe(1);
    expect(s.appState().claudeWebOrganizations).toEqual([
      { uuid: 'o-1', name: 'Personal' },
      { uuid: 'o-2', name: 'Acme Team' },
    ]);
    expect(JSON.stringify(s.appState())).not.toContain('sk-ant-sid01-never');
    s.dispose();
    service = null;
    core.reportOrganizations([]);
    expect(changes).toBe(1);
  });

  it('brings problems found at start-up to the app state', async () => {
    writeFileSync(path.join(dir, FILES.settings), '{"version": 1, "thresholds": "lots"');
    const s = await start();
    const problems = s.appState().problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Your settings file could not be read .* the defaults are in use\.$/);
  });

  it('without alerts (the CLI) it neither notifies nor records a crossing, so the app still will', async () => {
    const cli = await start({ alerts: false });
    core.push([snap([win('five_hour', 'session', 80, RESET)])]);
    await cli.settled();
    expect(notified).toEqual([]);
    expect(cli.appState().alerts).toEqual({});
    cli.dispose();

    const app = await start();
    core.push([snap([win('five_hour', 'session', 80, RESET)])]);
    await app.settled();
    expect(notified.map((n) => n.title)).toEqual(['Claude Session (5 h) at 80%']);
  });

  it('keeps launch at login in step with what the OS really did', async () => {
    let osState = false;
    const stubborn: LoginItemPort = { get: async () => osState, set: async () => undefined };
    const s = await start({ loginItem: stubborn });
    await s.setLaunchAtLogin(true);
    // The OS refused: the setting and the state say so, rather than a checkbox that lies.
    expect(s.appState().launchAtLogin).toBe(false);
    expect(core.settings.get().launchAtLogin).toBe(false);
    osState = true;
    await s.setLaunchAtLogin(true);
    expect(s.appState().launchAtLogin).toBe(true);
    expect(core.settings.get().launchAtLogin).toBe(true);
  });

  it('tells its listeners about every change, and stops when disposed', async () => {
    const s = await start();
    // Let the first Claude Code check (a change of its own) land before counting.
    await new Promise((r) => setImmediate(r));
    let changes = 0;
    s.onChange(() => changes++);
    core.push([snap([win('five_hour', 'session', 10, RESET)])]);
    await core.settings.update({ thresholds: [60] });
    expect(changes).toBe(2);
    s.dispose();
    core.push([snap([win('five_hour', 'session', 12, RESET)])]);
    expect(changes).toBe(2);
  });

  it('sets up the status line through its port and carries the result in the app state', async () => {
    const calls: boolean[] = [];
    let kind: 'none' | 'installed' = 'none';
    const statusline = {
      state: async () => ({ kind, file: '/h/.claude/settings.json', chained: null, description: null, message: null }),
      set: async (enabled: boolean) => {
        calls.push(enabled);
        kind = enabled ? 'installed' : 'none';
        return { kind, file: '/h/.claude/settings.json', chained: null, description: null, message: enabled ? 'Installed.' : 'Removed.' };
      },
      refreshLauncher: async () => undefined,
    };
    core = new FakeCore(dir);
    await core.start();
    service = await startAppService({
      core,
      secrets,
      statusline,
      logger: quiet,
      systemLocales: ['en'],
      platform: 'linux',
      appVersion: '1',
      setInterval: () => null,
      clearInterval: () => undefined,
    });
    expect((await service.freshState()).statusline?.kind).toBe('none');
    expect(await service.setStatusline(true)).toMatchObject({ kind: 'installed', message: 'Installed.' });
    expect(service.appState().statusline?.kind).toBe('installed');
    expect(calls).toEqual([true]);
  });

  it('notifies a warning about the data once per app session', async () => {
    const s = await start();
    const w = {
      code: 'claude_code_api_key_billing',
      message: 'Claude Code is using an API key, so this session is billed to API credits, not your plan.',
    };
    const line = { ...snap([win('five_hour', 'session', 10, RESET)], 'ok', 'statusline'), warnings: [w] };
    core.push([line]);
    core.push([{ ...line, fetchedAt: new Date(T0 + 60_000).toISOString() }]);
    await s.settled();
    expect(notified).toEqual([{ title: 'Brimline: check how Claude Code is billed', body: w.message }]);
    expect(s.appState().view.warnings).toEqual([w]);
  });
});
