/**
 * The day-segment file format of the history store: one text line per record,
 *
 *     <crc32 of the rest of the line, 8 hex digits> <record>\n
 *
 * The first record is a header, `{"format":"brimline-history-samples","version":1,"day":"YYYY-MM-DD"}`.
 * Then two kinds of record:
 *  - a series: `#<id> {"a":account,"w":window,"k":kind,"s":source[,"i":1 when imported]}`, where
 *    the id is a hash of that JSON, so two processes that define the same series write the same id;
 *  - a sample: `<t ms> <used percent> <reset ms or -> <series id>`.
 * A writer defines a series in a segment before its first sample there. Keeping the strings out of
 * the samples makes a sample ~55 bytes instead of ~150, and reading a week of them needs no
 * JSON.parse per sample: the 7-day read is a few milliseconds (scripts/bench-history.ts).
 *
 * A record counts only when its line is complete (ends in \n) and its checksum matches, so a torn
 * tail (a crash mid-append) or a flipped bit costs that one record and never the segment.
 */
import { createHash } from 'node:crypto';
import { crc32 } from './crc32';
import { isLegacySegmentFormat } from '../migration/shapes';
import type { HistorySample } from './types';

export const SEGMENT_FORMAT = 'brimline-history-samples';
export const SEGMENT_VERSION = 1;
export const SEGMENT_NAME = /^samples-(\d{4}-\d{2}-\d{2})\.jsonl$/;

export function segmentName(day: string): string {
  return `samples-${day}.jsonl`;
}

/** The UTC day (YYYY-MM-DD) a timestamp belongs to. */
export function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

const NL = 0x0a;
const SPACE = 0x20;

export function encodeLine(json: string): string {
  const body = Buffer.from(json, 'utf8');
  return `${crc32(body).toString(16).padStart(8, '0')} ${json}\n`;
}

export function headerLine(day: string): string {
  return encodeLine(JSON.stringify({ format: SEGMENT_FORMAT, version: SEGMENT_VERSION, day }));
}

interface SeriesDef {
  accountId: string;
  windowId: string;
  kind: string;
  sourceId: string;
  imported: boolean;
}

function seriesJson(s: SeriesDef): string {
  const o: Record<string, string | number> = { a: s.accountId, w: s.windowId, k: s.kind, s: s.sourceId };
  if (s.imported) o.i = 1;
  return JSON.stringify(o);
}

/** The id and the definition line of the series a sample belongs to. */
export function seriesOf(s: HistorySample): { id: string; line: string } {
  const json = seriesJson(s);
  const id = createHash('sha1').update(json).digest('hex').slice(0, 12);
  return { id, line: encodeLine(`#${id} ${json}`) };
}

/** Whether a sample can be stored: finite numbers, a window id, no spaces in the numeric fields. */
export function storable(s: HistorySample): boolean {
  return (
    Number.isFinite(s.t) &&
    s.t >= 0 &&
    Number.isFinite(s.usedPercent) &&
    (s.resetsAt === null || (Number.isFinite(s.resetsAt) && s.resetsAt >= 0)) &&
    s.windowId !== ''
  );
}

export function encodeSampleLine(s: HistorySample, seriesId: string): string {
  return encodeLine(`${Math.round(s.t)} ${s.usedPercent} ${s.resetsAt === null ? '-' : Math.round(s.resetsAt)} ${seriesId}`);
}

/** A whole segment: header, each series once, then the samples in the order given. */
export function encodeSegment(day: string, samples: readonly HistorySample[]): string {
  const parts = [headerLine(day)];
  const defined = new Set<string>();
  for (const s of samples) {
    if (!storable(s)) continue;
    const { id, line } = seriesOf(s);
    if (!defined.has(id)) {
      defined.add(id);
      parts.push(line);
    }
    parts.push(encodeSampleLine(s, id));
  }
  return parts.join('');
}

function decodeSeries(v: unknown): SeriesDef | null {
  if (typeof v !== 'object' || v === null) return null;
  const { a, w, k, s, i } = v as Record<string, unknown>;
  if (typeof a !== 'string' || typeof w !== 'string' || w === '' || typeof k !== 'string' || typeof s !== 'string') return null;
  return { accountId: a, windowId: w, kind: k, sourceId: s, imported: i === 1 };
}

