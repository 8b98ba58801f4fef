/**
 * The deduplicated usage entries: one row per API request, in columns (typed arrays) so that a
 * history of millions of lines stays within a few tens of megabytes. Rows are only ever added or
 * replaced by a bigger observation of the same request, never removed, which makes merging
 * idempotent and order-independent: re-reading a file, a resumed session replaying another file's
 * lines, or a transcript Claude Code has since deleted all leave the totals exact.
 */

/** Bits of `EntryStore.flags`: what the transcript recorded about how the request ran. */
export const FLAG_FAST = 1;
export const FLAG_US = 2;

/** An entry to fill in and reuse: the readers keep one and overwrite it for every line. */
export function blankEntry(): EntryInput {
  return {
    hi: 0,
    lo: 0,
    ts: 0,
    model: '',
    sessionId: '',
    project: '',
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    costUSD: NaN,
    flags: 0,
  };
}

/** Where a transcript reader puts what it reads: the store itself, or a batch a scan worker sends back. */
export interface EntrySink {
  add(e: EntryInput): unknown;
}

export interface EntryInput {
  hi: number;
  lo: number;
  /** Epoch ms of the line. */
  ts: number;
  model: string;
  sessionId: string;
  project: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  /** The cache write split as priced: 5-minute and 1-hour writes. */
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Cost the line carried (`costUSD`), or NaN. */
  costUSD: number;
  /** How the request ran, as the line recorded it: FLAG_FAST, FLAG_US; 0 by default. */
  flags?: number;
}

export type AddOutcome = 'added' | 'replaced' | 'kept';

const INITIAL = 4096;
/** Past this many rows the columns grow by a quarter instead of doubling (less slack, same amortised cost). */
const DOUBLE_UNTIL = 1 << 18;

/**
 * Rows changed since the last `takeDirty()`: every row from `from` on (new rows), plus the older
 * rows in `replaced`. A cold scan of millions of rows thus keeps no per-row bookkeeping.
 */
export interface DirtyRows {
  from: number;
  to: number;
  replaced: readonly number[];
}

export const dirtyRowCount = (d: DirtyRows): number => d.to - d.from + d.replaced.length;

export class EntryStore {
  count = 0;
  private cap = INITIAL;
  hi = new Float64Array(INITIAL);
  lo = new Float64Array(INITIAL);
  ts = new Float64Array(INITIAL);
  costUSD = new Float64Array(INITIAL);
  input = new Uint32Array(INITIAL);
  output = new Uint32Array(INITIAL);
  cacheCreate = new Uint32Array(INITIAL);
  cacheRead = new Uint32Array(INITIAL);
  write5m = new Uint32Array(INITIAL);
  write1h = new Uint32Array(INITIAL);
  model = new Uint16Array(INITIAL);
  session = new Uint32Array(INITIAL);
  flags = new Uint8Array(INITIAL);

  readonly models: string[] = [];
  private readonly modelIndex = new Map<string, number>();
  /** Session table: `sessionId` and the project folder it was logged under. */
  readonly sessions: { id: string; project: string }[] = [];
  private readonly sessionIndex = new Map<string, number>();
  // Consecutive rows nearly always share model and session: remember the last lookups.
  private lastModelName = '';
  private lastModel = -1;
  private lastSessionId = '';
  private lastProject = '';
  private lastSession = -1;

  /**
   * Open-addressing index on `hi` (linear probing): slot holds row + 1, 0 is empty. A typed array
   * instead of a Map keeps millions of rows from costing a boxed number and a map entry each.
   */
  private slots = new Int32Array(INITIAL * 2);
  private mask = INITIAL * 2 - 1;
  private shift = 32 - Math.log2(INITIAL * 2);

  private dirtyFrom = 0;
  private replaced = new Set<number>();

  modelId(name: string): number {
    if (name === this.lastModelName && this.lastModel >= 0) return this.lastModel;
    let i = this.modelIndex.get(name);
    if (i === undefined) {
      i = this.models.length;
      if (i > 0xffff) throw new Error('Too many distinct model names in the logs (over 65,535).');
      this.models.push(name);
      this.modelIndex.set(name, i);
    }
    this.lastModelName = name;
    this.lastModel = i;
    return i;
  }

  sessionRef(id: string, project: string): number {
    if (id === this.lastSessionId && project === this.lastProject && this.lastSession >= 0) return this.lastSession;
    const key = `${project}\u0000${id}`;
    let i = this.sessionIndex.get(key);
    if (i === undefined) {
      i = this.sessions.length;
      this.sessions.push({ id, project });
      this.sessionIndex.set(key, i);
    }
    this.lastSessionId = id;
    this.lastProject = project;
    this.lastSession = i;
    return i;
  }

  /** The slot for key (hi, lo): the one holding it, or the empty one where it would go. */
  private slotOf(hi: number, lo: number): number {
    // Fibonacci hashing of both 32-bit halves: real keys are well mixed already, but tests and
    // tools may store small integers, which must not all land in one run of slots.
    let s = Math.imul((hi / 4294967296) ^ hi, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const r = this.slots[s]!;
      if (r === 0) return s;
      const i = r - 1;
      if (this.hi[i] === hi && this.lo[i] === lo) return s;
      s = (s + 1) & this.mask;
    }
  }

