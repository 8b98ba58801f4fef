import { writeSettingsWithSources } from '../../../support/settings-file';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { MINUTE } from '../../../../electron/core/usage/scheduler';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { ManualClock } from '../../../support/manual-clock';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import { folderKey } from '../../../../electron/core/sources/source';

let server: FakeAnthropic;
let cc: string;
let dataDir: string;
let core: Core | null = null;

const writeCreds = (expiresAt: number) =>
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt, scopes: ['user:profile'] } }),
  );

beforeEach(async () => {
  server = await startFakeAnthropic();
  cc = mkdtempSync(path.join(os.tmpdir(), 'hr-cc-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  writeSettingsWithSources(dataDir, ['claude-oauth']);
});
afterEach(async () => {
  await core?.stop();
  core = null;
  await server.close();
});

function makeCore(clock: ManualClock): Core {
  const c = createBrimlineCore({
    env: { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url },
    dataDir,
    clock,
    random: () => 0.5,
  });
  clock.settle = () => c.idle();
  return c;
}

describe('app core', () => {
  it('picks up a fresh Claude Code login when the credentials file changes, without refreshing anything itself', async () => {
    const clock = new ManualClock(Date.now());
    writeCreds(clock.now() - 1000);
    core = makeCore(clock);
    await core.start();
    await clock.advance(0);
    expect(core.usage.snapshots()[0]).toMatchObject({ state: 'error', error: { code: 'login_expired' } });
    expect(server.requests).toHaveLength(0);

    // Claude Code renews its login and rewrites the file.
    writeCreds(clock.now() + 8 * 3600_000);
    await new Promise((r) => setTimeout(r, 1500)); // the watcher's debounce runs on real time
    await clock.advance(MINUTE); // the one-minute floor still applies
    expect(core.usage.snapshots()[0]).toMatchObject({ state: 'ok' });
    // Well before the regular 5-minute interval.
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
    expect(server.requests.every((r) => r.path.startsWith('/api/oauth/'))).toBe(true);
  });

  it('starts with the saved data after a restart, shown as stale until the next poll', async () => {
    const clock = new ManualClock(Date.now());
    writeCreds(clock.now() + 8 * 3600_000);
    core = makeCore(clock);
    await core.start();
    await clock.advance(0);
    expect(core.usage.snapshots()[0]!.state).toBe('ok');
    await core.stop();

    server.route('/api/oauth/usage', { kind: 'json', status: 503, body: {} });
    clock.jump(10 * MINUTE);
    core = makeCore(clock);
    const seen: string[] = [];
    core.usage.subscribe((_view, s) => seen.push(s[0]!.state));
    await core.start();
    expect(seen[0]).toBe('stale');
    expect(core.usage.snapshots()[0]!.windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day', 'weekly_model:fable']);
    await clock.advance(0);
    expect(core.usage.snapshots()[0]).toMatchObject({ state: 'stale', error: { code: 'unavailable' } });
    expect(core.usage.snapshots()[0]!.windows).toHaveLength(3);
  });

  it('switching a source off in the settings removes it and switching it on polls it', async () => {
    const clock = new ManualClock(Date.now());
    writeCreds(clock.now() + 8 * 3600_000);
    core = makeCore(clock);
    await core.start();
    await clock.advance(0);
    await core.settings.update({ sources: { 'claude-oauth': { enabled: false } } });
    expect(core.usage.snapshots()).toEqual([]);
    await core.settings.update({ sources: { 'claude-oauth': { enabled: true } } });
    await clock.advance(0);
    // Re-enabling at once keeps the one-minute floor: no second request yet.
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
    await clock.advance(MINUTE);
    expect(core.usage.snapshots()[0]!.state).toBe('ok');
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(2);
  });
});

describe('start-up problems', () => {
  it('list a refused prices.json, and drop it once the file is fixed', () => {
    core = makeCore(new ManualClock(Date.now()));
    expect(core.startupProblems().join('\n')).not.toContain('prices.json');
    writeFileSync(path.join(dataDir, 'prices.json'), '{"models": [{"id": "claude-x", "input": "1", "output": 2}]}');
    expect(core.startupProblems().join('\n')).toMatch(/prices\.json was not used: line 1, entry 1 \(claude-x\): "input"/);
    writeFileSync(path.join(dataDir, 'prices.json'), '{"models": [{"id": "claude-x", "input": 1, "output": 2}]}');
    expect(core.startupProblems().join('\n')).not.toContain('prices.json');
  });
});

describe('the plan poll while the status line is live', () => {
  it('backs off to once every 30 minutes while Claude Code reports, and stays within 2 requests an hour', async () => {
    const clock = new ManualClock(Date.parse('2026-07-03T09:00:00Z'));
    writeCreds(clock.now() + 24 * 3600_000);
    writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline'], { pollIntervalMinutes: 5 });
    core = makeCore(clock);
    clock.settle = () => core!.idle();
    const observe = async (used: number): Promise<void> => {
      await recordObservation(dataDir, {
        version: 1,
        observedAt: new Date(clock.now()).toISOString(),
        fiveHour: { usedPercent: used, resetsAt: '2026-07-03T12:00:00.000Z' },
        sevenDay: { usedPercent: 20, resetsAt: '2026-07-08T09:00:00.000Z' },
        claudeCodeVersion: '2.1.80',
        sessionId: 's1',
        configDir: cc,
        apiKeyBilling: false,
      });
      // What the app's file watch does when Claude Code renders.
      core!.scheduler.poke(folderKey('statusline', cc));
    };
    await observe(10);
    await core.start();
    await clock.advance(0);
    const usageCalls = () => server.requests.filter((r) => r.path === '/api/oauth/usage').length;
    expect(usageCalls()).toBe(1);

    // Three hours of Claude Code in use: a response every 3 minutes.
    for (let i = 1; i <= 60; i++) {
      await clock.advance(3 * MINUTE);
      await observe(10 + i / 2);
    }
    await clock.advance(MINUTE);
    const perHour = (usageCalls() - 1) / 3;
    expect(perHour).toBeLessThanOrEqual(2);
    // The live numbers win the merge, and the poll still brings what the status line lacks.
    const view = core.usage.view();
    expect(view.windows.find((w) => w.id === 'session')).toMatchObject({ sourceId: 'statusline', usedPercent: 40 });
    expect(view.windows.find((w) => w.id === 'weekly_model:fable')).toMatchObject({ sourceId: 'claude-oauth' });
    // One account: the status line's folder is linked to the login's account.
    expect(new Set(view.windows.map((w) => w.accountId)).size).toBe(1);

    // Claude Code goes quiet: within the relaxed interval the plan poll is back to every 5 minutes.
    const before = usageCalls();
    await clock.advance(90 * MINUTE);
    expect(usageCalls() - before).toBeGreaterThanOrEqual(90 / 5 - 6);
  });

  it('a feed without numbers (a session start, an API-key session) never relaxes the plan poll', async () => {
    const clock = new ManualClock(Date.parse('2026-07-03T09:00:00Z'));
    writeCreds(clock.now() + 24 * 3600_000);
    writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline'], { pollIntervalMinutes: 5 });
    core = makeCore(clock);
    clock.settle = () => core!.idle();
    const observe = async (): Promise<void> => {
      await recordObservation(dataDir, {
        version: 1,
        observedAt: new Date(clock.now()).toISOString(),
        claudeCodeVersion: '2.1.328',
        sessionId: 's1',
        configDir: cc,
        apiKeyBilling: false,
      });
      core!.scheduler.poke(folderKey('statusline', cc));
    };
    await observe();
    await core.start();
    await clock.advance(0);
    const usageCalls = () => server.requests.filter((r) => r.path === '/api/oauth/usage').length;
    for (let i = 1; i <= 20; i++) {
      await clock.advance(3 * MINUTE);
      await observe();
    }
    // 60 minutes at the user's 5-minute interval: about 12 polls, not the 2 of a relaxed poll.
    expect(usageCalls()).toBeGreaterThanOrEqual(11);
  });
});
