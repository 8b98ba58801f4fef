import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EntryStore } from '../../../../../electron/core/sources/local-logs/entry-store';
import { EntryCoster } from '../../../../../electron/core/sources/local-logs/cost';
import { activeBlock, blocksReport } from '../../../../../electron/core/sources/local-logs/blocks';
import { localSummary } from '../../../../../electron/core/sources/local-logs/summary';
import { baseModelId, rateFor } from '../../../../../electron/core/sources/local-logs/pricing';
import { createLocalLogsSource } from '../../../../../electron/core/sources/local-logs/local-logs-source';
import { removeDir, tempDir } from './helpers';

const H = 3_600_000;
const T0 = Date.parse('2026-03-10T08:20:00Z');

function storeWith(entries: { at: number; tokens?: number; model?: string }[]): EntryStore {
  const s = new EntryStore();
  entries.forEach((e, i) =>
    s.add({
      hi: i + 1,
      lo: i + 1,
      ts: e.at,
      model: e.model ?? 'claude-sonnet-4-5',
      sessionId: 's',
      project: 'p',
      inputTokens: e.tokens ?? 1_000_000,
      outputTokens: 0,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      costUSD: NaN,
    }),
  );
  return s;
}

describe('5-hour blocks', () => {
  it('floors the start to the hour, splits after 5 hours from the start or 5 hours of silence', () => {
    const s = storeWith([{ at: T0 }, { at: T0 + 4 * H }, { at: T0 + 4.9 * H }, { at: T0 + 11 * H }, { at: T0 + 11.5 * H }]);
    const r = blocksReport(s, { now: T0 + 40 * H, timeZone: 'UTC' });
    const real = r.blocks.filter((b) => !b.isGap);
    expect(real.map((b) => [b.startTime, b.entries])).toEqual([
      ['2026-03-10T08:00:00.000Z', 2],
      ['2026-03-10T13:00:00.000Z', 1],
      ['2026-03-10T19:00:00.000Z', 2],
    ]);
    expect(r.blocks.filter((b) => b.isGap)).toHaveLength(1);
    expect(real.every((b) => !b.isActive)).toBe(true);
  });

  it('gives the active block a burn rate since its first entry and a projection to its end', () => {
    // $3 per million input tokens (Sonnet 4.5); 2M tokens over the first 2 hours.
    const s = storeWith([{ at: T0 }, { at: T0 + 1 * H }]);
    const now = T0 + 2 * H; // 10:20, block 08:00–13:00
    const b = activeBlock(s, now, new EntryCoster(s))!;
    expect(b.startTime).toBe('2026-03-10T08:00:00.000Z');
    expect(b.endTime).toBe('2026-03-10T13:00:00.000Z');
    expect(b.totalTokens).toBe(2_000_000);
    expect(b.burnRate!.tokensPerHour).toBeCloseTo(1_000_000, 6);
    expect(b.burnRate!.costPerHour).toBeCloseTo(3, 9);
    const remainingH = (Date.parse(b.endTime) - now) / H;
    expect(b.projection!.totalTokens).toBe(Math.round(2_000_000 + 1_000_000 * remainingH));
    expect(b.projection!.totalCost).toBeCloseTo(6 + 3 * remainingH, 9);
    expect(activeBlock(s, T0 + 6 * H, new EntryCoster(s))).toBeNull();
  });

  it('has no burn rate in the first minutes of a block', () => {
    const s = storeWith([{ at: T0 }]);
    expect(activeBlock(s, T0 + 60_000, new EntryCoster(s))!.burnRate).toBeNull();
  });
});

