/**
 * The day-segment file format of the history store: one text line per record,
 *
 *     <crc32 of the JSON, 8 hex digits> <JSON>\n
 *
 * The first line is a header naming the format, its version and the UTC day the segment holds.
 * A record counts only when its line is complete (ends in \n) and its checksum matches, so a torn
 * tail (a crash mid-append) or a flipped bit costs that one record and never the segment.
 *
 * Records are validated by hand rather than with zod: reading a week means ~8,000 records and
 * the bench budget is 20 ms; the checks are the same (finite numbers, non-empty strings).
 */
import { crc32 } from './crc32';
import type { HistorySample } from './types';

export const SEGMENT_FORMAT = 'headroom-history-samples';
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

interface RecordJson {
  t: number;
  a: string;
  w: string;
  k: string;
  s: string;
  u: number;
  r: number | null;
  i?: 1;
}

export function encodeSample(s: HistorySample): string {
  const rec: RecordJson = { t: s.t, a: s.accountId, w: s.windowId, k: s.kind, s: s.sourceId, u: s.usedPercent, r: s.resetsAt };
  if (s.imported) rec.i = 1;
  return encodeLine(JSON.stringify(rec));
}

function decodeSample(v: unknown): HistorySample | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const { t, a, w, k, s, u } = r;
  const reset = r.r;
  if (typeof t !== 'number' || !Number.isFinite(t)) return null;
  if (typeof u !== 'number' || !Number.isFinite(u)) return null;
  if (typeof a !== 'string' || typeof w !== 'string' || w === '' || typeof k !== 'string' || typeof s !== 'string') return null;
  if (reset !== null && (typeof reset !== 'number' || !Number.isFinite(reset))) return null;
  return { t, accountId: a, windowId: w, kind: k, sourceId: s, usedPercent: u, resetsAt: reset, imported: r.i === 1 };
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

/** The JSON of the complete, checksummed line at [start, end) (end excludes the \n), or null. */
function lineJson(buf: Buffer, start: number, end: number): unknown {
  if (end - start < 10 || buf[start + 8] !== SPACE) return undefined;
  const want = hexValue(buf, start);
  if (want < 0 || crc32(buf, start + 9, end) !== want) return undefined;
  try {
    return JSON.parse(buf.toString('utf8', start + 9, end));
  } catch {
    return undefined;
  }
}

export type HeaderCheck = { ok: true; headerEnd: number } | { ok: false; reason: string };

export function checkHeader(buf: Buffer, day: string): HeaderCheck {
  const nl = buf.indexOf(NL);
  if (buf.length === 0) return { ok: false, reason: 'it is empty' };
  if (nl < 0) return { ok: false, reason: 'it has no complete header line' };
  const h = lineJson(buf, 0, nl);
  if (typeof h !== 'object' || h === null) return { ok: false, reason: 'it is not a Headroom history segment' };
  const o = h as Record<string, unknown>;
  if (o.format !== SEGMENT_FORMAT) return { ok: false, reason: 'it is not a Headroom history segment' };
  if (o.version !== SEGMENT_VERSION)
    return { ok: false, reason: `it was written in format version ${String(o.version)}, which this version of Headroom cannot read` };
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

/** Decodes the records after the header; `keep` filters before the objects are built up further. */
export function decodeRecords(buf: Buffer, from: number, keep?: (s: HistorySample) => boolean): DecodedSegment {
  const samples: HistorySample[] = [];
  let badLines = 0;
  let pos = from;
  while (pos < buf.length) {
    const nl = buf.indexOf(NL, pos);
    if (nl < 0) break;
    if (nl > pos) {
      const s = decodeSample(lineJson(buf, pos, nl));
      if (s === null) badLines++;
      else if (!keep || keep(s)) samples.push(s);
    }
    pos = nl + 1;
  }
  return { samples, badLines, partialTail: buf.length - pos };
}
