/**
 * Local sources are live: a change to the status line's file, Claude Code's cached usage or a
 * transcript is read within a second, with no one-minute floor, while the plan poll keeps its
 * floor. The file watchers are real; their timers run on the manual clock.
 */
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { LOCAL_READ_DELAY_MS } from '../../../../electron/core/usage/file-watch';
import { MINUTE } from '../../../../electron/core/usage/scheduler';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import type { SourceId } from '../../../../shared/domain';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';
import { ManualClock } from '../../../support/manual-clock';
import { writeSettingsWithSources } from '../../../support/settings-file';

let server: FakeAnthropic;
let cc: string;
let dataDir: string;
let core: Core | null = null;
const T0 = Date.parse('2026-07-03T09:00:00Z');

beforeEach(async () => {
  server = await startFakeAnthropic();
  cc = mkdtempSync(path.join(os.tmpdir(), 'hr-live-cc-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-live-data-'));
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: DEFAULT_TOKEN, expiresAt: T0 + 24 * 3600_000, scopes: ['user:profile'] } }),
  );
});
afterEach(async () => {
  await core?.stop();
  core = null;
  await server.close();
});

async function startCore(sources: SourceId[]): Promise<ManualClock> {
  writeSettingsWithSources(dataDir, sources, { pollIntervalMinutes: 5 });
  const clock = new ManualClock(T0);
  core = createBrimlineCore({
    env: { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url },
    dataDir,
    clock,
    random: () => 0.5,
    home: cc,
  });
  clock.settle = () => core!.idle();
  await core.start();
  await clock.advance(0);
  return clock;
}

/** Waits for the real file event to reach the watcher (it arms a read on the clock), then lets the clock run a second. */
async function changeSeen(clock: ManualClock): Promise<void> {
  await vi.waitFor(
    () => {
      const at = clock.nextTimerAt();
      if (at === null || at > clock.now() + LOCAL_READ_DELAY_MS) throw new Error('no file event yet');
    },
    { timeout: 5000, interval: 10 },
  );
  await clock.advance(1000);
}

const snapshot = (id: SourceId) => core!.usage.snapshots().find((s) => s.sourceId === id)!;

describe('local sources are live', () => {
  it("the status line's new numbers are read within a second, response after response, while the plan poll keeps its floor", async () => {
    const clock = await startCore(['claude-oauth', 'statusline']);
    const usageCalls = () => server.requests.filter((r) => r.path === '/api/oauth/usage').length;
    expect(usageCalls()).toBe(1);
    for (const used of [41.2, 43.6, 47.9]) {
      await clock.advance(10_000);
      await recordObservation(dataDir, {
        version: 1,
        observedAt: new Date(clock.now()).toISOString(),
        fiveHour: { usedPercent: used, resetsAt: '2026-07-03T12:00:29.000Z' },
        claudeCodeVersion: '2.1.328',
        sessionId: 's1',
        configDir: cc,
        apiKeyBilling: false,
      });
      const written = clock.now();
      await changeSeen(clock);
      expect(snapshot('statusline')).toMatchObject({ state: 'ok', fetchedAt: new Date(written).toISOString() });
      expect(snapshot('statusline').windows[0]!.usedPercent).toBe(used);
      expect(Date.parse(snapshot('statusline').attemptedAt!) - written).toBeLessThanOrEqual(1000);
    }
    // Thirty-three seconds in: the plan endpoint was asked once, as the floor says.
    expect(usageCalls()).toBe(1);
    expect(clock.now() - T0).toBeLessThan(MINUTE);
  });

  it("Claude Code's cached usage is read within a second of being written, with its own age", async () => {
    const clock = await startCore(['claude-cache']);
    expect(snapshot('claude-cache').state).not.toBe('ok');
    await clock.advance(5_000);
    const fetchedAtMs = clock.now() - 2_000;
    writeFileSync(
      path.join(cc, '.claude.json'),
      JSON.stringify({
        numStartups: 3,
        cachedUsageUtilization: {
          fetchedAtMs,
          utilization: { five_hour: { utilization: 43.6, resets_at: '2026-07-03T12:00:29.123456+00:00' }, seven_day: null },
        },
      }),
    );
    await changeSeen(clock);
    expect(snapshot('claude-cache')).toMatchObject({ state: 'ok', fetchedAt: new Date(fetchedAtMs).toISOString() });
    expect(snapshot('claude-cache').windows).toEqual([
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 43.6, resetsAt: '2026-07-03T12:00:29.123Z' },
    ]);
  });

  it('a transcript Claude Code appends to is read within a second', async () => {
    const project = path.join(cc, 'projects', '-home-someone-app');
    mkdirSync(project, { recursive: true });
    const file = path.join(project, 's1.jsonl');
    const line = (id: string, at: number): string =>
      JSON.stringify({
        type: 'assistant',
        timestamp: new Date(at).toISOString(),
        sessionId: 's1',
        requestId: `req_${id}`,
        message: { id: `msg_${id}`, model: 'claude-sonnet-4-5', usage: { input_tokens: 100, output_tokens: 50 } },
      }) + '\n';
    writeFileSync(file, line('a', T0 - 60_000));
    const clock = await startCore(['local-logs']);
    expect(snapshot('local-logs').local?.today.totalTokens).toBe(150);
    await clock.advance(3_000);
    appendFileSync(file, line('b', clock.now()));
    await changeSeen(clock);
    expect(snapshot('local-logs').local?.today.totalTokens).toBe(300);
  });
});
