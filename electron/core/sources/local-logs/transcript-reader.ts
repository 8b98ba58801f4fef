/**
 * Reads one transcript from a byte offset and turns its usage lines into store entries. Only
 * lines that contain the bytes `"usage"` are parsed at all (found with native `indexOf` over each
 * chunk); the large tool-output lines between them are never touched by JavaScript. A string
 * value cannot contain an unescaped quote, so the search cannot miss a real `"usage"` key.
 */
import { closeSync, openSync, promises as fsp, readSync } from 'node:fs';
import { hashKey, type KeyHash } from './key-hash';
import { LineParser } from './line-parser';
import { FLAG_FAST, FLAG_US, blankEntry, type EntryInput, type EntrySink } from './entry-store';

const USAGE = Buffer.from('"usage"');
/**
 * The search needle for the hot loop: without the leading quote, native indexOf runs about a
 * quarter faster (a quote is the commonest byte in JSON); the quote is checked on each hit.
 */
const USAGE_TAIL = Buffer.from('usage"');
const QUOTE = 0x22;
const NL = 0x0a;
const CHUNK = 4 * 1024 * 1024;

/** Domains keep the two kinds of key apart: a request id can never equal a whole-line hash. */
const DOMAIN_REQUEST = 1;
const DOMAIN_LINE = 2;

export const SYNTHETIC_MODEL = '<synthetic>';
export const UNKNOWN_MODEL = 'unknown';

export interface ReadCounters {
  usageLines: number;
  /** Lines that looked like usage but could not be read (bad numbers, bad timestamp, cut off). */
  malformed: number;
}

export interface ReadResult {
  /** Offset just after the last newline: where the next read starts. */
  offset: number;
  /** Bytes read in this pass. */
  bytesRead: number;
}

/** Shared scratch state for a scan: one parser, two buffers, reused across files. */
export class TranscriptReader {
  /**
   * Two buffers: the next chunk is read into one while the lines of the other are parsed, so the
   * disk (or page cache copy) and the parser overlap. They grow to CHUNK on the first big read;
   * small incremental reads never allocate megabytes.
   */
  private buf: Buffer = Buffer.allocUnsafe(64 * 1024);
  private spare: Buffer = Buffer.allocUnsafe(64 * 1024);
  private readonly parser = new LineParser();
  private readonly hash: KeyHash = { hi: 0, lo: 0 };
  private readonly entry: EntryInput = blankEntry();
  readonly counters: ReadCounters = { usageLines: 0, malformed: 0 };
  private readonly model = new LastString();
  private readonly session = new LastString();

  /**
   * `blocking`: read with synchronous calls. Only for a scan worker, which has nothing else to do
   * while it waits: each chunk then skips a round trip through libuv's thread pool, which makes a
   * worker's cold read about a fifth faster. The main thread keeps asynchronous reads, so that the
   * app stays responsive during a scan.
   */
  constructor(
    private readonly store: EntrySink,
    private readonly blocking = false,
  ) {}

  /**
   * Reads `file` from `offset` to its current end. The unterminated tail is parsed too (Claude
   * Code may be mid-write, or the file may simply lack a final newline) but the returned offset
   * stays before it, so it is read again next time; the dedup key makes that harmless.
   */
  async read(
    file: string,
    offset: number,
    meta: { sessionId: string; project: string },
    onBytes: (n: number) => void,
    signal?: AbortSignal,
    expectedBytes = CHUNK,
  ): Promise<ReadResult> {
    if (expectedBytes > this.buf.length && this.buf.length < CHUNK) {
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.spare = Buffer.allocUnsafe(CHUNK);
    }
    const fh: ReadHandle = this.blocking ? blockingHandle(file) : await fsp.open(file, 'r');
    let pending: Promise<{ bytesRead: number }> | null = null;
    try {
      let filled = 0; // bytes valid in buf
      let base = offset; // file offset of buf[0]
      let bytesRead = 0;
      pending = fh.read(this.buf, 0, this.buf.length, base);
      for (;;) {
        const { bytesRead: n } = await pending;
        pending = null;
        signal?.throwIfAborted();
        if (n === 0) break;
        bytesRead += n;
        onBytes(n);
        filled += n;
        const cur = this.buf;
        const limit = filled === 0 ? 0 : cur.lastIndexOf(NL, filled - 1) + 1;
        if (limit === 0) {
          // No complete line yet: read on into the same buffer, growing it for a very long line.
          if (filled === cur.length) {
            const bigger = Buffer.allocUnsafe(cur.length * 2);
            cur.copy(bigger, 0, 0, filled);
            this.buf = bigger;
          }
          pending = fh.read(this.buf, filled, this.buf.length - filled, base + filled);
          continue;
        }
        // Start the next read (after the carried partial line) before parsing this chunk.
        const carry = filled - limit;
        if (this.spare.length < cur.length) this.spare = Buffer.allocUnsafe(cur.length);
        const next = this.spare;
        cur.copy(next, 0, limit, filled);
        pending = fh.read(next, carry, next.length - carry, base + filled);
        this.scanLines(cur, limit, meta);
        this.spare = cur;
        this.buf = next;
        base += limit;
        filled = carry;
      }
      if (filled > 0) this.tail(this.buf, filled, meta);
      return { offset: base, bytesRead };
    } finally {
      // A read still in flight (abort, parse error) must finish before its handle closes.
      if (pending) await (pending as Promise<unknown>).catch(() => undefined);
      await fh.close();
    }
  }

