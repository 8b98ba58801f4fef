/**
 * Several Claude accounts at once, through the real core: Claude Code config folders with their
 * own logins against the loopback fake API, the status line of each folder, folders added and
 * removed in Settings, and folders only a status line has named.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { MINUTE } from '../../../../electron/core/usage/scheduler';
import { folderKey } from '../../../../electron/core/sources/source';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import { DEFAULT_TOKEN, fixtureText, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { ManualClock } from '../../../support/manual-clock';
import { writeSettingsWithSources } from '../../../support/settings-file';

const WORK_TOKEN = 'loopback-test-token-work-account';
const PERSONAL_UUID = '1ad79a19-41d0-4191-a2c7-6f55cb2456e7';
const WORK_UUID = '7c1e9a52-3b4d-4e6f-8a9b-0c1d2e3f4a5b';
const PERSONAL = `account:${PERSONAL_UUID}`;
const WORK = `account:${WORK_UUID}`;

let server: FakeAnthropic;
let home: string;
let personal: string;
let work: string;
let dataDir: string;
let core: Core | null = null;

function writeLogin(dir: string, token: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: token, expiresAt: Date.now() + 24 * 3600_000, scopes: ['user:profile'] } }),
  );
}

/** The work account: its own profile, and a session window at 64 %. */
function serveWorkAccount(): void {
  const profile = JSON.parse(fixtureText('oauth-usage/profile.200.json')) as {
    account: { uuid: string; email: string };
    organization: { uuid: string; name: string };
  };
  profile.account.uuid = WORK_UUID;
  profile.account.email = 'ada@work.example';
  profile.organization.uuid = '0b6c4f3e-2a1d-4c5b-9e8f-7a6b5c4d3e2f';
  server.routeForToken(WORK_TOKEN, '/api/oauth/profile', { kind: 'json', body: profile });
  const usage = JSON.parse(fixtureText('oauth-usage/usage.200.limits-array-2026-07.json')) as {
    five_hour: { utilization: number };
    limits: { kind: string; percent: number }[];
  };
  usage.five_hour.utilization = 64;
  for (const l of usage.limits) if (l.kind === 'session') l.percent = 64;
  server.routeForToken(WORK_TOKEN, '/api/oauth/usage', { kind: 'json', body: usage });
}

function usageRequests(token: string): number {
  return server.requests.filter((r) => r.path === '/api/oauth/usage' && r.headers.authorization === `Bearer ${token}`).length;
}

function makeCore(clock: ManualClock, env: Record<string, string> = { CLAUDE_CONFIG_DIR: `${personal},${work}` }): Core {
  const c = createBrimlineCore({
    env: { ...env, BRIMLINE_ANTHROPIC_API_URL: server.url },
    dataDir,
    clock,
    home,
    random: () => 0.5,
    watchFiles: false,
  });
  clock.settle = () => c.idle();
  return c;
}

/** The personal and the work login in their folders, the work account served, the core started and its first polls done. */
async function startWithTwoLogins(env?: Record<string, string>): Promise<{ clock: ManualClock; c: Core }> {
  writeLogin(personal, DEFAULT_TOKEN);
  writeLogin(work, WORK_TOKEN);
  serveWorkAccount();
  const clock = new ManualClock(Date.parse('2026-07-02T22:00:00Z'));
  const c = makeCore(clock, env);
  core = c;
  await c.start();
  await clock.advance(0);
  return { clock, c };
}

function sessionOf(c: Core, accountId: string) {
  return c.usage.view().windows.find((w) => w.accountId === accountId && w.id === 'session');
}

beforeEach(async () => {
  server = await startFakeAnthropic();
  home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
  personal = path.join(home, '.claude');
  work = path.join(home, '.claude-work');
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline'], { pollIntervalMinutes: 5 });
});
afterEach(async () => {
  await core?.stop();
  core = null;
  await server.close();
});

