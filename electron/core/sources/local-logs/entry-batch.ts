/**
 * Entries read by a scan worker, packed for the trip to the main thread: numbers in one
 * Float64Array (transferred, not copied) and the few distinct strings in a table. Replaying a
 * batch into the store adds exactly the entries, in exactly the order, the worker read them, so a
 * parallel scan builds the same store as a single-threaded one.
 */
import { blankEntry, type EntryInput, type EntrySink } from './entry-store';

const NUMS = 11;

export interface EntryBatch {
  count: number;
  nums: Float64Array<ArrayBuffer>;
  /** Per entry: the model, session and project as indexes into `strings`. */
  refs: Uint32Array<ArrayBuffer>;
  strings: string[];
}

export class BatchSink implements EntrySink {
  private nums = new Float64Array(NUMS * 256);
  private refs = new Uint32Array(3 * 256);
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private count = 0;

  private ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add(e: EntryInput): void {
    if ((this.count + 1) * NUMS > this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      this.nums = nums;
      const refs = new Uint32Array(this.refs.length * 2);
      refs.set(this.refs);
      this.refs = refs;
    }
    const o = this.count * NUMS;
    const n = this.nums;
    n[o] = e.hi;
    n[o + 1] = e.lo;
    n[o + 2] = e.ts;
    n[o + 3] = e.inputTokens;
    n[o + 4] = e.outputTokens;
    n[o + 5] = e.cacheCreationTokens;
    n[o + 6] = e.cacheReadTokens;
    n[o + 7] = e.cacheWrite5m;
    n[o + 8] = e.cacheWrite1h;
    n[o + 9] = e.costUSD;
    n[o + 10] = e.flags ?? 0;
    const r = this.count * 3;
    this.refs[r] = this.ref(e.model);
    this.refs[r + 1] = this.ref(e.sessionId);
    this.refs[r + 2] = this.ref(e.project);
    this.count++;
  }

  /** The batch so far (trimmed copies, ready to transfer); the sink starts empty again. */
  take(): EntryBatch {
    const batch: EntryBatch = {
      count: this.count,
      nums: this.nums.slice(0, this.count * NUMS),
      refs: this.refs.slice(0, this.count * 3),
      strings: [...this.strings],
    };
    this.count = 0;
    this.strings.length = 0;
    this.index.clear();
    return batch;
  }
}

/** Adds a batch's entries to `sink`, in the order they were read. */
export function replayBatch(batch: EntryBatch, sink: EntrySink): void {
  const e: EntryInput = blankEntry();
  const { nums: n, refs, strings } = batch;
  for (let i = 0; i < batch.count; i++) {
    const o = i * NUMS;
    e.hi = n[o]!;
    e.lo = n[o + 1]!;
    e.ts = n[o + 2]!;
    e.inputTokens = n[o + 3]!;
    e.outputTokens = n[o + 4]!;
    e.cacheCreationTokens = n[o + 5]!;
    e.cacheReadTokens = n[o + 6]!;
    e.cacheWrite5m = n[o + 7]!;
    e.cacheWrite1h = n[o + 8]!;
    e.costUSD = n[o + 9]!;
    e.flags = n[o + 10]!;
    e.model = strings[refs[i * 3]!]!;
    e.sessionId = strings[refs[i * 3 + 1]!]!;
    e.project = strings[refs[i * 3 + 2]!]!;
    sink.add(e);
  }
}
