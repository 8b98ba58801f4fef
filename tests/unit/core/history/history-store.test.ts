import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailyTotalsStore } from '../../../../electron/core/history/daily-totals';
import { HistoryStore, samplesFromWindows } from '../../../../electron/core/history/history-store';
import type { HistorySample } from '../../../../electron/core/history/types';

const DAY = 86_400_000;
const NOW = Date.parse('2026-07-02T20:00:00Z');

function sample(t: number, u: number, extra: Partial<HistorySample> = {}): HistorySample {
  return {
    t,
    accountId: 'acct-1',
    windowId: 'five_hour',
    kind: 'session',
    sourceId: 'claude-oauth',
    usedPercent: u,
    resetsAt: NOW + 3_600_000,
    imported: false,
    ...extra,
  };
}

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'hr-history-'));
}

describe('history store', () => {
  it('records samples from merged windows and reads them back by time, account and window', async () => {
    const dir = await tmp();
    const store = new HistoryStore(dir, { now: () => NOW });
    await store.open();
    const obs = samplesFromWindows('acct-1', [
      {
        id: 'five_hour',
        kind: 'session',
        usedPercent: 42,
        resetsAt: '2026-07-02T21:00:00Z',
        sourceId: 'statusline',
        observedAt: '2026-07-02T19:59:00Z',
      },
      { id: 'seven_day', kind: 'weekly', usedPercent: 130.5, resetsAt: null, sourceId: 'claude-oauth', observedAt: '2026-07-02T19:58:00Z' },
      { id: 'bad', kind: 'other', usedPercent: 1, resetsAt: 'whenever', sourceId: 'x', observedAt: '2026-07-02T19:58:00Z' },
    ]);
    expect(obs).toHaveLength(2);
    expect(await store.record(obs)).toBe(2);
    await store.record([sample(NOW - 2 * DAY, 10, { accountId: 'acct-2' })]);
    const all = await store.read({ sinceMs: NOW - 3 * DAY });
    expect(all.map((s) => [s.accountId, s.windowId, s.usedPercent])).toEqual([
      ['acct-2', 'five_hour', 10],
      ['acct-1', 'seven_day', 130.5],
      ['acct-1', 'five_hour', 42],
    ]);
    expect(all[2]).toEqual({
      t: Date.parse('2026-07-02T19:59:00Z'),
      accountId: 'acct-1',
      windowId: 'five_hour',
      kind: 'session',
      sourceId: 'statusline',
      usedPercent: 42,
      resetsAt: Date.parse('2026-07-02T21:00:00Z'),
      imported: false,
    });
    expect((await store.read({ sinceMs: NOW - DAY, windowId: 'seven_day' })).map((s) => s.usedPercent)).toEqual([130.5]);
    expect(await store.read({ sinceMs: NOW - 3 * DAY, accountId: 'acct-2', untilMs: NOW - DAY })).toHaveLength(1);
    // A second store instance (another process) sees the same.
    expect(await new HistoryStore(dir).read({ sinceMs: 0 })).toHaveLength(3);
  });

  it('records new observations only: a repeated time is skipped, an unchanged value at most every 5 minutes', async () => {
    const store = new HistoryStore(await tmp(), { now: () => NOW });
    await store.open();
    const t0 = NOW - 3_600_000;
    expect(await store.record([sample(t0, 5)])).toBe(1);
    expect(await store.record([sample(t0, 5)])).toBe(0);
    expect(await store.record([sample(t0 + 60_000, 5)])).toBe(0);
    expect(await store.record([sample(t0 + 120_000, 6)])).toBe(1);
    expect(await store.record([sample(t0 + 7 * 60_000 + 120_000, 6)])).toBe(1);
    expect((await store.read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([5, 6, 6]);
    // A late, slightly older observation is not new; values that cannot be stored are left out.
    expect(await store.record([sample(t0 + 3 * 60_000, 7)])).toBe(0);
    expect(await store.record([sample(t0 + 10 * 60_000, NaN), sample(NaN, 7)])).toBe(0);
  });

  it('an unchanged value whose reset time only jitters by seconds (exact values from the server) is not a new observation', async () => {
    const store = new HistoryStore(await tmp(), { now: () => NOW });
    await store.open();
    const t0 = NOW - 3_600_000;
    const reset = NOW + 3_600_000;
    expect(await store.record([sample(t0, 5, { resetsAt: reset + 282 })])).toBe(1);
    expect(await store.record([sample(t0 + 60_000, 5, { resetsAt: reset + 283 })])).toBe(0);
    expect(await store.record([sample(t0 + 120_000, 5, { resetsAt: reset - 29_000 })])).toBe(0);
    // A reset time hours away is another cycle, even at the same percentage.
    expect(await store.record([sample(t0 + 180_000, 5, { resetsAt: reset + 5 * 3_600_000 })])).toBe(1);
  });

  it('keeps recording after the clock was set back', async () => {
    const store = new HistoryStore(await tmp(), { now: () => NOW });
    await store.open();
    expect(await store.record([sample(NOW, 10)])).toBe(1);
    // Set back by an hour: the next observations carry earlier times and are still recorded.
    expect(await store.record([sample(NOW - 3_600_000, 11)])).toBe(1);
    expect(await store.record([sample(NOW - 3_600_000 + 60_000, 12)])).toBe(1);
    expect((await store.read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([11, 12, 10]);
  });

  it('a torn tail is ignored by readers and sealed by the next writer; a flipped bit costs one record', async () => {
    const dir = await tmp();
    const store = new HistoryStore(dir, { now: () => NOW });
    await store.open();
    await store.record([sample(NOW - 100_000, 1), sample(NOW - 90_000, 2, { windowId: 'w2' })]);
    const file = path.join(dir, 'history', 'samples-2026-07-02.jsonl');
    appendFileSync(file, '1234abcd {"t":17830');
    expect((await new HistoryStore(dir).read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([1, 2]);
    const writer = new HistoryStore(dir, { now: () => NOW });
    await writer.open();
    await writer.record([sample(NOW - 80_000, 3)]);
    const reader = new HistoryStore(dir);
    expect((await reader.read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([1, 2, 3]);
    // One damaged record, counted and logged; nothing for the user to act on.
    expect(reader.damaged.get('2026-07-02')).toBe(1);
    expect(reader.problems).toEqual([]);
    // Change the first sample's percent from 1 to 7 without fixing its checksum.
    const text = readFileSync(file, 'utf8').split('\n');
    const first = text.findIndex((l, i) => i > 0 && / 1 /.test(l) && !l.slice(9).startsWith('#'));
    text[first] = text[first]!.replace(' 1 ', ' 7 ');
    writeFileSync(file, text.join('\n'));
    expect((await new HistoryStore(dir).read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([2, 3]);
  });

  it('a segment that is not a history segment is moved aside, kept, named, and never appended to', async () => {
    const dir = await tmp();
    mkdirSync(path.join(dir, 'history'));
    const file = path.join(dir, 'history', 'samples-2026-07-02.jsonl');
    writeFileSync(file, '{"name":"other-app"}\n');
    const store = new HistoryStore(dir, { now: () => NOW });
    await store.open();
    expect(store.loadProblem).toMatch(
      /history file for 2026-07-02 could not be read \(it is not a Brimline history segment\); it was moved to .*samples-2026-07-02\.jsonl\.corrupt-/,
    );
    expect(readdirSync(path.join(dir, 'history')).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
    await store.record([sample(NOW - 1000, 9)]);
    expect((await store.read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([9]);
    // A foreign file appearing later is checked before the first append to it.
    const other = path.join(dir, 'history', 'samples-2026-07-01.jsonl');
    writeFileSync(other, 'garbage');
    await store.record([sample(NOW - DAY, 4, { windowId: 'x' })]);
    expect(readFileSync(other + '', 'utf8').startsWith('garbage')).toBe(false);
    expect(store.problems.some((p) => p.includes('2026-07-01') && p.includes('no complete header line'))).toBe(true);
  });

  it('a segment of a newer format version is set aside with a message that says so', async () => {
    const dir = await tmp();
    const store = new HistoryStore(dir, { now: () => NOW });
    await store.open();
    await store.record([sample(NOW - 1000, 9)]);
    const file = path.join(dir, 'history', 'samples-2026-07-02.jsonl');
    const { encodeLine } = await import('../../../../electron/core/history/segment');
    writeFileSync(file, encodeLine(JSON.stringify({ format: 'brimline-history-samples', version: 2, day: '2026-07-02' })));
    const again = new HistoryStore(dir);
    await again.open();
    expect(again.loadProblem).toMatch(/format version 2, which this version of Brimline cannot read/);
  });

  it('two writers appending to the same day lose nothing', async () => {
    const dir = await tmp();
    const a = new HistoryStore(dir, { now: () => NOW });
    const b = new HistoryStore(dir, { now: () => NOW });
    await Promise.all([a.open(), b.open()]);
    const writes: Promise<number>[] = [];
    for (let i = 0; i < 50; i++) {
      writes.push(a.record([sample(NOW - 100_000 + i, i, { windowId: 'a' })]));
      writes.push(b.record([sample(NOW - 100_000 + i, i, { windowId: 'b' })]));
    }
    await Promise.all(writes);
    const got = await new HistoryStore(dir).read({ sinceMs: 0 });
    expect(got.filter((s) => s.windowId === 'a')).toHaveLength(50);
    expect(got.filter((s) => s.windowId === 'b')).toHaveLength(50);
  });

  it('compaction keeps 90 days, thins old days, and keeps every cycle peak', async () => {
    const dir = await tmp();
    const store = new HistoryStore(dir, { now: () => NOW });
    await store.open();
    const day = (d: number) => Date.parse('2026-07-02T00:00:00Z') - d * DAY;
    const samples: HistorySample[] = [];
    for (const d of [100, 40, 10, 2]) {
      // Every 5 minutes for the whole day; one 5-hour cycle after another, rising within each.
      for (let m = 0; m < 24 * 60; m += 5) {
        const t = day(d) + m * 60_000;
        const cycle = Math.floor(m / 300);
        samples.push(sample(t, (m % 300) / 3, { resetsAt: day(d) + (cycle + 1) * 300 * 60_000 }));
      }
    }
    await store.append(samples);
    const before = await store.read({ sinceMs: 0 });
    const res = await store.compact();
    expect(res.deletedSegments).toBe(1);
    expect(res.rewrittenSegments).toBe(2);
    const after = await store.read({ sinceMs: 0 });
    const perDay = (list: HistorySample[], d: number) => list.filter((s) => s.t >= day(d) && s.t < day(d) + DAY);
    expect(perDay(after, 100)).toHaveLength(0);
    expect(perDay(after, 2)).toHaveLength(288);
    expect(perDay(after, 10).length).toBeLessThanOrEqual(24 * 4 + 10);
    expect(perDay(after, 40).length).toBeLessThanOrEqual(24 + 10);
    for (const d of [10, 40]) {
      const peaks = (list: HistorySample[]) => {
        const m = new Map<number, number>();
        for (const s of perDay(list, d)) m.set(s.resetsAt!, Math.max(m.get(s.resetsAt!) ?? 0, s.usedPercent));
        return m;
      };
      expect(peaks(after)).toEqual(peaks(before));
    }
    // Idempotent.
    expect((await store.compact()).rewrittenSegments).toBe(0);
  });

  it('daily totals: upsert replaces a day, keeps 90 days, survives a reload; a bad file is set aside', async () => {
    const dir = await tmp();
    const row = (date: string, cost: number) => ({
      date,
      inputTokens: 1,
      outputTokens: 2,
      cacheCreationTokens: 3,
      cacheReadTokens: 4,
      totalTokens: 10,
      totalCost: cost,
    });
    const s = new DailyTotalsStore(dir, { now: () => NOW });
    await s.load();
    await s.upsert([row('2026-07-01', 1.5), row('2026-07-02', 2), row('2026-03-01', 9), row('bad', 1)]);
    await s.upsert([row('2026-07-02', 3.25)]);
    const again = new DailyTotalsStore(dir, { now: () => NOW });
    expect((await again.load()).map((r) => [r.date, r.totalCost])).toEqual([
      ['2026-07-01', 1.5],
      ['2026-07-02', 3.25],
    ]);
    expect(again.list('2026-07-02')).toHaveLength(1);
    writeFileSync(again.file, '{"version":1,"days":{"2026-07-01":{"totalCost":"lots"}}}');
    const bad = new DailyTotalsStore(dir, { now: () => NOW });
    expect(await bad.load()).toEqual([]);
    expect(bad.loadProblem).toMatch(/daily usage totals could not be read .* moved to .*daily-totals\.json\.corrupt-/);
    expect(existsSync(bad.file)).toBe(false);
  });
});
