/**
 * Byte-level reader for one Claude Code transcript line. It walks the JSON structure without
 * building objects: strings (most of a line: tool output, thinking text) are skipped with native
 * `indexOf`, and only the handful of fields the reports need are decoded. Keys are matched by
 * position in the structure, so a `"usage"` or `"model"` key inside tool input or a Task tool's
 * `toolUseResult` is never mistaken for the message's own. Whitespace between tokens is legal
 * JSON and is accepted everywhere. A line that is not one complete JSON object is rejected, which
 * is how a half-written last line is told apart from a finished one.
 */

const QUOTE = 0x22;
const BSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const k = (s: string): Uint8Array => new TextEncoder().encode(s);
const K_MESSAGE = k('message');
const K_TYPE = k('type');
/** The only line type that carries a response's usage. */
export const ASSISTANT_TYPE = k('assistant');
const K_REQUEST_ID = k('requestId');
const K_TIMESTAMP = k('timestamp');
const K_SESSION_ID = k('sessionId');
const K_COST_USD = k('costUSD');
const K_IS_API_ERROR = k('isApiErrorMessage');
const K_ID = k('id');
const K_MODEL = k('model');
const K_USAGE = k('usage');
const K_INPUT = k('input_tokens');
const K_OUTPUT = k('output_tokens');
const K_CACHE_CREATION_INPUT = k('cache_creation_input_tokens');
const K_CACHE_READ = k('cache_read_input_tokens');
const K_CACHE_CREATION = k('cache_creation');
const K_EPH_5M = k('ephemeral_5m_input_tokens');
const K_EPH_1H = k('ephemeral_1h_input_tokens');
const K_SPEED = k('speed');
const K_INFERENCE_GEO = k('inference_geo');
const V_FAST = k('fast');
const V_US = k('us');

const F_COST = 0;
const F_INPUT = 1;
const F_OUTPUT = 2;
const F_CACHE_CREATE = 3;
const F_CACHE_READ = 4;
const F_EPH_5M = 5;
const F_EPH_1H = 6;

/** A string value's location; `escaped` when it holds a backslash and needs JSON decoding. */
export interface Span {
  start: number;
  end: number;
  escaped: boolean;
}

const emptySpan = (): Span => ({ start: -1, end: -1, escaped: false });

