/**
 * The deduplicated usage entries: one row per API request, in columns (typed arrays) so that a
 * history of millions of lines stays within a few tens of megabytes. Rows are only ever added or
 * replaced by a bigger observation of the same request, never removed, which makes merging
 * idempotent and order-independent: re-reading a file, a resumed session replaying another file's
 * lines, or a transcript Claude Code has since deleted all leave the totals exact.
 */

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
}

export type AddOutcome = 'added' | 'replaced' | 'kept';

const INITIAL = 4096;

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

  readonly models: string[] = [];
  private readonly modelIndex = new Map<string, number>();
  /** Session table: `sessionId` and the project folder it was logged under. */
  readonly sessions: { id: string; project: string }[] = [];
  private readonly sessionIndex = new Map<string, number>();

  private readonly byHi = new Map<number, number>();
  /** Rows whose `hi` collided with another row's (different `lo`): practically never used. */
  private readonly overflow = new Map<string, number>();

  /** Rows added or replaced since the last `takeDirty()`, for incremental persistence. */
  private dirty = new Set<number>();

  modelId(name: string): number {
    let i = this.modelIndex.get(name);
    if (i === undefined) {
      i = this.models.length;
      if (i > 0xffff) throw new Error('Too many distinct model names in the logs (over 65,535).');
      this.models.push(name);
      this.modelIndex.set(name, i);
    }
    return i;
  }

  sessionRef(id: string, project: string): number {
    const key = `${project}\u0000${id}`;
    let i = this.sessionIndex.get(key);
    if (i === undefined) {
      i = this.sessions.length;
      this.sessions.push({ id, project });
      this.sessionIndex.set(key, i);
    }
    return i;
  }

  find(hi: number, lo: number): number {
    const i = this.byHi.get(hi);
    if (i === undefined) return -1;
    if (this.lo[i] === lo) return i;
    return this.overflow.get(`${hi}/${lo}`) ?? -1;
  }

  totalTokensAt(i: number): number {
    return this.input[i]! + this.output[i]! + this.cacheCreate[i]! + this.cacheRead[i]!;
  }

  /** Adds an observation of a request, keeping the one with the largest token total. */
  add(e: EntryInput): AddOutcome {
    const i = this.find(e.hi, e.lo);
    if (i >= 0) {
      const total = e.inputTokens + e.outputTokens + e.cacheCreationTokens + e.cacheReadTokens;
      if (total <= this.totalTokensAt(i)) return 'kept';
      this.write(i, e);
      return 'replaced';
    }
    const row = this.append();
    this.hi[row] = e.hi;
    this.lo[row] = e.lo;
    if (this.byHi.has(e.hi)) this.overflow.set(`${e.hi}/${e.lo}`, row);
    else this.byHi.set(e.hi, row);
    this.write(row, e);
    return 'added';
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
    this.model[i] = this.modelId(e.model);
    this.session[i] = this.sessionRef(e.sessionId, e.project);
    this.dirty.add(i);
  }

  private append(): number {
    if (this.count === this.cap) this.grow(this.cap * 2);
    return this.count++;
  }

  private grow(cap: number): void {
    const g = <T extends Float64Array | Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
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
    this.cap = cap;
  }

  /** Ensures room for `n` more rows (used when loading a saved store). */
  reserve(n: number): void {
    let cap = this.cap;
    while (cap < this.count + n) cap *= 2;
    if (cap !== this.cap) this.grow(cap);
  }

  takeDirty(): number[] {
    const d = [...this.dirty].sort((a, b) => a - b);
    this.dirty = new Set();
    return d;
  }

  /** Puts rows back after a failed save, so the next save includes them. */
  markDirty(rows: readonly number[]): void {
    for (const r of rows) this.dirty.add(r);
  }

  get dirtyCount(): number {
    return this.dirty.size;
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
    };
  }
}
