import { writeSettingsWithSources } from '../../../support/settings-file';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');

let server: FakeAnthropic;
let env: Record<string, string>;
let dataDir: string;

function writeCredentials(dir: string, expiresAt = Date.now() + 3600_000): void {
  writeFileSync(
    path.join(dir, '.credentials.json'),
    JSON.stringify({
      claudeAiOauth: {
        accessToken: DEFAULT_TOKEN,
        refreshToken: 'sk-ant-ort01-REFRESH-unused',
        expiresAt,
        scopes: ['user:inference', 'user:profile'],
        subscriptionType: 'max',
      },
    }),
  );
}

beforeEach(async () => {
  server = await startFakeAnthropic();
  const cc = mkdtempSync(path.join(os.tmpdir(), 'hr-cc-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  writeCredentials(cc);
  env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url, BRIMLINE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };
  // The local-logs source would scan this empty dir; keep the test to the plan source.
  writeSettingsWithSources(dataDir, ['claude-oauth']);
});
afterEach(async () => {
  await server.close();
});

function io(): CliIo & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    env,
    now: () => Date.now(),
    isTTY: false,
  });
}

describe('brimline status', () => {
  it('prints the snapshots as JSON with the contract fields, and exits 0 when all are ok', async () => {
    const t = io();
    const code = await main(['status', '--json'], t);
    expect(t.err).toBe('');
    expect(code).toBe(0);
    const parsed = JSON.parse(t.out) as {
      sources: Array<{ sourceId: string; state: string; windows: Array<Record<string, unknown>>; plan: unknown }>;
    };
    expect(parsed.sources).toHaveLength(1);
    const s = parsed.sources[0]!;
    expect(s).toMatchObject({ sourceId: 'claude-oauth', state: 'ok', plan: { name: 'Max 20x', email: 'user@example.com' } });
    expect(s.windows).toEqual([
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 11, resetsAt: '2026-07-03T00:30:00.282Z' },
      { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: 9, resetsAt: '2026-07-08T09:00:00.282Z' },
      { id: 'weekly_model:fable', kind: 'weekly_model', label: 'Weekly Fable', usedPercent: 5, resetsAt: '2026-07-08T09:00:00.283Z' },
    ]);
    // The merged view, exactly what the tray shows: one entry per window, with its source and when it was seen.
    const view = JSON.parse(t.out) as { windows: Array<Record<string, unknown>>; accounts: unknown[]; warnings: unknown[] };
    expect(view.accounts).toEqual([
      { id: 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7', label: 'user@example.com', email: 'user@example.com', plan: 'Max 20x' },
    ]);
    expect(view.windows.map((w) => [w.id, w.kind, w.usedPercent, w.sourceId, w.accountId])).toEqual([
      ['session', 'session', 11, 'claude-oauth', 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7'],
      ['weekly', 'weekly', 9, 'claude-oauth', 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7'],
      ['weekly_model:fable', 'weekly_model', 5, 'claude-oauth', 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7'],
    ]);
    for (const w of view.windows) expect(Date.parse(String(w.observedAt))).toBeGreaterThan(Date.now() - 60_000);
    expect(view.warnings).toEqual([]);
    expect(t.out).not.toContain(DEFAULT_TOKEN);
  });

  it('prints a readable summary and exits 1 with the fix when the login expired', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', status: 401, file: 'oauth-usage/error.401.token-expired.json' });
    const t = io();
    const code = await main(['status'], t);
    expect(code).toBe(1);
    expect(t.out).toContain('Claude plan: error');
    // The login lives in CLAUDE_CONFIG_DIR's folder, so the fix logs in there.
    expect(t.out).toContain(`run \`CLAUDE_CONFIG_DIR=${env.CLAUDE_CONFIG_DIR} claude\` once`);
  });

  it('honours the one-minute floor across runs: a second run shows the saved data without a request', async () => {
    expect(await main(['status', '--json'], io())).toBe(0);
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
    const t = io();
    expect(await main(['status', '--json'], t)).toBe(0);
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
    expect(JSON.parse(t.out).sources[0].windows).toHaveLength(3);
  });

  it('never writes the token into its data directory', async () => {
    await main(['status', '--json'], io());
    // The history folder too: every file the command wrote, at any depth.
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.some((e) => e.parentPath.endsWith('history'))).toBe(true);
    for (const e of files) expect(readFileSync(path.join(e.parentPath, e.name), 'utf8')).not.toContain(DEFAULT_TOKEN);
  });

  it('exits 2 on bad usage and documents itself', async () => {
    const t = io();
    expect(await main(['--toggle'], t)).toBe(2);
    expect(t.err).toContain('--toggle opens or closes the desktop app');
    expect(await main(['status', '--bogus'], t)).toBe(2);
    expect(t.err).toContain("unknown option '--bogus'");
    const h = io();
    expect(await main(['status', '--help'], h)).toBe(0);
    expect(h.out).toContain('Usage: brimline status');
    expect(await main(['frobnicate'], io())).toBe(2);
  });

  it('runs as `npm run --silent brimline -- status --json` in a real process', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'brimline', '--', 'status', '--json'], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    expect(JSON.parse(stdout).sources[0].state).toBe('ok');
  }, 30_000);
});
