/**
 * The built `brimline` bin with several accounts, the way a user runs it: two Claude Code folders
 * with different logins, the same login in two folders, and a status line from one folder, all
 * against the loopback fake API with only the environment given here.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, fixtureText, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { writeSettingsWithSources } from '../../../support/settings-file';
import { buildCli, fixtureAt, runBin } from '../statusline/helpers';

const WORK_TOKEN = 'loopback-test-token-work-account';
const PERSONAL = 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7';
const WORK = 'account:7c1e9a52-3b4d-4e6f-8a9b-0c1d2e3f4a5b';

interface StatusJson {
  accounts: { id: string; label: string; email: string | null; plan: string | null }[];
  windows: { id: string; accountId: string; usedPercent: number; sourceId: string }[];
  sources: { sourceId: string; folder?: string; sameLoginAs?: string; accountId: string; state: string }[];
}

let bin: string;
let server: FakeAnthropic;
let home: string;
let dataDir: string;

function writeLogin(dir: string, token: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: token, expiresAt: Date.now() + 24 * 3600_000, scopes: ['user:profile'] } }),
  );
}

/**
 * The captured usage answer with its session at `session` % and its resets moved into the future:
 * the bin reads the real clock, and a window past its reset shows "–".
 */
function usageBody(session: number): unknown {
  const usage = JSON.parse(
    fixtureText('oauth-usage/usage.200.limits-array-2026-07.json').replace(/"resets_at": "[^"]+"/g, () => {
      return `"resets_at": "${new Date(Date.now() + 3 * 3600_000).toISOString()}"`;
    }),
  ) as { five_hour: { utilization: number }; limits: { kind: string; percent: number }[] };
  usage.five_hour.utilization = session;
  for (const l of usage.limits) if (l.kind === 'session') l.percent = session;
  return usage;
}

function serveWorkAccount(): void {
  const profile = JSON.parse(fixtureText('oauth-usage/profile.200.json')) as { account: { uuid: string; email: string } };
  profile.account.uuid = WORK.slice('account:'.length);
  profile.account.email = 'ada@work.example';
  server.routeForToken(WORK_TOKEN, '/api/oauth/profile', { kind: 'json', body: profile });
  server.routeForToken(WORK_TOKEN, '/api/oauth/usage', { kind: 'json', body: usageBody(64) });
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: home, BRIMLINE_DATA_DIR: dataDir, BRIMLINE_ANTHROPIC_API_URL: server.url, LANG: 'en_US.UTF-8', TZ: 'UTC', ...extra };
}

async function status(args: string[], extra: Record<string, string> = {}) {
  return runBin(bin, ['status', ...args], { env: env(extra), timeoutMs: 30_000 });
}

beforeAll(() => {
  bin = buildCli();
}, 120_000);
beforeEach(async () => {
  server = await startFakeAnthropic();
  server.route('/api/oauth/usage', { kind: 'json', body: usageBody(11) });
  home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline']);
});
afterEach(async () => {
  await server.close();
});

describe('brimline status with several accounts (the built bin)', () => {
  it('two config folders with different logins: two accounts, --account picks one, the text groups by account', async () => {
    const personal = path.join(home, '.claude');
    const work = path.join(home, '.claude-work');
    writeLogin(personal, DEFAULT_TOKEN);
    writeLogin(work, WORK_TOKEN);
    serveWorkAccount();
    const folders = { CLAUDE_CONFIG_DIR: `${personal},${work}` };

    const json = await status(['--json'], folders);

    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout) as StatusJson;
    expect(out.accounts.map((a) => [a.id, a.email, a.plan]).sort()).toEqual(
      [
        [PERSONAL, 'user@example.com', 'Max 20x'],
        [WORK, 'ada@work.example', 'Max 20x'],
      ].sort(),
    );
    const session = (id: string) => out.windows.find((w) => w.accountId === id && w.id === 'session')?.usedPercent;
    expect([session(PERSONAL), session(WORK)]).toEqual([11, 64]);
    expect(json.stdout).not.toContain(WORK_TOKEN);

    const one = await status(['--json', '--account', 'ada@work.example'], folders);
    const only = JSON.parse(one.stdout) as StatusJson;
    expect(only.accounts.map((a) => a.id)).toEqual([WORK]);
    expect(new Set(only.windows.map((w) => w.accountId))).toEqual(new Set([WORK]));
    expect(only.sources.every((s) => s.accountId === WORK)).toBe(true);

    const text = await status([], folders);
    const lines = text.stdout.split('\n');
    const personalAt = lines.findIndex((l) => l.startsWith('user@example.com'));
    const workAt = lines.findIndex((l) => l.startsWith('ada@work.example'));
    expect(personalAt).toBeGreaterThanOrEqual(0);
    expect(workAt).toBeGreaterThan(personalAt);
    // Each account's session row sits under its own name, and each plan source names its folder.
    expect(lines.slice(personalAt, workAt).join('\n')).toMatch(/Session \(5 h\)\s+11%/);
    expect(lines.slice(workAt).join('\n')).toMatch(/Session \(5 h\)\s+64%/);
    expect(text.stdout).toContain('Claude plan (~/.claude-work): ok');

    const unknown = await status(['--account', 'nobody'], folders);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no single account is called "nobody"');
    expect(unknown.stderr).toContain(WORK);
  });

  it('the same login in two folders: one account, one request', async () => {
    const a = path.join(home, '.claude');
    const b = path.join(home, '.claude-copy');
    writeLogin(a, DEFAULT_TOKEN);
    writeLogin(b, DEFAULT_TOKEN);
    const res = await status(['--json'], { CLAUDE_CONFIG_DIR: `${a},${b}` });
    const out = JSON.parse(res.stdout) as StatusJson;
    expect(out.accounts.map((x) => x.id)).toEqual([PERSONAL]);
    expect(out.windows.filter((w) => w.id === 'session')).toHaveLength(1);
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
    expect(out.sources.find((s) => s.folder === b)).toMatchObject({ sameLoginAs: a, accountId: PERSONAL });
  });

  it('a status line from one folder lands on that folder’s account, found without CLAUDE_CONFIG_DIR', async () => {
    const personal = path.join(home, '.claude');
    const work = path.join(home, '.claude-work');
    writeLogin(personal, DEFAULT_TOKEN);
    writeLogin(work, WORK_TOKEN);
    serveWorkAccount();
    // Claude Code, started as `CLAUDE_CONFIG_DIR=~/.claude-work claude`, runs the status line.
    const line = await runBin(bin, ['statusline'], {
      env: env({ CLAUDE_CONFIG_DIR: work }),
      input: JSON.stringify(fixtureAt(Date.now())),
    });
    expect(line.code).toBe(0);

    // The app (or the CLI) knows only ~/.claude: the work folder comes from its status line.
    const res = await status(['--json']);
    const out = JSON.parse(res.stdout) as StatusJson;
    expect(out.accounts.map((a) => a.id).sort()).toEqual([PERSONAL, WORK].sort());
    // The work folder's status line is on the work account; the personal folder has none.
    const lines = out.sources.filter((x) => x.sourceId === 'statusline');
    expect(lines.map((x) => [x.folder, x.accountId, x.state])).toEqual([
      [personal, 'local', 'unconfigured'],
      [work, WORK, 'ok'],
    ]);
    expect(out.windows.find((w) => w.accountId === PERSONAL && w.id === 'session')).toMatchObject({
      sourceId: 'claude-oauth',
      usedPercent: 11,
    });
  });
});