describe('two Claude Code folders with different logins', () => {
  it('are two accounts, each with its own windows, plan and email', async () => {
    const { c } = await startWithTwoLogins();

    expect(server.headerProblems).toEqual([]);
    const view = c.usage.view();
    expect(view.accounts.map((a) => [a.id, a.email]).sort()).toEqual(
      [
        [PERSONAL, 'user@example.com'],
        [WORK, 'ada@work.example'],
      ].sort(),
    );
    expect(sessionOf(c, PERSONAL)?.usedPercent).toBe(11);
    expect(sessionOf(c, WORK)?.usedPercent).toBe(64);
    // One plan-source instance per folder, each naming its folder.
    const plans = c.usage.snapshots().filter((s) => s.sourceId === 'claude-oauth');
    expect(plans.map((s) => [s.folder, s.accountId])).toEqual([
      [personal, PERSONAL],
      [work, WORK],
    ]);
    expect(c.claudeFolders().map((f) => f.dir)).toEqual([personal, work]);
  });

  it('a 429 on one login gates that login only: the other keeps its schedule', async () => {
    const { clock, c } = await startWithTwoLogins();
    expect([usageRequests(DEFAULT_TOKEN), usageRequests(WORK_TOKEN)]).toEqual([1, 1]);

    server.routeForToken(WORK_TOKEN, '/api/oauth/usage', { kind: 'json', status: 429, body: {}, headers: { 'retry-after': '1800' } });
    await clock.advance(5 * MINUTE);
    expect([usageRequests(DEFAULT_TOKEN), usageRequests(WORK_TOKEN)]).toEqual([2, 2]);
    const workPlan = c.usage.snapshots().find((s) => s.key === folderKey('claude-oauth', work));
    expect(workPlan).toMatchObject({ state: 'stale', error: { code: 'rate_limited' }, accountId: WORK });
    expect(c.usage.snapshots().find((s) => s.key === folderKey('claude-oauth', personal))).toMatchObject({ state: 'ok' });

    // 25 more minutes: the personal login is polled five more times, the work login not once.
    for (let i = 0; i < 5; i++) await clock.advance(5 * MINUTE);
    expect([usageRequests(DEFAULT_TOKEN), usageRequests(WORK_TOKEN)]).toEqual([7, 2]);
    // Its last data is kept, on its own account.
    expect(sessionOf(c, WORK)).toMatchObject({ usedPercent: 64, stale: true });
    expect(sessionOf(c, PERSONAL)).toMatchObject({ usedPercent: 11, stale: false });

    // The gate survives a restart, per login.
    await c.stop();
    const again = makeCore(clock);
    core = again;
    await again.start();
    again.refreshNow();
    await clock.advance(0);
    expect(usageRequests(WORK_TOKEN)).toBe(2);
  });

  it('the status line of one folder updates that folder’s account and never the other', async () => {
    const { clock, c } = await startWithTwoLogins();

    await clock.advance(MINUTE);
    await recordObservation(dataDir, {
      version: 1,
      observedAt: new Date(clock.now()).toISOString(),
      fiveHour: { usedPercent: 71, resetsAt: '2026-07-03T00:30:00.000Z' },
      sevenDay: { usedPercent: 30, resetsAt: '2026-07-08T09:00:00.000Z' },
      claudeCodeVersion: '2.1.80',
      sessionId: 'work-session',
      configDir: work,
      apiKeyBilling: false,
    });
    c.scheduler.poke(folderKey('statusline', work));
    await clock.advance(1000);

    expect(sessionOf(c, WORK)).toMatchObject({ usedPercent: 71, sourceId: 'statusline' });
    expect(sessionOf(c, PERSONAL)).toMatchObject({ usedPercent: 11, sourceId: 'claude-oauth' });
    expect(c.usage.snapshots().find((s) => s.key === folderKey('statusline', personal))).toMatchObject({ state: 'unconfigured' });
  });
});

