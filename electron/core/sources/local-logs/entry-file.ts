/**
 * Binary file format for stored entries: a small JSON header (row count, model and session
 * tables) followed by one column per field. Loading merges rows into a store with the usual
 * keep-the-largest rule, so a base file plus any number of delta files load in one pass.
 */
import type { EntryStore } from './entry-store';

const MAGIC = Buffer.from('HRLLE001');

interface Header {
  count: number;
  models: string[];
  sessions: { id: string; project: string }[];
}

export class EntryFileError extends Error {
  override name = 'EntryFileError';
}

/** Encodes `rows` of `store` (all rows when omitted). */
export function encodeEntries(store: EntryStore, rows?: readonly number[]): Buffer {
  const n = rows ? rows.length : store.count;
  const at = (j: number): number => (rows ? rows[j]! : j);
  const models: string[] = [];
  const modelMap = new Map<number, number>();
  const sessions: { id: string; project: string }[] = [];
  const sessionMap = new Map<number, number>();
  const modelCol = new Uint32Array(n);
  const sessionCol = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = at(j);
    const m = store.model[i]!;
    let mi = modelMap.get(m);
    if (mi === undefined) {
      mi = models.length;
      models.push(store.models[m]!);
      modelMap.set(m, mi);
    }
    modelCol[j] = mi;
    const s = store.session[i]!;
    let si = sessionMap.get(s);
    if (si === undefined) {
      si = sessions.length;
      sessions.push(store.sessions[s]!);
      sessionMap.set(s, si);
    }
    sessionCol[j] = si;
  }
  const header: Header = { count: n, models, sessions };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const pad = (8 - ((MAGIC.length + 4 + headerBytes.length) % 8)) % 8;
  const f64 = [store.hi, store.lo, store.ts, store.costUSD];
  const u32 = [store.input, store.output, store.cacheCreate, store.cacheRead, store.write5m, store.write1h];
  const size = MAGIC.length + 4 + headerBytes.length + pad + n * (f64.length * 8 + (u32.length + 2) * 4);
  const out = Buffer.alloc(size);
  let o = MAGIC.copy(out, 0);
  o = out.writeUInt32LE(headerBytes.length, o);
  o += headerBytes.copy(out, o);
  o += pad;
  for (const col of f64) {
    const dst = new Float64Array(out.buffer, out.byteOffset + o, n);
    for (let j = 0; j < n; j++) dst[j] = col[at(j)]!;
    o += n * 8;
  }
  for (const col of [...u32.map((c) => (j: number) => c[at(j)]!), (j: number) => modelCol[j]!, (j: number) => sessionCol[j]!]) {
    const dst = new Uint32Array(out.buffer, out.byteOffset + o, n);
    for (let j = 0; j < n; j++) dst[j] = col(j);
    o += n * 4;
  }
  return out;
}

/** Merges an encoded file into `store`. Throws EntryFileError when the bytes are not a valid file. */
export function decodeEntriesInto(store: EntryStore, buf: Buffer): number {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new EntryFileError('not a Headroom entries file');
  const hlen = buf.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + hlen)) as Header;
  } catch {
    throw new EntryFileError('its header is not valid JSON');
  }
  const n = header.count;
  if (!Number.isInteger(n) || n < 0 || !Array.isArray(header.models) || !Array.isArray(header.sessions)) throw new EntryFileError('its header is malformed');
  let o = MAGIC.length + 4 + hlen;
  o += (8 - (o % 8)) % 8;
  if (buf.length !== o + n * (4 * 8 + 8 * 4)) throw new EntryFileError('it is truncated');
  // Copy into an aligned buffer: a Buffer from readFile may sit at any byte offset.
  const body = new ArrayBuffer(buf.length - o);
  new Uint8Array(body).set(buf.subarray(o));
  const f = (k: number): Float64Array => new Float64Array(body, k * n * 8, n);
  const u = (k: number): Uint32Array => new Uint32Array(body, 4 * n * 8 + k * n * 4, n);
  const [hi, lo, ts, cost] = [f(0), f(1), f(2), f(3)];
  const [inp, out, cc, cr, w5, w1, model, session] = [u(0), u(1), u(2), u(3), u(4), u(5), u(6), u(7)];
  store.reserve(n);
  for (let j = 0; j < n; j++) {
    const m = header.models[model[j]!];
    const s = header.sessions[session[j]!];
    if (typeof m !== 'string' || !s || typeof s.id !== 'string' || typeof s.project !== 'string') throw new EntryFileError('a row points outside its tables');
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
      model: m,
      sessionId: s.id,
      project: s.project,
    });
  }
  return n;
}
