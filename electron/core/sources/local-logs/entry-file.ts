/**
 * Binary file format for stored entries: a small JSON header (row count, model and session
 * tables) followed by one column per field. Loading merges rows into a store with the usual
 * keep-the-largest rule, so a base file plus any number of delta files load in one pass.
 */
import { writeFileAtomic } from '../../platform/fs/atomic';
import { dirtyRowCount, type DirtyRows, type EntryStore } from './entry-store';

const MAGIC = Buffer.from('HRLLE001');
/** Columns are written through a buffer of this size, never as one file-sized buffer. */
const CHUNK_BYTES = 256 * 1024;

interface Header {
  count: number;
  models: string[];
  sessions: { id: string; project: string }[];
  /** 1 when a flags column (speed, geography) follows the others; files written before it lack it. */
  flags?: number;
}

export class EntryFileError extends Error {
  override name = 'EntryFileError';
}

/** Maps file row j to store row: all rows, or the dirty ones (new rows first, then replaced ones). */
function rowMap(store: EntryStore, rows: DirtyRows | undefined): { n: number; at: (j: number) => number } {
  if (!rows) return { n: store.count, at: (j) => j };
  const nNew = rows.to - rows.from;
  return { n: dirtyRowCount(rows), at: (j) => (j < nNew ? rows.from + j : rows.replaced[j - nNew]!) };
}

/** The file as a sequence of chunks: header, then one column after another. Column chunks share one scratch buffer, valid until the next is requested. */
function* entryChunks(store: EntryStore, rows?: DirtyRows): Generator<Uint8Array> {
  const { n, at } = rowMap(store, rows);
  const models: string[] = [];
  const modelMap = new Map<number, number>();
  const sessions: { id: string; project: string }[] = [];
  const sessionMap = new Map<number, number>();
  // Whole-store writes keep the store's own numbering: no remapping column needed.
  const whole = !rows;
  if (whole) {
    models.push(...store.models);
    sessions.push(...store.sessions);
  } else {
    for (let j = 0; j < n; j++) {
      const i = at(j);
      const m = store.model[i]!;
      if (!modelMap.has(m)) {
        modelMap.set(m, models.length);
        models.push(store.models[m]!);
      }
      const s = store.session[i]!;
      if (!sessionMap.has(s)) {
        sessionMap.set(s, sessions.length);
        sessions.push(store.sessions[s]!);
      }
    }
  }
  const header: Header = { count: n, models, sessions, flags: 1 };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const pad = (8 - ((MAGIC.length + 4 + headerBytes.length) % 8)) % 8;
  const head = Buffer.alloc(MAGIC.length + 4 + headerBytes.length + pad);
  let o = MAGIC.copy(head, 0);
  o = head.writeUInt32LE(headerBytes.length, o);
  headerBytes.copy(head, o);
  yield head;

  const chunk = new ArrayBuffer(CHUNK_BYTES);
  const f64 = new Float64Array(chunk);
  const u32 = new Uint32Array(chunk);
  for (const col of [store.hi, store.lo, store.ts, store.costUSD]) {
    for (let j0 = 0; j0 < n; j0 += f64.length) {
      const m = Math.min(f64.length, n - j0);
      for (let j = 0; j < m; j++) f64[j] = col[at(j0 + j)]!;
      yield new Uint8Array(chunk, 0, m * 8);
    }
  }
  const mapped = (col: Uint16Array | Uint32Array, map: Map<number, number>): ((i: number) => number) =>
    whole ? (i) => col[i]! : (i) => map.get(col[i]!)!;
  const u32Cols: ((i: number) => number)[] = [
    store.input,
    store.output,
    store.cacheCreate,
    store.cacheRead,
    store.write5m,
    store.write1h,
  ].map((c) => (i: number) => c[i]!);
  u32Cols.push(mapped(store.model, modelMap), mapped(store.session, sessionMap), (i) => store.flags[i]!);
  for (const col of u32Cols) {
    for (let j0 = 0; j0 < n; j0 += u32.length) {
      const m = Math.min(u32.length, n - j0);
      for (let j = 0; j < m; j++) u32[j] = col(at(j0 + j));
      yield new Uint8Array(chunk, 0, m * 4);
    }
  }
}

/** Encodes `rows` of `store` (all rows when omitted) into one buffer: for tests and small files. */
export function encodeEntries(store: EntryStore, rows?: DirtyRows): Buffer {
  // Each chunk is a view of one reused scratch buffer: copy it before the next one is made.
  const parts: Buffer[] = [];
  for (const c of entryChunks(store, rows)) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/**
 * Writes an entries file crash-safely (temp file, fsync, rename, directory fsync, as
 * `writeFileAtomic`), column by column so that a store of millions of rows needs no second copy.
 */
export async function writeEntriesFile(file: string, store: EntryStore, rows?: DirtyRows): Promise<void> {
  await writeFileAtomic(file, entryChunks(store, rows));
}

/** Merges an encoded file into `store`. Throws EntryFileError when the bytes are not a valid file. */
export function decodeEntriesInto(store: EntryStore, buf: Buffer): number {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new EntryFileError('not a Brimline entries file');
  const hlen = buf.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as Header;
  } catch {
    throw new EntryFileError('its header is not valid JSON');
  }
  const n = header.count;
  if (!Number.isInteger(n) || n < 0 || !Array.isArray(header.models) || !Array.isArray(header.sessions))
    throw new EntryFileError('its header is malformed');
  let o = MAGIC.length + 4 + hlen;
  o += (8 - (o % 8)) % 8;
  const u32Count = header.flags === 1 ? 9 : 8;
  if (buf.length !== o + n * (4 * 8 + u32Count * 4)) throw new EntryFileError('it is truncated');
  // Typed views need 8-byte alignment: a large file read has its own buffer (offset 0) and is
  // used in place; a small pooled one may sit anywhere and is copied.
  let body: ArrayBuffer;
  let at: number;
  if ((buf.byteOffset + o) % 8 === 0) {
    body = buf.buffer as ArrayBuffer;
    at = buf.byteOffset + o;
  } else {
    body = new ArrayBuffer(buf.length - o);
    new Uint8Array(body).set(buf.subarray(o));
    at = 0;
  }
  const f = (k: number): Float64Array => new Float64Array(body, at + k * n * 8, n);
  const u = (k: number): Uint32Array => new Uint32Array(body, at + 4 * n * 8 + k * n * 4, n);
  const [hi, lo, ts, cost] = [f(0), f(1), f(2), f(3)];
  const [inp, out, cc, cr, w5, w1, model, session] = [u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7)];
  const flags = u32Count === 9 ? u(8) : null;
  store.reserve(n);
  for (let j = 0; j < n; j++) {
    const m = header.models[model[j]!];
    const s = header.sessions[session[j]!];
    if (typeof m !== 'string' || !s || typeof s.id !== 'string' || typeof s.project !== 'string')
      throw new EntryFileError('a row points outside its tables');
    store.add({
      hi: hi[j]!,
      lo: lo[j]!,
      ts: ts[j]!,
      costUSD: cost[j]!,
      inputTokens: inp[j]!,
      outputTokens: out[j]!,
      cacheCreationTokens: cc[j]!,
      cacheReadTokens: cr[j]!,
      cacheWrite5m: w5[j]!,
      cacheWrite1h: w1[j]!,
      flags: flags ? flags[j]! & 0xff : 0,
      model: m,
      sessionId: s.id,
      project: s.project,
    });
  }
  return n;
}
