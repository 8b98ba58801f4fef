import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { DailyTotalsStore } from '../../../../electron/core/history/daily-totals';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import type { HistorySample } from '../../../../electron/core/history/types';

const MIN = 60_000;
const NOW = Date.parse('2026-07-03T14:00:00Z');
const RESET = Date.parse('2026-07-03T17:00:00Z');

function io(dir: string): CliIo & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    env: { BRIMLINE_DATA_DIR: dir },
    now: () => NOW,
    isTTY: false,
  });
}

async function seeded(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-history-cli-'));
  const store = new HistoryStore(dir, { now: () => NOW });
  await store.open();
  const samples: HistorySample[] = [];
  // This cycle (12:00 → 17:00): 30 % per hour for two hours.
  for (let m = 0; m <= 120; m += 5)
    samples.push({
      t: NOW - 120 * MIN + m * MIN,
      accountId: 'acct',
      windowId: 'five_hour',
      kind: 'session',
      sourceId: 'statusline',
      usedPercent: m / 2,
      resetsAt: RESET,
      imported: false,
    });
  // The previous cycle peaked at 88 %.
  samples.push({
    t: NOW - 4 * 60 * MIN,
    accountId: 'acct',
    windowId: 'five_hour',
    kind: 'session',
    sourceId: 'claude-oauth',
    usedPercent: 88,
    resetsAt: RESET - 5 * 60 * MIN,
    imported: false,
  });
  // A weekly sample from Claude Desktop 10 days ago (outside the default 7 days).
  samples.push({
    t: NOW - 10 * 24 * 60 * MIN,
    accountId: 'acct',
    windowId: 'seven_day',
    kind: 'weekly',
    sourceId: 'claude-desktop',
    usedPercent: 12,
    resetsAt: null,
    imported: true,
  });
  await store.append(samples);
  await new DailyTotalsStore(dir, { now: () => NOW }).upsert([
    {
      date: '2026-07-02',
      inputTokens: 1000,
      outputTokens: 200,
      cacheCreationTokens: 0,
      cacheReadTokens: 5000,
      totalTokens: 6200,
      totalCost: 3.5,
    },
  ]);
  return dir;
}

describe('brimline history', () => {
  it('--json: windows with samples, cycle peaks, pace and forecast in the status contract, daily totals', async () => {
    const dir = await seeded();
    const c = io(dir);
    expect(await main(['history', '--json'], c)).toBe(0);
    const out = JSON.parse(c.out);
    expect(out.days).toBe(7);
    expect(out.windows).toHaveLength(1);
    const w = out.windows[0];
    expect(w).toMatchObject({ accountId: 'acct', windowId: 'five_hour', kind: 'session' });
    expect(w.samples).toHaveLength(26);
    expect(w.samples[0]).toEqual({
      t: '2026-07-03T10:00:00.000Z',
      usedPercent: 88,
      resetsAt: '2026-07-03T12:00:00.000Z',
      sourceId: 'claude-oauth',
      imported: false,
    });
    expect(w.cycles.map((x: { peakPercent: number }) => x.peakPercent)).toEqual([88, 60]);
    // 2 of 5 hours gone: 40 % expected, 60 % used.
    expect(w.pace).toEqual({ expectedPercent: 40, deltaPercent: 20 });
    expect(Object.keys(w.forecast)).toEqual(['runsOutAt', 'projectedPercentAtReset', 'lastsUntilReset', 'basis']);
    expect(w.forecast.lastsUntilReset).toBe(false);
    expect(out.daily).toEqual([
      {
        date: '2026-07-02',
        inputTokens: 1000,
        outputTokens: 200,
        cacheCreationTokens: 0,
        cacheReadTokens: 5000,
        totalTokens: 6200,
        totalCost: 3.5,
      },
    ]);
    expect(out.problems).toEqual([]);
  });

  it('--days and --window select; imported samples are marked', async () => {
    const dir = await seeded();
    const c = io(dir);
    expect(await main(['history', '--json', '--days', '30', '--window', 'seven_day'], c)).toBe(0);
    const out = JSON.parse(c.out);
    expect(out.windows.map((w: { windowId: string }) => w.windowId)).toEqual(['seven_day']);
    expect(out.windows[0].samples[0]).toMatchObject({ imported: true, resetsAt: null, sourceId: 'claude-desktop' });
    // No reset time known: pace and forecast have no meaning.
    expect(out.windows[0].pace).toBeNull();
    expect(out.windows[0].forecast).toBeNull();
  });

  it('prints a readable summary', async () => {
    const c = io(await seeded());
    expect(await main(['history'], c)).toBe(0);
    expect(c.out).toContain('five_hour (session) · account acct: 26 samples, latest 60% at 2026-07-03 14:00Z');
    expect(c.out).toContain('pace: 40% expected now, +20 points');
    expect(c.out).toMatch(/forecast: 100% at 2026-07-03 15:\d\dZ, \d+ min before the reset/);
    expect(c.out).toContain('peaks: 88% (2026-07-03 10:00Z), 60% (2026-07-03 14:00Z)');
    expect(c.out).toContain('2026-07-02  $3.50  6,200 tokens');
  });

  it('an empty store says how history gets recorded', async () => {
    const c = io(mkdtempSync(path.join(os.tmpdir(), 'hr-history-cli-')));
    expect(await main(['history'], c)).toBe(0);
    expect(c.out).toContain('No history yet.');
  });

  it('bad usage exits 2 with a message', async () => {
    const dir = await seeded();
    for (const args of [['--days', '0'], ['--days', '91'], ['--days', 'week'], ['--bogus'], ['extra']]) {
      const c = io(dir);
      expect(await main(['history', ...args], c)).toBe(2);
      expect(c.err).toMatch(/brimline history: /);
    }
    const h = io(dir);
    expect(await main(['history', '--help'], h)).toBe(0);
    expect(h.out).toContain('Usage: brimline history');
  });
});