  /** Processes the complete lines in buf[0, limit), which ends with a newline. */
  private scanLines(buf: Buffer, limit: number, meta: { sessionId: string; project: string }): void {
    const view = buf.subarray(0, limit);
    let pos = 0; // start of the first line not yet handled
    let from = 0; // search cursor
    while (from < limit) {
      const h = view.indexOf(USAGE_TAIL, from);
      if (h < 0) break;
      if (h === 0 || view[h - 1] !== QUOTE) {
        from = h + 1;
        continue;
      }
      const hit = h - 1;
      const start = hit === 0 ? 0 : view.lastIndexOf(NL, hit - 1) + 1;
      const end = view.indexOf(NL, hit);
      this.line(view, Math.max(start, pos), end, meta);
      pos = from = end + 1;
    }
  }

  private tail(buf: Buffer, filled: number, meta: { sessionId: string; project: string }): void {
    const view = buf.subarray(0, filled);
    // A cut-off line fails to parse and is simply not counted yet.
    if (view.indexOf(USAGE) >= 0 && this.parser.parse(view, 0, filled)) this.accept(view, 0, filled, meta, false);
  }

  private line(view: Buffer, start: number, end: number, meta: { sessionId: string; project: string }): void {
    if (!this.parser.parse(view, start, end)) {
      this.counters.malformed++;
      return;
    }
    this.accept(view, start, end, meta, true);
  }

  private accept(view: Buffer, start: number, end: number, meta: { sessionId: string; project: string }, complete: boolean): void {
    const p = this.parser;
    if (!p.hasUsage || p.isApiError || !p.isResponse) return;
    const model = this.model.get(p, p.model);
    if (model === SYNTHETIC_MODEL) return;
    const inp = p.inputTokens;
    const out = p.outputTokens;
    const cc = p.cacheCreationTokens;
    const cr = p.cacheReadTokens;
    if (!validCount(inp) || !validCount(out) || !validCount(cc) || !validCount(cr)) {
      if (complete) this.counters.malformed++;
      return;
    }
    if (model === null && inp + out + cc + cr === 0) return;
    const ts = parseTimestamp(view, p.timestamp.start, p.timestamp.end, p.timestamp.escaped ? p.text(p.timestamp) : null);
    if (!Number.isFinite(ts)) {
      if (complete) this.counters.malformed++;
      return;
    }
    const e = this.entry;
    if (p.messageId.start >= 0 && !p.messageId.escaped && !p.requestId.escaped) {
      hashKey(this.hash, view, p.messageId.start, p.messageId.end, p.requestId.start, p.requestId.end, DOMAIN_REQUEST);
    } else if (p.messageId.start >= 0) {
      const id = Buffer.from(`${p.text(p.messageId) ?? ''}${p.requestId.start >= 0 ? `:${p.text(p.requestId) ?? ''}` : ''}`);
      const sep = id.indexOf(0x3a);
      // Hash decoded ids exactly as the unescaped fast path would see them.
      if (p.requestId.start >= 0)
        hashKey(this.hash, id, 0, sep < 0 ? id.length : sep, sep < 0 ? id.length : sep + 1, id.length, DOMAIN_REQUEST);
      else hashKey(this.hash, id, 0, id.length, -1, -1, DOMAIN_REQUEST);
    } else {
      // No id to deduplicate on: the line's own bytes, so that re-reading it is still harmless.
      hashKey(this.hash, view, start, trimEnd(view, start, end), -1, -1, DOMAIN_LINE);
    }
    e.hi = this.hash.hi;
    e.lo = this.hash.lo;
    e.ts = ts;
    e.model = model ?? UNKNOWN_MODEL;
    e.sessionId = this.session.get(p, p.sessionId) ?? meta.sessionId;
    e.project = meta.project;
    e.inputTokens = inp;
    e.outputTokens = out;
    e.cacheCreationTokens = cc;
    e.cacheReadTokens = cr;
    e.cacheWrite1h = Number.isNaN(p.ephemeral1h) ? 0 : validCount(p.ephemeral1h) ? Math.min(p.ephemeral1h, cc) : 0;
    const split5m = Number.isNaN(p.ephemeral5m) ? cc : validCount(p.ephemeral5m) ? p.ephemeral5m : 0;
    // A split that accounts for less than the write total (gateways send `{0, 0}` beside real cache
    // writes) would price the rest at $0: what the split leaves out is priced as 5-minute writes.
    e.cacheWrite5m = Math.max(split5m, cc - e.cacheWrite1h);
    e.costUSD = Number.isFinite(p.costUSD) && p.costUSD >= 0 ? p.costUSD : NaN;
    e.flags = (p.fast ? FLAG_FAST : 0) | (p.geoUs ? FLAG_US : 0);
    this.counters.usageLines++;
    this.store.add(e);
  }
}

