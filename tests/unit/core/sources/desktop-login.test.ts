/**
 * Claude Code inside Claude Desktop: an expired credentials file in a folder whose status line or
 * cache is fresh is not "your login has expired". Real files in temporary folders; `brimline status`
 * runs the real registry against the loopback fake (which must see no request with the stale token).
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { SIBLING_FRESH_MS, folderConfigFiles, signedInElsewhere } from '../../../../electron/core/sources/claude-oauth/desktop-login';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { writeSettingsWithSources } from '../../../support/settings-file';

const MIN = 60_000;
let server: FakeAnthropic;
let home: string;
let folder: string;
let dataDir: string;

beforeEach(async () => {
  server = await startFakeAnthropic();
  home = mkdtempSync(path.join(os.tmpdir(), 'bl-home-'));
  folder = path.join(home, '.claude-desktop');
  mkdirSync(folder);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'bl-data-'));
});
afterEach(async () => {
  await server.close();
});

function writeCredentials(expiresAt: number): void {
  writeFileSync(
    path.join(folder, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt, scopes: ['user:profile'], subscriptionType: 'max' } }),
  );
}

const observe = (at: number) =>
  recordObservation(dataDir, {
    version: 1,
    observedAt: new Date(at).toISOString(),
    fiveHour: { usedPercent: 37, resetsAt: new Date(at + 3 * 60 * MIN).toISOString() },
    claudeCodeVersion: '2.1.328',
    sessionId: 'desktop-session',
    configDir: folder,
    apiKeyBilling: false,
  });

function writeCache(fetchedAtMs: number): void {
  const file = path.join(folder, '.claude.json');
  writeFileSync(file, JSON.stringify({ cachedUsageUtilization: { fetchedAtMs, utilization: { five_hour: { utilization: 10 } } } }));
}

describe('signedInElsewhere', () => {
  const probe = () => ({ dataDir, folder, home });
  const NOW = Date.parse('2026-12-04T12:00:00Z');
  const EXPIRED = NOW - 3 * 60 * MIN;

  it('is true when the folder’s status line saw data after the token expired, recently', async () => {
    await observe(NOW - 5 * MIN);
    expect(await signedInElsewhere(probe(), EXPIRED, NOW)).toBe(true);
  });

  it('is false with no other data, with data older than the expiry, or data past the freshness window', async () => {
    expect(await signedInElsewhere(probe(), EXPIRED, NOW)).toBe(false);
    await observe(EXPIRED - MIN);
    expect(await signedInElsewhere(probe(), EXPIRED, NOW)).toBe(false);
    await observe(NOW - SIBLING_FRESH_MS - MIN);
    expect(await signedInElsewhere(probe(), NOW - SIBLING_FRESH_MS - 2 * MIN, NOW)).toBe(false);
  });

  it('counts Claude Code’s own cache in the folder, and ignores another folder’s status line', async () => {
    await recordObservation(dataDir, {
      version: 1,
      observedAt: new Date(NOW - MIN).toISOString(),
      claudeCodeVersion: null,
      sessionId: null,
      configDir: path.join(home, '.claude'),
      apiKeyBilling: false,
    });
    expect(await signedInElsewhere(probe(), EXPIRED, NOW)).toBe(false);
    writeCache(NOW - 10 * MIN);
    utimesSync(path.join(folder, '.claude.json'), new Date(NOW - 10 * MIN), new Date(NOW - 10 * MIN));
    expect(await signedInElsewhere(probe(), EXPIRED, NOW)).toBe(true);
  });

  it('reads the home config for the default folder only', () => {
    expect(folderConfigFiles(path.join(home, '.claude'), home)).toContain(path.join(home, '.claude.json'));
    expect(folderConfigFiles(folder, home)).not.toContain(path.join(home, '.claude.json'));
  });
});

describe('brimline status with Claude Code signed in through Claude Desktop', () => {
  function io(): CliIo & { out: string; err: string } {
    const o = { out: '', err: '' };
    const env = { CLAUDE_CONFIG_DIR: folder, BRIMLINE_ANTHROPIC_API_URL: server.url, BRIMLINE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };
    return Object.assign(o, {
      stdout: (s: string) => void (o.out += s),
      stderr: (s: string) => void (o.err += s),
      env,
      now: () => Date.now(),
      isTTY: false,
    });
  }
  type Out = {
    sources: Array<{ sourceId: string; error: { code: string; message: string; action: unknown } | null }>;
    windows: Array<{ id: string; sourceId: string }>;
  };

  it('says Desktop signs Claude Code in, shows the status line’s numbers and sends no stale token', async () => {
    writeCredentials(Date.now() - 2 * 60 * MIN);
    await observe(Date.now() - 5 * MIN);
    writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline']);
    const t = io();
    await main(['status', '--json'], t);
    const out = JSON.parse(t.out) as Out;
    const plan = out.sources.find((s) => s.sourceId === 'claude-oauth')!;
    expect(plan.error).toEqual({
      code: 'desktop_login',
      message: 'Claude Code signs in through Claude Desktop here: Brimline uses its status line and cached usage.',
      action: null,
    });
    expect(out.windows).toEqual([expect.objectContaining({ id: 'session', sourceId: 'statusline' })]);
    expect(server.requests).toEqual([]);
    const text = io();
    await main(['status'], text);
    expect(text.out).toContain('Claude Code signs in through Claude Desktop here');
    expect(text.out).not.toMatch(/login has expired/i);
  });

  it('still says the login has expired when nothing from the folder is fresh', async () => {
    writeCredentials(Date.now() - 2 * 60 * MIN);
    writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline']);
    const t = io();
    await main(['status', '--json'], t);
    const plan = (JSON.parse(t.out) as Out).sources.find((s) => s.sourceId === 'claude-oauth')!;
    expect(plan.error?.code).toBe('login_expired');
  });
});
