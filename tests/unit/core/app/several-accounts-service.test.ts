/**
 * Several accounts in the application service: the tray's choice of account and its tooltip and
 * menu, one notification per account and crossing naming the account, and removing an account
 * (its keys leave the real OS keychain; its history stays unless the user asks).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planAccountRemoval } from '../../../../shared/account-removal';
import { resolveFolder } from '../../../../electron/core/usage/claude-folders';
import { AlertStore } from '../../../../electron/core/alerts/alerts';
import { startAppService, type AppService } from '../../../../electron/core/app/app-service';
import { HistoryService } from '../../../../electron/core/history/history-service';
import type { NotificationText } from '../../../../electron/core/alerts/notification-text';
import { SecretStore } from '../../../../electron/core/platform/secret-store';
import type { Plan, SourceSnapshot } from '../../../../shared/domain';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { FakeCore } from '../../shell/fake-core';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const WORK = 'account:0f0e0d0c-0b0a-4909-8807-060504030201';
const HOME = 'account:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const quiet = { log() {}, info() {}, warn() {}, error() {} };
const RESET = T0 + 2 * HOUR;

function planSnap(accountId: string, folder: string, session: number, weekly: number, plan: Plan): SourceSnapshot {
  return {
    ...snap(
      [win('five_hour', 'session', session, RESET), win('seven_day', 'weekly', weekly, T0 + 50 * HOUR)],
      'ok',
      'claude-oauth',
      T0,
      accountId,
    ),
    key: `claude-oauth@${folder}`,
    folder,
    plan,
  };
}

const work = (session: number, weekly = 20) =>
  planSnap(WORK, '/home/ada/.claude-work', session, weekly, { name: 'Max 20x', email: 'ada@work.example' });
const personal = (session: number, weekly = 10) =>
  planSnap(HOME, '/home/ada/.claude', session, weekly, { name: 'Pro', email: 'ada@home.example' });

describe('several accounts in the service', () => {
  let dir: string;
  let core: FakeCore;
  let service: AppService | null;
  let notified: NotificationText[];
  let keychain: SecretStore;
  let keychainService: string;
  let history: HistoryService;

  async function start(): Promise<AppService> {
    core = new FakeCore(dir);
    core.folders = [
      { dir: '/home/ada/.claude', origin: 'default' },
      { dir: '/home/ada/.claude-work', origin: 'statusline' },
      { dir: '/home/ada/.claude-extra', origin: 'settings' },
    ];
    await core.start();
    const alerts = new AlertStore(dir);
    await alerts.load();
    // Each service its own list: a service from an earlier test must not report into this one.
    const mine: NotificationText[] = [];
    notified = mine;
    history = new HistoryService(dir, { now: () => T0, maintenance: false, desktopHistoryFile: null });
    service = await startAppService({
      core,
      secrets: keychain,
      alerts,
      history,
      notify: (t) => mine.push(t),
      logger: quiet,
      systemLocales: ['en-GB'],
      timeZone: 'UTC',
      platform: 'linux',
      appVersion: '9.9.9',
      now: () => T0,
      setInterval: () => null,
      clearInterval: () => undefined,
      home: '/home/ada',
    });
    return service;
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-accounts-'));
    // The OS keychain when one answers (gnome-keyring in CI), under a service name of this run's own.
    keychainService = `Brimline-test-${randomBytes(4).toString('hex')}`;
    keychain = new SecretStore({ service: keychainService, timeoutMs: 10_000 });
    await keychain.init();
    service = null;
  });
  afterEach(async () => {
    await service?.settled();
    service?.dispose();
    await keychain.remove('claudeSessionKey').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the tray shows the account closest to a limit, or the one chosen, and lists every account', async () => {
    const s = await start();
    core.push([personal(42), work(81)]);
    let tray = s.trayModel();
    expect(tray.title).toBe('81%');
    expect(tray.selected?.window.accountId).toBe(WORK);
    // The tray's account comes first in the tooltip, each account's windows under its name.
    expect(tray.tooltip.split('\n').slice(0, 3)).toEqual([
      'ada@work.example',
      expect.stringMatching(/^Session.*81%/),
      expect.stringMatching(/^Weekly.*20%/),
    ]);
    expect(tray.tooltip).toContain('ada@home.example');

    await core.settings.update({ tray: { account: HOME }, accounts: { labels: { [HOME]: 'Personal' } } });
    tray = s.trayModel();
    expect(tray.title).toBe('42%');
    expect(tray.tooltip.split('\n')[0]).toBe('Personal');
    // The menu keeps the user's order (none set: as found), names included.
    const labels = tray.menu.flatMap((e) => (e.type === 'label' ? [e.label] : []));
    expect(labels.filter((l) => l === 'Personal' || l === 'ada@work.example')).toEqual(['Personal', 'ada@work.example']);

    // A chosen account that has gone quiet falls back to all of them.
    core.push([work(81)]);
    expect(s.trayModel().title).toBe('81%');
  });

  it('alerts each account’s crossing once, naming the account', async () => {
    await start();
    core.push([personal(10), work(10)]);
    core.push([personal(55), work(10)]);
    await service!.settled();
    expect(notified.map((n) => n.title)).toEqual(['ada@home.example: Claude Session (5 h) at 55%']);
    core.push([personal(56), work(52)]);
    await service!.settled();
    expect(notified.map((n) => n.title)).toEqual([
      'ada@home.example: Claude Session (5 h) at 55%',
      'ada@work.example: Claude Session (5 h) at 52%',
    ]);
  });

  it('a single account’s notification has no name in it', async () => {
    await start();
    core.push([personal(10)]);
    core.push([personal(55)]);
    await service!.settled();
    expect(notified.map((n) => n.title)).toEqual(['Claude Session (5 h) at 55%']);
  });

  it('removing an account deletes its key from the keychain and stops reading its folders; its history stays unless asked', async () => {
    const s = await start();
    // In CI the key really goes through gnome-keyring; elsewhere without one, through the store's memory fallback.
    if (process.env.CI)
      expect((await keychain.status()).backend, 'CI must provide a Secret Service (gnome-keyring under dbus-run-session)').toBe('keychain');
    await s.saveSecret('claudeSessionKey', 'loopback-test-session-value');
    await core.settings.update({
      sources: { 'claude-web': { enabled: true } },
      claudeWebOrganization: 'c0ffee00-0000-4000-8000-000000000001',
      accounts: { folders: ['~/.claude-extra'], labels: { [WORK]: 'Work' }, order: [WORK, HOME], collapsed: [WORK] },
      tray: { account: WORK },
    });
    const web: SourceSnapshot = { ...snap([win('five_hour', 'session', 30, RESET)], 'ok', 'claude-web', T0, WORK) };
    const extra: SourceSnapshot = {
      ...snap([], 'ok', 'claude-oauth', T0, WORK),
      key: 'claude-oauth@/home/ada/.claude-extra',
      folder: '/home/ada/.claude-extra',
      sameLoginAs: '/home/ada/.claude-work',
    };
    core.push([personal(20), work(30), web, extra]);
    await s.settled();
    expect((await history.store.read({ sinceMs: 0, accountId: WORK })).length).toBeGreaterThan(0);

    const settings = await s.removeAccount({ accountId: WORK, deleteHistory: false });
    expect(await keychain.get('claudeSessionKey')).toBeNull();
    // A fresh store (the next start) finds nothing either.
    expect(await new SecretStore({ service: keychainService, timeoutMs: 10_000 }).get('claudeSessionKey')).toBeNull();
    expect(s.appState().secrets.saved.claudeSessionKey).toBe(false);
    expect(settings.accounts).toEqual({
      // The folder the user added leaves the list; the one found by the status line is remembered as removed.
      folders: [],
      ignoredFolders: ['/home/ada/.claude-work'],
      labels: {},
      order: [HOME],
      collapsed: [],
      keys: [],
    });
    expect(settings.tray.account).toBe('auto');
    expect(settings.sources['claude-web'].enabled).toBe(false);
    expect(settings.claudeWebOrganization).toBeNull();
    expect((await history.store.read({ sinceMs: 0, accountId: WORK })).length).toBeGreaterThan(0);

    await s.removeAccount({ accountId: WORK, deleteHistory: true });
    expect(await history.store.read({ sinceMs: 0, accountId: WORK })).toEqual([]);
    expect((await history.store.read({ sinceMs: 0, accountId: HOME })).length).toBeGreaterThan(0);
  });
});

describe('planAccountRemoval', () => {
  it('leaves other accounts, their folders and keys alone', () => {
    const plan = planAccountRemoval(
      HOME,
      { ...DEFAULT_SETTINGS, accounts: { ...DEFAULT_SETTINGS.accounts, folders: ['/home/ada/.claude-work'] } },
      [personal(1), work(1), { ...snap([], 'ok', 'admin-api', T0, 'org:abc') }],
      [
        { dir: '/home/ada/.claude', origin: 'default' },
        { dir: '/home/ada/.claude-work', origin: 'settings' },
      ],
      [],
      (f) => resolveFolder(f, '/home/ada'),
    );
    expect(plan.secrets).toEqual([]);
    expect(plan.folders).toEqual(['/home/ada/.claude']);
    expect(plan.patch.accounts?.folders).toEqual(['/home/ada/.claude-work']);
    expect(plan.patch.accounts?.ignoredFolders).toEqual(['/home/ada/.claude']);
    expect(plan.patch.sources).toBeUndefined();
  });

  it('takes folders linked to the account even when their source is off now', () => {
    const plan = planAccountRemoval(
      WORK,
      DEFAULT_SETTINGS,
      [],
      [{ dir: '/home/ada/.claude-work', origin: 'env' }],
      ['/home/ada/.claude-work'],
      (f) => resolveFolder(f, '/home/ada'),
    );
    expect(plan.patch.accounts?.ignoredFolders).toEqual(['/home/ada/.claude-work']);
  });
});
