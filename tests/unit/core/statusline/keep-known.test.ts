/**
 * The status line keeps what it knows: a payload without numbers (Claude Code's session start) or
 * with only some windows never erases the numbers of that config folder. Driven through the
 * command Claude Code runs and the source the app polls, with the 2.1.328 shapes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runStatuslineCommand } from '../../../../electron/core/cli/statusline-command';
import { createStatuslineSource } from '../../../../electron/core/statusline/source';
import { mergeSnapshots } from '../../../../shared/merge';
import type { SourceSnapshot } from '../../../../shared/domain';
import { root } from './helpers';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(root, 'tests/fixtures/statusline', name), 'utf8')) as Record<string, unknown>;
const FULL = fixture('stdin.full.v2.1.328.json');
const START = fixture('stdin.session-start.v2.1.328.json');
// 2026-03-20T18:48:00Z: before every reset in the fixtures.
const T0 = Date.parse('2026-03-20T18:48:00Z');

function setup(): {
  data: string;
  config: string;
  run(payload: unknown, at: number): Promise<string>;
  poll(at: number): ReturnType<ReturnType<typeof createStatuslineSource>['poll']>;
} {
  const data = mkdtempSync(path.join(os.tmpdir(), 'hr-keep-'));
  const config = mkdtempSync(path.join(os.tmpdir(), 'hr-keep-cfg-'));
  const env = { BRIMLINE_DATA_DIR: data, CLAUDE_CONFIG_DIR: config, HOME: data };
  return {
    data,
    config,
    async run(payload, at) {
      let out = '';
      const stdin = Readable.from([Buffer.from(JSON.stringify(payload))]);
      await runStatuslineCommand([], { stdout: (s) => (out += s), stderr: () => undefined, env, now: () => at, isTTY: false, stdin });
      return out.trim();
    },
    poll(at) {
      const source = createStatuslineSource({ dataDir: data, configDir: config });
      return source.poll({ signal: new AbortController().signal, now: () => at });
    },
  };
}

describe('the status line keeps what it knows', () => {
  it("reads 2.1.328's payload: exact values, the spend limit as a window with its dollars, unused fields ignored", async () => {
    const s = setup();
    expect(await s.run(FULL, T0)).toBe('5h 44% ↺1h13m · 7d 12%');
    const r = await s.poll(T0 + 1000);
    expect(r.ok && r.data.windows).toEqual([
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 43.6, resetsAt: '2026-03-20T20:00:29.000Z' },
      { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: 12.1, resetsAt: '2026-03-27T03:00:37.000Z' },
      {
        id: 'spend_limit',
        kind: 'other',
        label: 'Spend limit',
        usedPercent: 24.6,
        resetsAt: '2026-04-01T00:00:00.000Z',
        money: { usedUsd: 12.3, limitUsd: 50, period: 'monthly' },
      },
    ]);
    expect(r.ok && r.data.observedAt).toBe(new Date(T0).toISOString());
  });

  it("a session's first payload (no rate_limits) keeps the folder's numbers, with the time they were reported", async () => {
    const s = setup();
    await s.run(FULL, T0);
    // Claude Code starts a new session 10 minutes later: its first payload has no numbers.
    const line = await s.run(START, T0 + 10 * 60_000);
    expect(line).toBe('5h 44% ↺1h3m · 7d 12%');
    const r = await s.poll(T0 + 10 * 60_000 + 500);
    if (!r.ok) throw new Error('the status line lost its data');
    expect(r.data.windows.map((w) => [w.id, w.usedPercent, w.observedAt])).toEqual([
      ['five_hour', 43.6, new Date(T0).toISOString()],
      ['seven_day', 12.1, new Date(T0).toISOString()],
      ['spend_limit', 24.6, new Date(T0).toISOString()],
    ]);
    // The numbers are as old as they are: the payload without numbers is not fresher data.
    expect(r.data.observedAt).toBe(new Date(T0).toISOString());
    const stored = JSON.parse(
      readFileSync(
        path.join(
          s.data,
          'statusline',
          (await import('node:fs')).readdirSync(path.join(s.data, 'statusline')).find((n) => n.endsWith('.json'))!,
        ),
        'utf8',
      ),
    ) as Record<string, unknown>;
    // What a payload always brings does follow the newest one.
    expect(stored).toMatchObject({ sessionId: START.session_id, claudeCodeVersion: '2.1.328' });
  });

  it('a payload with only some windows replaces those and keeps the others', async () => {
    const s = setup();
    await s.run(FULL, T0);
    const later = T0 + 5 * 60_000;
    await s.run({ ...START, rate_limits: { five_hour: { used_percentage: 47.2, resets_at: 1774036829 } } }, later);
    const r = await s.poll(later + 500);
    if (!r.ok) throw new Error('the status line lost its data');
    const byId = Object.fromEntries(r.data.windows.map((w) => [w.id, w]));
    expect(byId.five_hour).toMatchObject({ usedPercent: 47.2 });
    expect(byId.five_hour!.observedAt).toBeUndefined();
    expect(byId.seven_day).toMatchObject({ usedPercent: 12.1, observedAt: new Date(T0).toISOString() });
    expect(r.data.observedAt).toBe(new Date(later).toISOString());
  });

  it('a kept window competes in the merge with its own age: a newer plan poll wins it', () => {
    const snap = (sourceId: SourceSnapshot['sourceId'], fetchedAt: string, windows: SourceSnapshot['windows']): SourceSnapshot => ({
      sourceId,
      accountId: 'account:a',
      state: 'ok',
      error: null,
      fetchedAt,
      attemptedAt: fetchedAt,
      nextAttemptAt: null,
      plan: null,
      windows,
      extraUsage: null,
      local: null,
      scan: null,
    });
    const view = mergeSnapshots([
      snap('claude-oauth', '2026-03-20T18:55:00.000Z', [
        { id: 'seven_day', kind: 'weekly', label: 'Weekly', usedPercent: 13, resetsAt: '2026-03-27T03:00:37.000Z' },
      ]),
      snap('statusline', '2026-03-20T19:00:00.000Z', [
        { id: 'five_hour', kind: 'session', label: 'Session', usedPercent: 47.2, resetsAt: '2026-03-20T20:00:29.000Z' },
        {
          id: 'seven_day',
          kind: 'weekly',
          label: 'Weekly',
          usedPercent: 12.1,
          resetsAt: '2026-03-27T03:00:37.000Z',
          observedAt: '2026-03-20T18:48:00.000Z',
        },
      ]),
    ]);
    expect(view.windows.map((w) => [w.id, w.sourceId, w.usedPercent, w.observedAt])).toEqual([
      ['session', 'statusline', 47.2, '2026-03-20T19:00:00.000Z'],
      ['weekly', 'claude-oauth', 13, '2026-03-20T18:55:00.000Z'],
    ]);
  });
});