describe('the same login in two folders', () => {
  it('is one account, polled once, the second folder saying whose login it shares', async () => {
    writeLogin(personal, DEFAULT_TOKEN);
    writeLogin(work, DEFAULT_TOKEN);
    const clock = new ManualClock(Date.parse('2026-07-02T22:00:00Z'));
    core = makeCore(clock);
    await core.start();
    await clock.advance(0);
    await clock.advance(5 * MINUTE);
    await clock.advance(5 * MINUTE);

    const view = core.usage.view();
    expect(view.accounts.map((a) => a.id)).toEqual([PERSONAL]);
    expect(view.windows.filter((w) => w.id === 'session')).toHaveLength(1);
    // Three rounds, one request each: the shared login is never asked twice.
    expect(usageRequests(DEFAULT_TOKEN)).toBe(3);
    const second = core.usage.snapshots().find((s) => s.key === folderKey('claude-oauth', work));
    expect(second).toMatchObject({ state: 'ok', sameLoginAs: personal, accountId: PERSONAL, windows: [] });
  });
});

describe('folders from Settings and from the status line', () => {
  it('a folder added in Settings is read, and a folder removed is not, even one from CLAUDE_CONFIG_DIR', async () => {
    const { clock, c } = await startWithTwoLogins({});
    expect(c.usage.view().accounts.map((a) => a.id)).toEqual([PERSONAL]);

    await c.settings.update({ accounts: { folders: ['~/.claude-work'] } });
    await clock.advance(0);
    expect(c.claudeFolders()).toEqual([
      { dir: personal, origin: 'default' },
      { dir: work, origin: 'settings' },
    ]);
    expect(sessionOf(c, WORK)?.usedPercent).toBe(64);

    await c.settings.update({ accounts: { ignoredFolders: [personal] } });
    await clock.advance(5 * MINUTE);
    expect(c.claudeFolders().map((f) => f.dir)).toEqual([work]);
    expect(c.usage.snapshots().some((s) => s.folder === personal)).toBe(false);
    const before = usageRequests(DEFAULT_TOKEN);
    await clock.advance(10 * MINUTE);
    expect(usageRequests(DEFAULT_TOKEN)).toBe(before);
  });

  it('a folder only a status line has named (a shell’s own CLAUDE_CONFIG_DIR) becomes an account of its own', async () => {
    const { clock, c } = await startWithTwoLogins({});
    expect(c.claudeFolders().map((f) => f.dir)).toEqual([personal]);

    await recordObservation(dataDir, {
      version: 1,
      observedAt: new Date(clock.now()).toISOString(),
      fiveHour: { usedPercent: 65, resetsAt: '2026-07-03T00:30:00.000Z' },
      claudeCodeVersion: '2.1.80',
      sessionId: 'work-shell',
      configDir: work,
      apiKeyBilling: false,
    });
    await c.rediscoverFolders();
    await clock.advance(0);
    expect(c.claudeFolders()).toEqual([
      { dir: personal, origin: 'default' },
      { dir: work, origin: 'statusline' },
    ]);
    // Its login is read too, so its account is known by its profile, not only by its folder.
    expect(
      c.usage
        .view()
        .accounts.map((a) => a.id)
        .sort(),
    ).toEqual([PERSONAL, WORK].sort());
    expect(c.usage.snapshots().find((s) => s.key === folderKey('statusline', work))).toMatchObject({ accountId: WORK });
  });

  it('a folder without a login says how to log in to that folder, not to ~/.claude', async () => {
    writeLogin(personal, DEFAULT_TOKEN);
    const clock = new ManualClock(Date.parse('2026-07-02T22:00:00Z'));
    core = makeCore(clock, {});
    await core.start();
    await core.settings.update({ accounts: { folders: ['~/.claude-new'] } });
    await clock.advance(0);
    const fresh = core.usage.snapshots().find((s) => s.key === folderKey('claude-oauth', path.join(home, '.claude-new')));
    expect(fresh?.error?.action).toEqual({ kind: 'run_command', command: 'CLAUDE_CONFIG_DIR=~/.claude-new claude' });
    expect(fresh?.error?.message).toContain('run `CLAUDE_CONFIG_DIR=~/.claude-new claude` to log in');
    const plain = core.usage.snapshots().find((s) => s.key === folderKey('claude-oauth', personal));
    expect(plain?.state).toBe('ok');
  });
});