interface ReadHandle {
  read(buf: Buffer, at: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** A file read with synchronous calls behind the same interface as a FileHandle. */
function blockingHandle(file: string): ReadHandle {
  const fd = openSync(file, 'r');
  return {
    read: (buf, at, length, position) => {
      try {
        return Promise.resolve({ bytesRead: readSync(fd, buf, at, length, position) });
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    close: () => {
      closeSync(fd);
      return Promise.resolve();
    },
  };
}

/** Most lines repeat the previous line's model and session: decode only when the bytes change. */
class LastString {
  private bytes = new Uint8Array(0);
  private value: string | null = null;

  get(p: LineParser, s: LineParser['model']): string | null {
    if (s.start < 0) return null;
    if (this.value !== null && p.equals(s, this.bytes)) return this.value;
    const v = p.text(s);
    if (v !== null && !s.escaped) {
      this.bytes = Uint8Array.from(p.raw.subarray(s.start, s.end));
      this.value = v;
    }
    return v;
  }
}

function validCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

function trimEnd(view: Buffer, start: number, end: number): number {
  while (end > start && (view[end - 1] === 0x0d || view[end - 1] === 0x20 || view[end - 1] === 0x09)) end--;
  return end;
}

const d = (b: Buffer, i: number): number => {
  const c = b[i]! - 0x30;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** `2026-01-06T09:16:06.951Z` read straight from bytes; anything else goes through Date.parse. */
export function parseTimestamp(b: Buffer, s: number, e: number, decoded: string | null): number {
  if (s < 0) return NaN;
  if (decoded === null && (e - s === 24 || e - s === 20) && b[s + 4] === 0x2d && b[s + 10] === 0x54 && b[e - 1] === 0x5a) {
    const y = d(b, s) * 1000 + d(b, s + 1) * 100 + d(b, s + 2) * 10 + d(b, s + 3);
    const mo = d(b, s + 5) * 10 + d(b, s + 6);
    const da = d(b, s + 8) * 10 + d(b, s + 9);
    const h = d(b, s + 11) * 10 + d(b, s + 12);
    const mi = d(b, s + 14) * 10 + d(b, s + 15);
    const se = d(b, s + 17) * 10 + d(b, s + 18);
    const ms = e - s === 24 ? d(b, s + 20) * 100 + d(b, s + 21) * 10 + d(b, s + 22) : 0;
    if (mo >= 1 && mo <= 12 && da >= 1 && da <= 31 && h < 24 && mi < 60 && se < 60 && ms >= 0 && ms < 1000 && y >= 1970) {
      return Date.UTC(y, mo - 1, da, h, mi, se, ms);
    }
    return NaN;
  }
  const text = decoded ?? b.toString('utf8', s, e);
  return Date.parse(text);
}
