import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LocalLogsScanner } from '../../../../../electron/core/sources/local-logs/scanner';
import { dailyReport } from '../../../../../electron/core/sources/local-logs/reports';
import type { EntryStore } from '../../../../../electron/core/sources/local-logs/entry-store';
import { generateTree, oracleDaily, removeDir, tempDir, type Expected } from './helpers';

function jsonlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => path.join(dir, f));
}

describe.each([
  { seed: 42, lines: 6000, files: 25 },
  { seed: 7, lines: 3000, files: 40 },
])('generated tree (seed $seed, $lines lines)', ({ seed, lines, files }) => {
  let tree: string;
  let expected: Expected;
  let data: string;
  let store: EntryStore;

  beforeAll(async () => {
    ({ dir: tree, expected } = generateTree({ lines, files, seed, end: '2026-03-29T12:00:00Z', days: 30 }));
    data = tempDir('data');
    const scanner = new LocalLogsScanner({ configDirs: [tree], dataDir: data });
    await scanner.scan();
    store = scanner.store;
  });
  afterAll(() => {
    removeDir(tree);
    removeDir(data);
  });

  it('matches expected.json per UTC day: tokens exactly, cost to 1e-9 relative', () => {
    expect(store.count).toBe(expected.uniqueRequests);
    const r = dailyReport(store, { timeZone: 'UTC', mode: 'calculate' });
    expect(r.daily.map((d) => d.date)).toEqual(Object.keys(expected.days).sort());
    for (const d of r.daily) {
      const e = expected.days[d.date]!;
      expect([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]).toEqual([
        e.inputTokens,
        e.outputTokens,
        e.cacheCreationTokens,
        e.cacheReadTokens,
      ]);
      expect(Math.abs(d.totalCost - e.cost) / e.cost).toBeLessThan(1e-9);
    }
    expect(r.totals.inputTokens).toBe(expected.totals.inputTokens);
    expect(Math.abs(r.totals.totalCost - expected.totals.cost) / expected.totals.cost).toBeLessThan(1e-9);
    expect(r.unpricedModels).toEqual([]);
  });

  it.each(['America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'Asia/Kathmandu'])(
    'groups days in %s as an independent JSON.parse oracle does',
    (tz) => {
      const r = dailyReport(store, { timeZone: tz });
      const oracle = oracleDaily(jsonlFiles(path.join(tree, 'projects')), tz);
      expect(r.daily.map((d) => d.date)).toEqual([...oracle.keys()].sort());
      for (const d of r.daily)
        expect([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]).toEqual(oracle.get(d.date)!.tokens);
      // Same requests, different calendar: the totals cannot move.
      expect(r.totals.totalTokens).toBe(dailyReport(store, { timeZone: 'UTC' }).totals.totalTokens);
    },
  );

  it('filters with --since/--until as inclusive calendar days', () => {
    const all = dailyReport(store, { timeZone: 'Asia/Kolkata' }).daily;
    const mid = all[Math.floor(all.length / 2)]!.date;
    const r = dailyReport(store, { timeZone: 'Asia/Kolkata', since: mid, until: mid });
    expect(r.daily).toEqual([all.find((d) => d.date === mid)]);
  });
});
