import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runLogsCommand } from '../../../../../electron/core/cli/logs-command';
import type { CliIo } from '../../../../../electron/core/cli/io';
import { FIXTURES, removeDir, tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function io(env: Record<string, string>): CliIo & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    env,
    now: () => Date.parse('2026-01-06T10:00:00Z'),
    isTTY: false,
    stdout: (s: string) => void (r.out += s),
    stderr: (s: string) => void (r.err += s),
  };
  return r;
}

function env(): Record<string, string> {
  const cfg = tempDir('cfg');
  const data = tempDir('data');
  dirs.push(cfg, data);
  mkdirSync(path.join(cfg, 'projects', 'p'), { recursive: true });
  cpSync(path.join(FIXTURES, 'cc-v2.0.76-opus45-streamed-duplicates.jsonl'), path.join(cfg, 'projects', 'p', 's.jsonl'));
  return { CLAUDE_CONFIG_DIR: cfg, BRIMLINE_DATA_DIR: data };
}

describe('brimline logs', () => {
  it('prints ccusage-shaped daily JSON', async () => {
    const t = io(env());
    expect(await runLogsCommand(['daily', '--json', '--timezone', 'UTC'], t)).toBe(0);
    const j = JSON.parse(t.out) as { daily: Record<string, unknown>[]; totals: Record<string, number> };
    expect(Object.keys(j.daily[0]!)).toEqual(
      expect.arrayContaining([
        'date',
        'inputTokens',
        'outputTokens',
        'cacheCreationTokens',
        'cacheReadTokens',
        'totalTokens',
        'totalCost',
        'modelsUsed',
        'modelBreakdowns',
      ]),
    );
    expect(j.daily[0]!.date).toBe('2026-01-06');
    expect(j.totals.totalCost).toBeCloseTo(0.07351575, 12);
    expect((j.daily[0]!.modelBreakdowns as { modelName: string; cost: number }[])[0]!.modelName).toBe('claude-opus-4-5-20251101');
  });

  it('prints tables for session and blocks, and the active block', async () => {
    const e = env();
    const t = io(e);
    expect(await runLogsCommand(['session'], t)).toBe(0);
    expect(t.out).toContain('132b2f66-ee5f-46f6-8904-32d9dc4d36c3');
    const b = io(e);
    expect(await runLogsCommand(['blocks', '--active', '--json'], b)).toBe(0);
    const blocks = (JSON.parse(b.out) as { blocks: { isActive: boolean; startTime: string }[] }).blocks;
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.startTime).toBe('2026-01-06T09:00:00.000Z');
  });

  it.each([
    [['weekly'], /Unknown report/],
    [['daily', '--timezone', 'Mars/Olympus'], /Unknown time zone/],
    [['daily', '--since', '2026-02-30'], /not a calendar date/],
    [['daily', '--since', '2026-03-02', '--until', '2026-03-01'], /after --until/],
    [['daily', '--frobnicate'], /Unknown option/],
    [[], /Say which report/],
  ])('exits 2 with a clear message for %j', async (args, msg) => {
    const t = io(env());
    expect(await runLogsCommand(args, t)).toBe(2);
    expect(t.err).toMatch(msg);
    expect(t.err).toContain('--help');
  });

  it('prints help with exit 0, and exits 1 with advice when there are no logs', async () => {
    const h = io(env());
    expect(await runLogsCommand(['--help'], h)).toBe(0);
    expect(h.out).toContain('Usage: brimline logs');
    const empty = tempDir('empty');
    dirs.push(empty);
    const t = io({ CLAUDE_CONFIG_DIR: empty, BRIMLINE_DATA_DIR: empty });
    expect(await runLogsCommand(['daily'], t)).toBe(1);
    expect(t.err).toMatch(/no Claude Code logs found/);
  });
});