describe('summary', () => {
  it('counts today and the last 7 calendar days in the given zone', () => {
    const now = Date.parse('2026-03-10T20:00:00Z'); // 2026-03-11 01:30 in Kolkata
    const s = storeWith([
      { at: Date.parse('2026-03-10T19:00:00Z') }, // Kolkata 03-11
      { at: Date.parse('2026-03-10T12:00:00Z') }, // Kolkata 03-10
      { at: Date.parse('2026-03-04T19:00:00Z') }, // Kolkata 03-05: first day of the week
      { at: Date.parse('2026-03-04T18:00:00Z') }, // Kolkata 03-04 23:30: outside
      { at: Date.parse('2026-03-10T19:30:00Z'), model: 'claude-opus-9' },
    ]);
    const k = localSummary(s, { now, timeZone: 'Asia/Kolkata' });
    expect(k.today.inputTokens).toBe(2_000_000);
    expect(k.week.inputTokens).toBe(4_000_000);
    expect(k.unpricedModels).toEqual(['claude-opus-9']);
    expect(k.today.totalCost).toBeCloseTo(3, 9); // the unpriced model adds nothing, and says so
    const u = localSummary(s, { now, timeZone: 'UTC' });
    expect(u.today.inputTokens).toBe(3_000_000);
  });
});

describe('pricing table', () => {
  it('matches dated, provider-prefixed and [1m] ids, and leaves unknown models unpriced', () => {
    expect(baseModelId('claude-opus-4-1-20250805')).toBe('claude-opus-4-1');
    expect(baseModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe('claude-sonnet-4-5');
    expect(baseModelId('claude-opus-4-6[1m]')).toBe('claude-opus-4-6');
    expect(rateFor('claude-opus-4-20250514')!.output).toBeCloseTo(75e-6, 15);
    expect(rateFor('claude-3-5-haiku-20241022')!.cacheRead).toBeCloseTo(0.08e-6, 15);
    expect(rateFor('claude-opus-4-5')!.cacheWrite1h).toBeCloseTo(10e-6, 15);
    expect(rateFor('claude-opus-4-9')).toBeNull();
    expect(rateFor('gpt-5')).toBeNull();
  });
});

describe('local-logs source', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));

  it('is unconfigured, with what to do, when no projects folder exists', async () => {
    const cfg = tempDir('cfg');
    const data = tempDir('data');
    dirs.push(cfg, data);
    const src = createLocalLogsSource({ configDirs: [cfg], dataDir: data, now: () => T0 });
    expect(src.id).toBe('local-logs');
    const r = await src.poll({ signal: new AbortController().signal, now: () => T0 });
    expect(r.ok).toBe(false);
    if (!r.ok && r.kind !== 'rate_limited') {
      expect(r.kind).toBe('unconfigured');
      expect(r.error.message).toContain('Use Claude Code once');
    }
  });

  it('returns the local summary, and reports first-scan progress', async () => {
    const cfg = tempDir('cfg');
    const data = tempDir('data');
    dirs.push(cfg, data);
    const proj = path.join(cfg, 'projects', 'p');
    mkdirSync(proj, { recursive: true });
    const line = (id: string, at: number) =>
      JSON.stringify({
        sessionId: 's',
        requestId: `r${id}`,
        timestamp: new Date(at).toISOString(),
        message: { id, model: 'claude-haiku-4-5-20251001', usage: { input_tokens: 1000, output_tokens: 100 } },
      });
    writeFileSync(path.join(proj, 's.jsonl'), [line('a', T0 - 30 * 60_000), line('b', T0 - 10 * 60_000)].join('\n') + '\n');
    const src = createLocalLogsSource({ configDirs: [cfg], dataDir: data, timeZone: 'UTC' });
    const progress: number[] = [];
    const r = await src.poll({ signal: new AbortController().signal, now: () => T0, onProgress: (p) => progress.push(p.bytesDone) });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.windows).toEqual([]);
      expect(r.data.local!.today.totalTokens).toBe(2200);
      expect(r.data.local!.today.totalCost).toBeCloseTo((2000 * 1 + 200 * 5) / 1e6, 12);
      expect(r.data.local!.activeBlock!.startTime).toBe('2026-03-10T07:00:00.000Z');
      expect(r.data.local!.activeBlock!.burnRate).not.toBeNull();
    }
    expect(progress.length).toBeGreaterThan(0);
  });
});