function isWs(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The fields of one line. One instance is reused for every line of a scan (no allocation per
 * line); read it before parsing the next line.
 */
export class LineParser {
  private buf: Uint8Array = new Uint8Array(0);
  private nodeBuf: Buffer = Buffer.alloc(0);
  private end = 0;

  readonly messageId: Span = emptySpan();
  readonly requestId: Span = emptySpan();
  readonly timestamp: Span = emptySpan();
  readonly sessionId: Span = emptySpan();
  readonly model: Span = emptySpan();
  /**
   * The line's own `type`. Only `assistant` lines (or, in old transcripts, lines with no type) are
   * responses; Claude Code 2.1.328 adds bookkeeping lines (`api-request`, `api-request-shape`,
   * `cost-state`, `session-owner`, `tools-used`, …) that may repeat a usage or a cost.
   */
  readonly type: Span = emptySpan();
  /** NaN when absent or null. */
  costUSD = NaN;
  isApiError = false;
  hasUsage = false;
  inputTokens = NaN;
  outputTokens = NaN;
  cacheCreationTokens = 0;
  cacheReadTokens = 0;
  /** NaN when the usage carries no `cache_creation` breakdown. */
  ephemeral5m = NaN;
  ephemeral1h = NaN;
  /** `usage.speed` is "fast" / `usage.inference_geo` is "us" (both priced differently). */
  fast = false;
  geoUs = false;

  /** Parses bytes [start, end) of `buf`. Returns false when the line is not one complete JSON object. */
  parse(buf: Buffer, start: number, end: number): boolean {
    this.nodeBuf = buf;
    this.buf = buf;
    this.end = end;
    this.reset();
    let p = this.ws(start);
    if (this.buf[p] !== LBRACE) return false;
    p = this.object(p, 0);
    if (p < 0) return false;
    return this.ws(p) === end;
  }

  private reset(): void {
    this.messageId.start = -1;
    this.requestId.start = -1;
    this.timestamp.start = -1;
    this.sessionId.start = -1;
    this.model.start = -1;
    this.type.start = -1;
    this.costUSD = NaN;
    this.isApiError = false;
    this.hasUsage = false;
    this.inputTokens = NaN;
    this.outputTokens = NaN;
    this.cacheCreationTokens = 0;
    this.cacheReadTokens = 0;
    this.ephemeral5m = NaN;
    this.ephemeral1h = NaN;
    this.fast = false;
    this.geoUs = false;
  }

  /** A response line: `assistant`, or no type at all (transcripts before types, ccusage's fixtures). */
  get isResponse(): boolean {
    return this.type.start < 0 || this.equals(this.type, ASSISTANT_TYPE);
  }

  /** Decodes a string field; null when it was absent or not a string. */
  text(s: Span): string | null {
    if (s.start < 0) return null;
    if (!s.escaped) return this.nodeBuf.toString('utf8', s.start, s.end);
    try {
      const v: unknown = JSON.parse(this.nodeBuf.toString('utf8', s.start - 1, s.end + 1));
      return typeof v === 'string' ? v : null;
    } catch {
      return null;
    }
  }

  get raw(): Buffer {
    return this.nodeBuf;
  }

  /** Whether an unescaped string field holds exactly `bytes` (to reuse a decoded string). */
  equals(s: Span, bytes: Uint8Array): boolean {
    if (s.start < 0 || s.escaped || s.end - s.start !== bytes.length) return false;
    const b = this.buf;
    for (let i = 0; i < bytes.length; i++) if (b[s.start + i] !== bytes[i]) return false;
    return true;
  }

  private ws(p: number): number {
    const b = this.buf;
    while (p < this.end && isWs(b[p])) p++;
    return p;
  }

  /** p at an opening quote; returns the index after the closing quote, or -1. */
  private str(p: number, span: Span | null): number {
    const b = this.buf;
    const end = this.end;
    let escaped = false;
    let q = p + 1;
    // Short strings (keys, ids) are faster to walk in JS than to hand to native indexOf.
    const shortEnd = Math.min(end, q + 48);
    while (q < shortEnd) {
      const c = b[q];
      if (c === QUOTE) return this.closeStr(p, q, escaped, span);
      if (c === BSLASH) {
        escaped = true;
        q += 2;
        continue;
      }
      q++;
    }
    return this.longStr(p, q, escaped, span);
  }

  /** The rest of a long string from `q` (no unescaped quote in (p, q)), found with native indexOf. */
  private longStr(p: number, q: number, escaped: boolean, span: Span | null): number {
    const b = this.buf;
    const end = this.end;
    for (;;) {
      const r = this.nodeBuf.indexOf(QUOTE, q);
      if (r < 0 || r >= end) return -1;
      let n = 0;
      let j = r - 1;
      while (j > p && b[j] === BSLASH) {
        n++;
        j--;
      }
      if (n > 0) escaped = true;
      if ((n & 1) === 0) return this.closeStr(p, r, escaped, span);
      q = r + 1;
    }
  }

  /** Like `str` without recording where: the hot path for skipped values and keys. */
  private skipStr(p: number): number {
    const b = this.buf;
    let q = p + 1;
    // 40 covers the UUIDs and ids most lines are made of (36 bytes at most).
    const shortEnd = Math.min(this.end, q + 40);
    while (q < shortEnd) {
      const c = b[q];
      if (c === QUOTE) return q + 1;
      if (c === BSLASH) return this.str(p, null);
      q++;
    }
    // No backslash so far: carry on from here rather than walking the start again.
    return this.longStr(p, q, false, null);
  }

  private closeStr(open: number, close: number, escaped: boolean, span: Span | null): number {
    if (span) {
      span.start = open + 1;
      span.end = close;
      span.escaped = escaped;
    }
    return close + 1;
  }

  private keyIs(start: number, end: number, key: Uint8Array): boolean {
    if (end - start !== key.length) return false;
    const b = this.buf;
    for (let i = 0; i < key.length; i++) if (b[start + i] !== key[i]) return false;
    return true;
  }

  /** Skips any JSON value; returns the index after it, or -1. */
  private skip(p: number): number {
    const b = this.buf;
    const c = b[p];
    if (c === QUOTE) return this.skipStr(p);
    if (c === LBRACE || c === LBRACK) {
      let depth = 0;
      let i = p;
      while (i < this.end) {
        const d = b[i];
        if (d === QUOTE) {
          i = this.skipStr(i);
          if (i < 0) return -1;
          continue;
        }
        if (d === LBRACE || d === LBRACK) depth++;
        else if (d === RBRACE || d === RBRACK) {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
      return -1;
    }
    let i = p;
    while (i < this.end) {
      const d = b[i];
      if (d === COMMA || d === RBRACE || d === RBRACK || isWs(d)) break;
      i++;
    }
    return i > p ? i : -1;
  }

  /** Reads a number into `lastNum`: NaN for null, a non-number or one beyond a double's range. Returns the index after it. */
  private num(p: number): number {
    const b = this.buf;
    let i = p;
    let v = 0;
    let simple = true;
    while (i < this.end) {
      const d = b[i]!;
      if (d >= 0x30 && d <= 0x39) {
        v = v * 10 + (d - 0x30);
        i++;
        continue;
      }
      if (d === COMMA || d === RBRACE || d === RBRACK || isWs(d)) break;
      simple = false;
      i++;
    }
    if (i === p) {
      this.lastNum = NaN;
      return -1;
    }
    // Over 308 digits the running value overflows to Infinity: not a number the logs can mean.
    if (simple) this.lastNum = v === Infinity ? NaN : v;
    else {
      const t = this.nodeBuf.toString('latin1', p, i);
      const n = t === 'null' ? NaN : Number(t);
      this.lastNum = Number.isFinite(n) ? n : NaN;
    }
    return i;
  }

  private lastNum = NaN;

  /**
   * Walks an object. `level` says whose keys these are: 0 the line, 1 `message`, 2 `usage`,
   * 3 `usage.cache_creation`.
   */
  private object(p: number, level: 0 | 1 | 2 | 3): number {
    const b = this.buf;
    p = this.ws(p + 1);
    if (b[p] === RBRACE) return p + 1;
    for (;;) {
      if (b[p] !== QUOTE) return -1;
      const ks = p + 1;
      p = this.skipStr(p);
      if (p < 0) return -1;
      const ke = p - 1;
      p = this.ws(p);
      if (b[p] !== COLON) return -1;
      p = this.ws(p + 1);
      if (p >= this.end) return -1;
      p = this.field(p, level, ks, ke);
      if (p < 0) return -1;
      p = this.ws(p);
      const c = b[p];
      if (c === COMMA) {
        p = this.ws(p + 1);
        continue;
      }
      if (c === RBRACE) return p + 1;
      return -1;
    }
  }

  /** Most keys are none of ours: the length alone rules them out before any byte is compared. */
  private field(p: number, level: 0 | 1 | 2 | 3, ks: number, ke: number): number {
    const c = this.buf[p];
    const len = ke - ks;
    switch (level) {
      case 0: {
        // Length and first byte rule out the line's other keys (uuid, version, gitBranch, …).
        const f = this.buf[ks];
        if (len === 4 && f === 0x74 /* t */ && this.keyIs(ks, ke, K_TYPE)) return this.strField(p, this.type);
        if (len === 7) {
          if (f === 0x6d /* m */ && this.keyIs(ks, ke, K_MESSAGE)) return c === LBRACE ? this.object(p, 1) : this.skip(p);
          if (f === 0x63 /* c */ && this.keyIs(ks, ke, K_COST_USD)) return this.numField(p, F_COST);
        } else if (len === 9) {
          if (f === 0x72 /* r */ && this.keyIs(ks, ke, K_REQUEST_ID)) return this.strField(p, this.requestId);
          if (f === 0x74 /* t */ && this.keyIs(ks, ke, K_TIMESTAMP)) return this.strField(p, this.timestamp);
          if (f === 0x73 /* s */ && this.keyIs(ks, ke, K_SESSION_ID)) return this.strField(p, this.sessionId);
        } else if (len === 17 && this.keyIs(ks, ke, K_IS_API_ERROR)) {
          const q = this.skip(p);
          if (q > 0 && q - p === 4 && c === 0x74 /* t */) this.isApiError = true;
          return q;
        }
        return this.skip(p);
      }
      case 1:
        if (len === 2) {
          if (this.keyIs(ks, ke, K_ID)) return this.strField(p, this.messageId);
        } else if (len === 5) {
          const f = this.buf[ks];
          if (f === 0x6d /* m */ && this.keyIs(ks, ke, K_MODEL)) return this.strField(p, this.model);
          if (f === 0x75 /* u */ && this.keyIs(ks, ke, K_USAGE)) {
            if (c !== LBRACE) return this.skip(p);
            this.hasUsage = true;
            return this.object(p, 2);
          }
        }
        return this.skip(p);
      case 2:
        switch (len) {
          case 12:
            if (this.keyIs(ks, ke, K_INPUT)) return this.numField(p, F_INPUT);
            break;
          case 13:
            if (this.keyIs(ks, ke, K_OUTPUT)) return this.numField(p, F_OUTPUT);
            if (c === QUOTE && this.keyIs(ks, ke, K_INFERENCE_GEO)) return this.flagField(p, V_US, 'geoUs');
            break;
          case 27:
            if (this.keyIs(ks, ke, K_CACHE_CREATION_INPUT)) return this.numField(p, F_CACHE_CREATE);
            break;
          case 23:
            if (this.keyIs(ks, ke, K_CACHE_READ)) return this.numField(p, F_CACHE_READ);
            break;
          case 14:
            if (this.keyIs(ks, ke, K_CACHE_CREATION)) return c === LBRACE ? this.object(p, 3) : this.skip(p);
            break;
          case 5:
            if (c === QUOTE && this.keyIs(ks, ke, K_SPEED)) return this.flagField(p, V_FAST, 'fast');
            break;
        }
        return this.skip(p);
      case 3:
        if (this.keyIs(ks, ke, K_EPH_5M)) return this.numField(p, F_EPH_5M);
        if (this.keyIs(ks, ke, K_EPH_1H)) return this.numField(p, F_EPH_1H);
        return this.skip(p);
    }
  }

  /** A string value compared in place with `want`: no decoding, no allocation. */
  private flagField(p: number, want: Uint8Array, flag: 'fast' | 'geoUs'): number {
    const q = this.skipStr(p);
    if (q < 0) return q;
    if (q - p - 2 === want.length && this.keyIs(p + 1, q - 1, want)) this[flag] = true;
    return q;
  }

  private strField(p: number, span: Span): number {
    if (this.buf[p] === QUOTE) return this.str(p, span);
    return this.skip(p);
  }

  private numField(p: number, f: number): number {
    const c = this.buf[p];
    if (c === QUOTE || c === LBRACE || c === LBRACK) return this.skip(p);
    const q = this.num(p);
    if (q < 0) return q;
    const v = this.lastNum;
    switch (f) {
      case F_COST:
        this.costUSD = v;
        break;
      case F_INPUT:
        this.inputTokens = v;
        break;
      case F_OUTPUT:
        this.outputTokens = v;
        break;
      case F_CACHE_CREATE:
        this.cacheCreationTokens = v || 0;
        break;
      case F_CACHE_READ:
        this.cacheReadTokens = v || 0;
        break;
      case F_EPH_5M:
        this.ephemeral5m = v;
        break;
      case F_EPH_1H:
        this.ephemeral1h = v;
        break;
    }
    return q;
  }
}
