import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EntryStore, dirtyRowCount, type EntryInput } from '../../../../../electron/core/sources/local-logs/entry-store';
import { decodeEntriesInto, encodeEntries, writeEntriesFile } from '../../../../../electron/core/sources/local-logs/entry-file';

const entry = (hi: number, lo: number, tokens: number, model = 'claude-sonnet-4-5', sessionId = 's'): EntryInput => ({
  hi,
  lo,
  ts: 1_767_225_600_000 + hi,
  model,
  sessionId,
  project: 'p',
  inputTokens: tokens,
  outputTokens: 1,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  costUSD: NaN,
});

describe('EntryStore index', () => {
  it('keeps 50,000 small-integer keys and same-hi pairs apart through many rehashes', () => {
    const s = new EntryStore();
    for (let k = 0; k < 25_000; k++) {
      expect(s.add(entry(k, 1, 10))).toBe('added');
      expect(s.add(entry(k, 2, 10))).toBe('added'); // same hi, different lo: a different request
    }
    expect(s.count).toBe(50_000);
    for (let k = 0; k < 25_000; k += 997) {
      expect(s.find(k, 1)).toBeGreaterThanOrEqual(0);
      expect(s.find(k, 2)).not.toBe(s.find(k, 1));
    }
    expect(s.find(25_000, 1)).toBe(-1);
    expect(s.add(entry(7, 2, 5))).toBe('kept');
    expect(s.add(entry(7, 2, 50))).toBe('replaced');
    expect(s.input[s.find(7, 2)]).toBe(50);
  });

  it('tracks new rows as a range and older replaced rows one by one, and puts them back after a failed save', () => {
    const s = new EntryStore();
    for (let k = 1; k <= 10; k++) s.add(entry(k, k, 1));
    expect(dirtyRowCount(s.takeDirty())).toBe(10);
    s.add(entry(3, 3, 9)); // replaces an already saved row
    s.add(entry(11, 11, 1)); // new
    const d = s.takeDirty();
    expect(d).toEqual({ from: 10, to: 11, replaced: [2] });
    expect(s.dirtyCount).toBe(0);
    s.add(entry(12, 12, 1));
    s.markDirty(d);
    expect(s.dirtyCount).toBe(3);
    const again = s.takeDirty();
    expect(again.replaced).toEqual([2]);
    expect([again.from, again.to]).toEqual([10, 12]);
  });
});

describe('entry files', () => {
  it('round-trips a delta (new and replaced rows) and a whole store, written chunk by chunk to disk', async () => {
    const s = new EntryStore();
    // Enough rows that every column spans several 256 KB write chunks.
    for (let k = 1; k <= 70_000; k++) s.add(entry(k * 3, k, k % 500, k % 3 === 0 ? 'claude-opus-4-5' : 'claude-haiku-4-5', `s${k % 7}`));
    s.takeDirty();
    s.add(entry(3, 1, 999)); // replace row 0
    s.add(entry(1e9, 5, 4, 'claude-new-model', 'fresh'));
    const delta = encodeEntries(s, s.takeDirty());
    const d = new EntryStore();
    expect(decodeEntriesInto(d, delta)).toBe(2);
    expect(d.row(d.find(3, 1))).toMatchObject({ inputTokens: 999, model: 'claude-sonnet-4-5', sessionId: 's' });
    expect(d.row(d.find(1e9, 5))).toMatchObject({ model: 'claude-new-model', sessionId: 'fresh' });

    const dir = mkdtempSync(path.join(tmpdir(), 'hr-entries-'));
    const file = path.join(dir, 'whole.bin');
    await writeEntriesFile(file, s);
    expect(readdirSync(dir)).toEqual(['whole.bin']); // no temp file left behind
    const bytes = readFileSync(file);
    expect(bytes.equals(encodeEntries(s))).toBe(true);
    const w = new EntryStore();
    expect(decodeEntriesInto(w, bytes)).toBe(s.count);
    for (const i of [0, 1, 12_345, 69_999, 70_000]) expect(w.row(w.find(s.hi[i]!, s.lo[i]!))).toEqual(s.row(i));
  });
});