function hexValue(buf: Uint8Array, start: number): number {
  let v = 0;
  for (let i = start; i < start + 8; i++) {
    const c = buf[i]!;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Whether the line at [start, end) (end excludes the \n) has a valid checksum. */
function checked(buf: Buffer, start: number, end: number): boolean {
  if (end - start < 10 || buf[start + 8] !== SPACE) return false;
  const want = hexValue(buf, start);
  return want >= 0 && crc32(buf, start + 9, end) === want;
}

function lineJson(buf: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(buf.toString('utf8', start, end));
  } catch {
    return undefined;
  }
}

export type HeaderCheck = { ok: true; headerEnd: number } | { ok: false; reason: string };

export function checkHeader(buf: Buffer, day: string): HeaderCheck {
  const nl = buf.indexOf(NL);
  if (buf.length === 0) return { ok: false, reason: 'it is empty' };
  if (nl < 0) return { ok: false, reason: 'it has no complete header line' };
  const h = checked(buf, 0, nl) ? lineJson(buf, 9, nl) : undefined;
  if (typeof h !== 'object' || h === null) return { ok: false, reason: 'it is not a Brimline history segment' };
  const o = h as Record<string, unknown>;
  if (o.format !== SEGMENT_FORMAT && !isLegacySegmentFormat(o.format)) return { ok: false, reason: 'it is not a Brimline history segment' };
  if (o.version !== SEGMENT_VERSION)
    return { ok: false, reason: `it was written in format version ${String(o.version)}, which this version of Brimline cannot read` };
  if (o.day !== day) return { ok: false, reason: `its header names the day ${String(o.day)}, not ${day}` };
  return { ok: true, headerEnd: nl + 1 };
}

export interface DecodedSegment {
  samples: HistorySample[];
  /** Complete lines whose checksum or shape failed (a flipped bit, a sealed torn tail). */
  badLines: number;
  /** Bytes after the last \n: a record being appended right now, or a torn one. */
  partialTail: number;
}

const HASH = 0x23;
const DASH = 0x2d;

/** A non-negative integer written in decimal at [start, end), or NaN. */
function digits(text: string, start: number, end: number): number {
  if (end <= start || end - start > 16) return NaN;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** Decodes the records after the header; `keep` filters the samples returned. */
export function decodeRecords(buf: Buffer, from: number, keep?: (s: HistorySample) => boolean): DecodedSegment {
  // latin1 maps each byte to one char, so string offsets are byte offsets (for the checksums).
  const text = buf.toString('latin1');
  const series = new Map<string, SeriesDef>();
  const pending: { t: number; u: number; r: number | null; id: string }[] = [];
  const samples: HistorySample[] = [];
  let badLines = 0;
  const emit = (t: number, u: number, r: number | null, def: SeriesDef) => {
    const s: HistorySample = {
      t,
      accountId: def.accountId,
      windowId: def.windowId,
      kind: def.kind,
      sourceId: def.sourceId,
      usedPercent: u,
      resetsAt: r,
      imported: def.imported,
    };
    if (!keep || keep(s)) samples.push(s);
  };
  let pos = from;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    if (nl > pos) {
      if (!checked(buf, pos, nl)) badLines++;
      else if (text.charCodeAt(pos + 9) === HASH) {
        const sp = text.indexOf(' ', pos + 10);
        const def = sp > 0 && sp < nl ? decodeSeries(lineJson(buf, sp + 1, nl)) : null;
        if (def === null) badLines++;
        else series.set(text.slice(pos + 10, sp), def);
      } else {
        // `<t> <u> <r|-> <id>`: integers parsed in place (no split, no JSON), the percent by Number.
        const a = pos + 9;
        const b = text.indexOf(' ', a);
        const c = b < 0 ? -1 : text.indexOf(' ', b + 1);
        const d = c < 0 ? -1 : text.indexOf(' ', c + 1);
        const t = d < 0 || d > nl ? NaN : digits(text, a, b);
        const u = Number.isFinite(t) && c > b + 1 ? Number(text.slice(b + 1, c)) : NaN;
        const r = c + 2 === d && text.charCodeAt(c + 1) === DASH ? null : digits(text, c + 1, d);
        const id = text.slice(d + 1, nl);
        if (!Number.isFinite(t) || !Number.isFinite(u) || (r !== null && !Number.isFinite(r)) || id.length === 0 || id.includes(' '))
          badLines++;
        else {
          const def = series.get(id);
          if (def) emit(t, u, r, def);
          else pending.push({ t, u, r, id });
        }
      }
    }
    pos = nl + 1;
  }
  // Another writer's definition may follow a sample of ours in the file; ids are content hashes.
  for (const p of pending) {
    const def = series.get(p.id);
    if (def) emit(p.t, p.u, p.r, def);
    else badLines++;
  }
  return { samples, badLines, partialTail: buf.length - pos };
}