  find(hi: number, lo: number): number {
    return this.slots[this.slotOf(hi, lo)]! - 1;
  }

  totalTokensAt(i: number): number {
    return this.input[i]! + this.output[i]! + this.cacheCreate[i]! + this.cacheRead[i]!;
  }

  /** Adds an observation of a request, keeping the one with the largest token total. */
  add(e: EntryInput): AddOutcome {
    const s = this.slotOf(e.hi, e.lo);
    const found = this.slots[s]! - 1;
    if (found >= 0) {
      const total = e.inputTokens + e.outputTokens + e.cacheCreationTokens + e.cacheReadTokens;
      if (total <= this.totalTokensAt(found)) {
        // Speed and geography only ever add up (OR), so the merge stays order-independent and a
        // re-read of a line written before they were stored fills them in.
        const f = this.flags[found]! | (e.flags ?? 0);
        if (f === this.flags[found]) return 'kept';
        this.flags[found] = f;
        if (found < this.dirtyFrom) this.replaced.add(found);
        return 'replaced';
      }
      this.write(found, e);
      if (found < this.dirtyFrom) this.replaced.add(found);
      return 'replaced';
    }
    const row = this.append();
    this.hi[row] = e.hi;
    this.lo[row] = e.lo;
    this.write(row, e);
    // Keep the load at most one half so that probes stay short.
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.slots[s] = row + 1;
    return 'added';
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    for (let i = 0; i < this.count; i++) this.slots[this.slotOf(this.hi[i]!, this.lo[i]!)] = i + 1;
  }

  private write(i: number, e: EntryInput): void {
    this.ts[i] = e.ts;
    this.costUSD[i] = e.costUSD;
    this.input[i] = e.inputTokens;
    this.output[i] = e.outputTokens;
    this.cacheCreate[i] = e.cacheCreationTokens;
    this.cacheRead[i] = e.cacheReadTokens;
    this.write5m[i] = e.cacheWrite5m;
    this.write1h[i] = e.cacheWrite1h;
    // A new row's slot is still 0 (rows are never removed); a replaced row keeps what it had.
    this.flags[i] = this.flags[i]! | (e.flags ?? 0);
    this.model[i] = this.modelId(e.model);
    this.session[i] = this.sessionRef(e.sessionId, e.project);
  }

  private append(): number {
    if (this.count === this.cap) this.grow(this.cap < DOUBLE_UNTIL ? this.cap * 2 : this.cap + (this.cap >> 2));
    return this.count++;
  }

  private grow(cap: number): void {
    const g = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.count) as never);
      return b;
    };
    this.hi = g(this.hi, (n) => new Float64Array(n));
    this.lo = g(this.lo, (n) => new Float64Array(n));
    this.ts = g(this.ts, (n) => new Float64Array(n));
    this.costUSD = g(this.costUSD, (n) => new Float64Array(n));
    this.input = g(this.input, (n) => new Uint32Array(n));
    this.output = g(this.output, (n) => new Uint32Array(n));
    this.cacheCreate = g(this.cacheCreate, (n) => new Uint32Array(n));
    this.cacheRead = g(this.cacheRead, (n) => new Uint32Array(n));
    this.write5m = g(this.write5m, (n) => new Uint32Array(n));
    this.write1h = g(this.write1h, (n) => new Uint32Array(n));
    this.model = g(this.model, (n) => new Uint16Array(n));
    this.session = g(this.session, (n) => new Uint32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.cap = cap;
  }

  /** Ensures room for `n` more rows (used when loading a saved store). */
  reserve(n: number): void {
    if (this.count + n > this.cap) this.grow(this.count + n);
    let size = this.slots.length;
    while ((this.count + n) * 2 > size) size *= 2;
    if (size !== this.slots.length) this.rehash(size);
  }

  takeDirty(): DirtyRows {
    const d: DirtyRows = { from: this.dirtyFrom, to: this.count, replaced: [...this.replaced].sort((a, b) => a - b) };
    this.dirtyFrom = this.count;
    this.replaced = new Set();
    return d;
  }

  /** Puts rows back after a failed save, so the next save includes them. */
  markDirty(d: DirtyRows): void {
    for (const r of d.replaced) this.replaced.add(r);
    if (d.from < this.dirtyFrom) {
      for (let r = d.from; r < this.dirtyFrom; r++) this.replaced.delete(r);
      this.dirtyFrom = d.from;
    }
  }

  get dirtyCount(): number {
    return this.count - this.dirtyFrom + this.replaced.size;
  }

  /** Row `i` as an input record (used by persistence and tests). */
  row(i: number): EntryInput {
    const s = this.sessions[this.session[i]!]!;
    return {
      hi: this.hi[i]!,
      lo: this.lo[i]!,
      ts: this.ts[i]!,
      model: this.models[this.model[i]!]!,
      sessionId: s.id,
      project: s.project,
      inputTokens: this.input[i]!,
      outputTokens: this.output[i]!,
      cacheCreationTokens: this.cacheCreate[i]!,
      cacheReadTokens: this.cacheRead[i]!,
      cacheWrite5m: this.write5m[i]!,
      cacheWrite1h: this.write1h[i]!,
      costUSD: this.costUSD[i]!,
      flags: this.flags[i]!,
    };
  }
}
