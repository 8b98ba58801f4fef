/**
 * `brimline status` reads local sources afresh every time: the status line Claude Code wrote a
 * second ago is shown, not the one of the previous call, while the plan poll keeps its floor.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import type { CliIo } from '../../../../electron/core/cli/io';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { writeSettingsWithSources } from '../../../support/settings-file';

let server: FakeAnthropic;
let env: Record<string, string>;
let cc: string;
let dataDir: string;

beforeEach(async () => {
  server = await startFakeAnthropic();
  cc = mkdtempSync(path.join(os.tmpdir(), 'hr-cc-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt: Date.now() + 3600_000, scopes: ['user:profile'] } }),
  );
  env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url, BRIMLINE_DATA_DIR: dataDir, HOME: cc, LANG: 'en_US.UTF-8' };
  writeSettingsWithSources(dataDir, ['claude-oauth', 'statusline']);
});
afterEach(async () => {
  await server.close();
});

async function statusJson(
  now: number,
): Promise<{ sources: Array<{ sourceId: string; state: string; windows: Array<{ usedPercent: number }> }> }> {
  let out = '';
  const io: CliIo = { stdout: (s) => void (out += s), stderr: () => undefined, env, now: () => now, isTTY: false };
  await main(['status', '--json'], io);
  return JSON.parse(out) as Awaited<ReturnType<typeof statusJson>>;
}

describe('brimline status and local sources', () => {
  it('shows the status line as Claude Code wrote it a moment ago, on every call', async () => {
    const t0 = Date.now();
    const observe = (used: number, at: number) =>
      recordObservation(dataDir, {
        version: 1,
        observedAt: new Date(at).toISOString(),
        fiveHour: { usedPercent: used, resetsAt: new Date(t0 + 3600_000).toISOString() },
        claudeCodeVersion: '2.1.328',
        sessionId: 's1',
        configDir: cc,
        apiKeyBilling: false,
      });
    await observe(41.2, t0);
    const first = await statusJson(t0 + 1000);
    expect(first.sources.find((s) => s.sourceId === 'statusline')?.windows[0]?.usedPercent).toBe(41.2);
    await observe(43.6, t0 + 5000);
    const second = await statusJson(t0 + 6000);
    const sl = second.sources.find((s) => s.sourceId === 'statusline')!;
    expect(sl.state).toBe('ok');
    expect(sl.windows[0]!.usedPercent).toBe(43.6);
    // The plan endpoint was asked once: the second call is within its one-minute floor.
    expect(server.requests.filter((r) => r.path === '/api/oauth/usage')).toHaveLength(1);
  });
});
