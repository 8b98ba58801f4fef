import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LocalLogsScanner } from '../../../../../electron/core/sources/local-logs/scanner';
import { dailyReport } from '../../../../../electron/core/sources/local-logs/reports';
import { FIXTURES, removeDir, tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A config dir whose projects/ holds the given fixture files, one project per file. */
function treeOf(files: string[]): string {
  const root = tempDir('fx');
  dirs.push(root);
  for (const f of files) {
    const proj = path.join(root, 'projects', `-p-${path.basename(f, '.jsonl')}`);
    mkdirSync(proj, { recursive: true });
    cpSync(path.join(FIXTURES, f), path.join(proj, f));
  }
  return root;
}

async function scanDaily(files: string[], mode: 'auto' | 'calculate' = 'auto') {
  const cfg = treeOf(files);
  const data = tempDir('data');
  dirs.push(data);
  const scanner = new LocalLogsScanner({ configDirs: [cfg], dataDir: data });
  const report = await scanner.scan();
  return { report, daily: dailyReport(scanner.store, { timeZone: 'UTC', mode }) };
}

describe('real transcripts', () => {
  it('counts a streamed response once, with the final output tokens (README day total)', async () => {
    const { daily } = await scanDaily(['cc-v2.0.76-opus45-streamed-duplicates.jsonl']);
    expect(daily.daily).toHaveLength(1);
    const d = daily.daily[0]!;
    expect(d.date).toBe('2026-01-06');
    expect([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]).toEqual([10, 358, 8889, 17919]);
    expect(d.totalCost).toBeCloseTo(0.07351575, 12);
    expect(d.modelBreakdowns.map((b) => b.modelName)).toEqual(['claude-opus-4-5-20251101']);
  });

  it("skips 2.1.328's new line types at no cost and counts a response written once per content block once", async () => {
    const { daily } = await scanDaily(['cc-v2.1.328-opus45-new-line-types.constructed.jsonl']);
    expect(daily.daily).toHaveLength(1);
    const d = daily.daily[0]!;
    expect(d.date).toBe('2026-12-03');
    // Two requests (README): the api-request, tools-used and cost-state lines add nothing, their costUSD neither.
    expect([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]).toEqual([9, 470, 2560, 38516]);
    expect(d.totalCost).toBeCloseTo((9 * 5 + 470 * 25 + 2560 * 6.25 + 38516 * 0.5) / 1e6, 12);
    expect(d.modelBreakdowns.map((b) => b.modelName)).toEqual(['claude-opus-4-5-20251101']);
  });

  it('reads re-serialised sidechain lines with spaces after ":" and ","', async () => {
    const { daily } = await scanDaily(['cc-v2.0.46-sonnet45-sidechain-reserialized.jsonl']);
    const d = daily.daily[0]!;
    // Three requests: 365-token Task call, a subagent reply written twice (same id) and a final reply.
    expect([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]).toEqual([9, 738, 141272 + 19830 + 2952, 141272]);
    const expected = (9 * 3 + 738 * 15 + (141272 + 19830 + 2952) * 3.75 + 141272 * 0.3) / 1e6;
    expect(d.totalCost).toBeCloseTo(expected, 12);
  });

  it('prices a line without the cache_creation breakdown as 5-minute writes', async () => {
    const { daily } = await scanDaily(['cc-v1.0.17-opus4-no-cache-breakdown.jsonl']);
    const d = daily.daily[0]!;
    expect(d.date).toBe('2025-06-10');
    expect(d.totalCost).toBeCloseTo((1 * 15 + 1 * 75 + 386 * 18.75 + 104929 * 1.5) / 1e6, 12);
  });

  it('uses costUSD when the line carries it, and prices it in calculate mode', async () => {
    const auto = await scanDaily(['ccusage-fixture-project-alpha-minimal.jsonl']);
    expect(auto.daily.daily.map((d) => [d.date, +d.totalCost.toFixed(6)])).toEqual([
      ['2026-01-09', 0.46],
      ['2026-01-10', 0.56],
    ]);
    const calc = await scanDaily(['ccusage-fixture-project-alpha-minimal.jsonl'], 'calculate');
    const day1 = (100 * 3 + 50 * 15 + 25 * 3.75 + 10 * 0.3 + 200 * 15 + 75 * 75 + 50 * 18.75 + 20 * 1.5) / 1e6;
    expect(calc.daily.daily[0]!.totalCost).toBeCloseTo(day1, 12);
  });

  it('skips API error lines (model <synthetic>, zero usage)', async () => {
    const { daily, report } = await scanDaily(['ccusage-test-usage-limit-api-error.jsonl']);
    expect(daily.daily).toEqual([]);
    expect(report.malformedLines).toBe(0);
  });

  it('reads every fixture together without losing or doubling anything', async () => {
    const all = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'));
    const { daily } = await scanDaily(all);
    expect(daily.daily.map((d) => d.date)).toEqual(['2025-06-10', '2025-11-19', '2026-01-06', '2026-01-09', '2026-01-10', '2026-12-03']);
    expect(daily.unpricedModels).toEqual([]);
  });
});
