import { appendFileSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EntryInput } from '../../../../../electron/core/sources/local-logs/entry-store';
import { TranscriptReader } from '../../../../../electron/core/sources/local-logs/transcript-reader';
import { generateTree, removeDir, tempDir } from './helpers';

/** Every entry the reader hands over, copied (the reader reuses one object). */
class Collect {
  readonly entries: EntryInput[] = [];
  add(e: EntryInput): void {
    this.entries.push({ ...e });
  }
}

const meta = { sessionId: 'fallback-session', project: 'p' };

async function readWith(blocking: boolean, file: string, from = 0) {
  const sink = new Collect();
  const reader = new TranscriptReader(sink, blocking);
  let bytes = 0;
  const res = await reader.read(file, from, meta, (n) => (bytes += n), undefined, statSync(file).size - from);
  return { res, bytes, entries: sink.entries, counters: { ...reader.counters } };
}

describe('TranscriptReader: blocking reads (scan workers) and asynchronous reads (main thread)', () => {
  const { dir } = generateTree({ lines: 3000, files: 2, seed: 7, end: '2026-07-01T00:00:00Z' });
  const work = tempDir('reader');
  afterAll(() => {
    removeDir(dir);
    removeDir(work);
  });
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => path.join(dir, f));

  it('read the same entries, counters and resume offset from a whole transcript', async () => {
    const file = files.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b));
    const sync = await readWith(true, file);
    const async_ = await readWith(false, file);
    expect(sync.entries.length).toBeGreaterThan(100);
    expect(sync.entries).toEqual(async_.entries);
    expect(sync.counters).toEqual(async_.counters);
    expect(sync.res).toEqual(async_.res);
    expect(sync.res.offset).toBe(statSync(file).size);
    expect(sync.bytes).toBe(statSync(file).size);
  });

  it('leave a half-written last line for the next read, and resume from the same offset', async () => {
    const src = files[0]!;
    const file = path.join(work, 'cut.jsonl');
    const text = readFileSync(src, 'utf8');
    const cut = text.lastIndexOf('\n', text.length - 2) + 1;
    const tail = text.slice(cut);
    writeFileSync(file, text.slice(0, cut) + tail.slice(0, Math.floor(tail.length / 2)));
    const first = [await readWith(true, file), await readWith(false, file)];
    expect(first[0]!.entries).toEqual(first[1]!.entries);
    expect(first[0]!.res.offset).toBe(cut);
    expect(first[1]!.res.offset).toBe(cut);
    appendFileSync(file, tail.slice(Math.floor(tail.length / 2)));
    const again = [await readWith(true, file, cut), await readWith(false, file, cut)];
    expect(again[0]!.entries).toEqual(again[1]!.entries);
    expect(again[0]!.res.offset).toBe(statSync(file).size);
  });

  it('fail the same way on a transcript that is gone', async () => {
    const gone = path.join(work, 'gone.jsonl');
    const reader = (blocking: boolean) => new TranscriptReader(new Collect(), blocking);
    await expect(reader(true).read(gone, 0, meta, () => undefined)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(reader(false).read(gone, 0, meta, () => undefined)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
