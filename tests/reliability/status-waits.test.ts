/**
 * `brimline status --json` in a fresh data folder prints only once every configured source has
 * answered. It used to print before some polls had run, about once in 36 runs under Node 26: the
 * manual refresh read the wall clock once, then refused each source whose "allowed from" reading
 * came a millisecond later. The real CLI, run many times, each time in fresh folders, against the
 * loopback fake of the usage API.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic';
import { buildCli, runBin } from '../unit/core/statusline/helpers';

const RUNS = 40;
let bin: string;
let server: FakeAnthropic;

beforeAll(async () => {
  bin = buildCli();
  server = await startFakeAnthropic();
});
afterAll(async () => {
  await server.close();
});

/** A home with Claude Code's login, one transcript and a cached usage; a data folder that does not exist yet. */
function freshHome(): Record<string, string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'hr-status-waits-'));
  const cc = path.join(home, '.claude');
  mkdirSync(path.join(cc, 'projects', '-home-someone-app'), { recursive: true });
  const now = Date.now();
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt: now + 3600_000, scopes: ['user:profile'] } }),
  );
  writeFileSync(
    path.join(cc, 'projects', '-home-someone-app', 's1.jsonl'),
    JSON.stringify({
      type: 'assistant',
      timestamp: new Date(now - 60_000).toISOString(),
      requestId: 'req_1',
      message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage: { input_tokens: 10, output_tokens: 20 } },
    }) + '\n',
  );
  writeFileSync(
    path.join(cc, '.claude.json'),
    JSON.stringify({
      cachedUsageUtilization: {
        fetchedAtMs: now - 5_000,
        utilization: { five_hour: { utilization: 12, resets_at: new Date(now + 3600_000).toISOString() } },
      },
    }),
  );
  return { HOME: home, CLAUDE_CONFIG_DIR: cc, BRIMLINE_DATA_DIR: path.join(home, 'data'), BRIMLINE_ANTHROPIC_API_URL: server.url };
}

interface StatusJson {
  windows: Array<{ id: string; sourceId: string }>;
  sources: Array<{ sourceId: string; state: string; attemptedAt: string | null }>;
}

describe('brimline status waits for every source', () => {
  it(`in ${RUNS} fresh data folders, every configured source has answered before it prints`, async () => {
    const failures: string[] = [];
    // Two at a time: the machine's cores, and more chances for the clock to move mid-refresh.
    for (let i = 0; i < RUNS; i += 2) {
      const runs = await Promise.all([0, 1].map(() => runBin(bin, ['status', '--json'], { env: freshHome(), timeoutMs: 60_000 })));
      for (const r of runs) {
        const out = JSON.parse(r.stdout) as StatusJson;
        const summary = out.sources.map((s) => `${s.sourceId}:${s.state}:${s.attemptedAt === null ? 'never' : 'asked'}`).join(' ');
        const unanswered = out.sources.filter((s) => s.state !== 'unconfigured' && (s.attemptedAt === null || s.state !== 'ok'));
        const planWindows = out.windows.filter((w) => w.sourceId === 'claude-oauth' || w.sourceId === 'claude-cache');
        if (unanswered.length > 0 || r.code !== 0 || planWindows.length === 0) failures.push(`exit ${r.code}: ${summary}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
