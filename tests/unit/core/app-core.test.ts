import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHeadroomCore, type Core } from '../../../electron/core/app-core';
import { MINUTE } from '../../../electron/core/scheduler';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../support/fake-anthropic';
import { ManualClock } from '../../support/manual-clock';

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
  writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      sources: {
        'claude-oauth': { enabled: true },
        statusline: { enabled: false },
        'claude-cache': { enabled: false },
        'local-logs': { enabled: false },
      },
    }),
  );
});
afterEach(async () => {
  await core?.stop();
  core = null;
  await server.close();
});

function makeCore(clock: ManualClock): Core {
  const c = createHeadroomCore({
    env: { CLAUDE_CONFIG_DIR: cc, HEADROOM_ANTHROPIC_API_URL: server.url },
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
