/**
 * The history store: one sample per merged window per new observation, kept for 90 days.
 *
 * Format, chosen deliberately: plain-text, append-only day segments (`history/samples-YYYY-MM-DD.jsonl`,
 * see segment.ts) with a CRC-32 per record.
 *  - Appending is the cheap, frequent operation (every poll, every status-line update, possibly
 *    from the CLI and the app at once). Rewriting a multi-megabyte file atomically each time would
 *    cost far more I/O than the sample itself; an O_APPEND write of one line costs one syscall and
 *    is safe between processes.
 *  - A crash mid-append leaves at most one torn line at the tail. Readers ignore a line that is
 *    incomplete or fails its checksum; the next writer *seals* a torn tail with a newline rather
 *    than truncating it, because truncation could cut a record another process is appending at that
 *    moment. The junk line is dropped when the segment is compacted.
 *  - Segments are created complete with their header (temp file + fsync + hard link, which fails
 *    rather than replaces when another writer created the day first), so a segment is never empty
 *    or headerless. A segment without a valid header is foreign or corrupt: it is moved aside as
 *    `<name>.corrupt-<time>` like every other file Brimline cannot read.
 *  - One segment per UTC day makes "the last 7 days" eight small files, retention a file delete,
 *    and compaction an atomic rewrite (writeFileAtomic) of one old day at a time.
 *  - Plain files and JSON need no native module, so the same code loads in Node 20 and Electron.
 *
 * Compaction (`compact`): segments older than 90 days are deleted; older than 7 days, samples are
 * thinned to the last one per (account, window, cycle, 15 min) up to 30 days and per hour beyond.
 * Usage only rises within a cycle, so the last sample of a bucket is also its peak, and per-cycle
 * peaks survive thinning. Compaction of an old day can race an import appending to that same day
 * in another process; the import's dedup re-adds what a lost append missed on the next import.
 */
import { constants as fsc, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { removeOrphanTempFiles, writeFileAtomic } from '../platform/fs/atomic';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import {
  checkHeader,
  dayOf,
  dayStartMs,
  decodeRecords,
  encodeSampleLine,
  encodeSegment,
  headerLine,
  SEGMENT_NAME,
  segmentName,
  seriesOf,
  storable,
} from './segment';
import type { HistorySample, ObservedWindow } from './types';
import { RESET_JITTER_MS } from '../../../shared/outlook/forecast';

const DAY_MS = 24 * 3_600_000;
const CLOCK_BACK_MS = 10 * 60_000;

export interface HistoryStoreOptions {
  now?: () => number;
  logger?: Logger;
  retentionDays?: number;
  /** Samples younger than this keep full resolution. */
  fullResolutionDays?: number;
  /** An unchanged value (same percent, same reset) is recorded at most this often per window. */
  unchangedIntervalMs?: number;
}

export interface HistoryQuery {
  sinceMs: number;
  untilMs?: number;
  accountId?: string;
  windowId?: string;
}

export interface CompactionResult {
  deletedSegments: number;
  rewrittenSegments: number;
  droppedSamples: number;
}

function sampleKey(accountId: string, windowId: string): string {
  return `${accountId}\u0000${windowId}`;
}

/** Samples for the merged windows of one account, skipping windows whose time cannot be read. */
export function samplesFromWindows(accountId: string, windows: readonly ObservedWindow[]): HistorySample[] {
  const out: HistorySample[] = [];
  for (const w of windows) {
    const t = Date.parse(w.observedAt);
    const r = w.resetsAt === null ? null : Date.parse(w.resetsAt);
    if (!Number.isFinite(t) || !Number.isFinite(w.usedPercent) || (r !== null && !Number.isFinite(r))) continue;
    out.push({
      t,
      accountId,
      windowId: w.id,
      kind: w.kind,
      sourceId: w.sourceId,
      usedPercent: w.usedPercent,
      resetsAt: r,
      imported: false,
    });
  }
  return out;
}

export class HistoryStore {
  readonly dir: string;
  private readonly now: () => number;
  private readonly logger: Logger | undefined;
  private readonly retentionDays: number;
  private readonly fullResolutionDays: number;
  private readonly unchangedIntervalMs: number;
  private readonly last = new Map<string, { t: number; u: number; r: number | null }>();
  private readonly knownSegments = new Set<string>();
  /** Series this process has defined, per day segment. */
  private readonly defined = new Map<string, Set<string>>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Files set aside, in words, for the start-up report. */
  readonly problems: string[] = [];
  /** Per day, how many damaged records the last read of it skipped (compaction drops them). */
  readonly damaged = new Map<string, number>();

  constructor(dataDir: string, opts: HistoryStoreOptions = {}) {
    this.dir = path.join(dataDir, FILES.historyDir);
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger;
    this.retentionDays = opts.retentionDays ?? 90;
    this.fullResolutionDays = opts.fullResolutionDays ?? 7;
    this.unchangedIntervalMs = opts.unchangedIntervalMs ?? 5 * 60_000;
  }

  /** The first problem found at open, phrased for the user; null when all is well. */
  get loadProblem(): string | null {
    return this.problems[0] ?? null;
  }

  /** Checks every segment's header (moving bad ones aside), removes orphaned temp files, seeds de-duplication. */
  async open(): Promise<void> {
    await removeOrphanTempFiles(this.dir);
    const days = await this.listDays();
    for (const day of days) await this.checkSegment(day);
    // Seed "last recorded" from the newest day, so a restart does not repeat an unchanged value at once.
    const newest = days[days.length - 1];
    if (newest) {
      for (const s of await this.readSegment(newest)) this.noteWritten(s);
    }
  }

  /** Appends the samples that are new observations; returns how many were written. */
  record(samples: readonly HistorySample[]): Promise<number> {
    return this.serial(async () => {
      const fresh: HistorySample[] = [];
      for (const s of samples) {
        if (!storable(s)) continue;
        const prev = this.last.get(sampleKey(s.accountId, s.windowId));
        // The same observation again, or an older one arriving late, is not new. A time far
        // behind the last one is the clock having been set back: recording goes on from there.
        if (prev && s.t <= prev.t && prev.t - s.t < CLOCK_BACK_MS) continue;
        if (prev && prev.u === s.usedPercent && sameReset(prev.r, s.resetsAt) && s.t - prev.t < this.unchangedIntervalMs) continue;
        fresh.push(s);
      }
      await this.appendGrouped(fresh);
      for (const s of fresh) this.noteWritten(s);
      return fresh.length;
    });
  }

  /** When this series was last recorded (by this process, or on the newest day at open); null when unknown. */
  lastRecordedAt(accountId: string, windowId: string): number | null {
    return this.last.get(sampleKey(accountId, windowId))?.t ?? null;
  }

  /** Appends samples as given (imports de-duplicate themselves); returns how many were written. */
  append(samples: readonly HistorySample[]): Promise<number> {
    return this.serial(async () => {
      await this.appendGrouped(samples);
      return samples.length;
    });
  }

  /** Samples in [sinceMs, untilMs], sorted by time. */
  async read(q: HistoryQuery): Promise<HistorySample[]> {
    const until = q.untilMs ?? Infinity;
    const firstDay = dayOf(q.sinceMs);
    const days = (await this.listDays()).filter((d) => d >= firstDay && dayStartMs(d) <= until);
    const keep = (s: HistorySample) =>
      s.t >= q.sinceMs &&
      s.t <= until &&
      (q.accountId === undefined || s.accountId === q.accountId) &&
      (q.windowId === undefined || s.windowId === q.windowId);
    const parts = await Promise.all(days.map((d) => this.readSegment(d, keep)));
    const out = parts.flat();
    out.sort((a, b) => a.t - b.t);
    return out;
  }

  /** Deletes segments past retention and thins old ones. Run it once a day or at start-up. */
  compact(): Promise<CompactionResult> {
    return this.serial(async () => {
      const now = this.now();
      const result: CompactionResult = { deletedSegments: 0, rewrittenSegments: 0, droppedSamples: 0 };
      const oldest = dayOf(now - this.retentionDays * DAY_MS);
      for (const day of await this.listDays()) {
        const file = this.segmentPath(day);
        if (day < oldest) {
          await fsp.rm(file, { force: true });
          this.knownSegments.delete(day);
          this.defined.delete(day);
          result.deletedSegments++;
          continue;
        }
        const age = now - (dayStartMs(day) + DAY_MS);
        if (age < this.fullResolutionDays * DAY_MS) continue;
        const bucketMs = age < 30 * DAY_MS ? 15 * 60_000 : 3_600_000;
        const buf = await this.readFileOrNull(file);
        if (buf === null) continue;
        const header = checkHeader(buf, day);
        if (!header.ok) continue;
        const decoded = decodeRecords(buf, header.headerEnd);
        const kept = thin(decoded.samples, bucketMs);
        if (kept.length === decoded.samples.length && decoded.badLines === 0 && decoded.partialTail === 0) continue;
        kept.sort((a, b) => a.t - b.t);
        await writeFileAtomic(file, encodeSegment(day, kept));
        this.defined.delete(day);
        result.rewrittenSegments++;
        result.droppedSamples += decoded.samples.length - kept.length;
      }
      return result;
    });
  }

  /** Deletes every sample of one account (the user removed it and asked for its history to go); returns how many. */
  forgetAccount(accountId: string): Promise<number> {
    return this.serial(async () => {
      let dropped = 0;
      for (const day of await this.listDays()) {
        const file = this.segmentPath(day);
        const buf = await this.readFileOrNull(file);
        if (buf === null) continue;
        const header = checkHeader(buf, day);
        if (!header.ok) continue;
        const decoded = decodeRecords(buf, header.headerEnd);
        const kept = decoded.samples.filter((x) => x.accountId !== accountId);
        if (kept.length === decoded.samples.length) continue;
        await writeFileAtomic(file, encodeSegment(day, kept));
        this.defined.delete(day);
        dropped += decoded.samples.length - kept.length;
      }
      for (const key of this.last.keys()) if (key.startsWith(sampleKey(accountId, ''))) this.last.delete(key);
      return dropped;
    });
  }

  /** Total bytes of the segments, for the bench and diagnostics. */
  async sizeBytes(): Promise<number> {
    let total = 0;
    for (const day of await this.listDays()) total += (await fsp.stat(this.segmentPath(day)).catch(() => ({ size: 0 }))).size;
    return total;
  }

  private noteWritten(s: HistorySample): void {
    if (s.imported) return;
    const key = sampleKey(s.accountId, s.windowId);
    const prev = this.last.get(key);
    if (!prev || s.t >= prev.t || prev.t - s.t >= CLOCK_BACK_MS) this.last.set(key, { t: s.t, u: s.usedPercent, r: s.resetsAt });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private segmentPath(day: string): string {
    return path.join(this.dir, segmentName(day));
  }

  private async listDays(): Promise<string[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw err;
    }
    const days: string[] = [];
    for (const n of names) {
      const m = SEGMENT_NAME.exec(n);
      if (m) days.push(m[1]!);
    }
    return days.sort();
  }

  private async readFileOrNull(file: string): Promise<Buffer | null> {
    try {
      return await fsp.readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (code === 'EISDIR') return Buffer.alloc(0);
      throw err;
    }
  }

  /** Reads one day; a segment with a bad header is moved aside (and yields nothing). */
  private async readSegment(day: string, keep?: (s: HistorySample) => boolean): Promise<HistorySample[]> {
    const file = this.segmentPath(day);
    const buf = await this.readFileOrNull(file);
    if (buf === null) return [];
    const isDir = buf.length === 0 && (await fsp.stat(file).catch(() => null))?.isDirectory() === true;
    const header = isDir ? ({ ok: false, reason: 'it is a folder, not a file' } as const) : checkHeader(buf, day);
    if (!header.ok) {
      await this.quarantine(file, day, header.reason);
      return [];
    }
    this.knownSegments.add(day);
    const decoded = decodeRecords(buf, header.headerEnd, keep);
    // A sealed torn tail or a flipped bit costs one record: worth a log line, not a notice to the user.
    if (decoded.badLines > (this.damaged.get(day) ?? 0)) {
      this.damaged.set(day, decoded.badLines);
      this.logger?.warn(`History for ${day}: ${decoded.badLines} damaged record(s) skipped; the rest of the day is intact.`);
    }
    return decoded.samples;
  }

  /** Reads only the header of a segment; a bad one is moved aside. */
  private async checkSegment(day: string): Promise<'ok' | 'missing' | 'quarantined'> {
    const file = this.segmentPath(day);
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(file, fsc.O_RDONLY);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
      await this.quarantine(file, day, 'it is a folder, not a file');
      return 'quarantined';
    }
    let head: Buffer;
    let isDir = false;
    try {
      isDir = (await fh.stat()).isDirectory();
      head = Buffer.alloc(isDir ? 0 : 1024);
      const { bytesRead } = isDir ? { bytesRead: 0 } : await fh.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
    const header = isDir ? ({ ok: false, reason: 'it is a folder, not a file' } as const) : checkHeader(head, day);
    if (!header.ok) {
      await this.quarantine(file, day, header.reason);
      return 'quarantined';
    }
    this.knownSegments.add(day);
    return 'ok';
  }

  private async quarantine(file: string, day: string, reason: string): Promise<void> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const movedTo = `${file}.corrupt-${stamp}`;
    try {
      await fsp.rename(file, movedTo);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    this.knownSegments.delete(day);
    this.defined.delete(day);
    const msg = `The history file for ${day} could not be read (${reason}); it was moved to ${movedTo}. History for that day starts empty.`;
    this.problems.push(msg);
    this.logger?.warn(msg);
  }

  private async appendGrouped(samples: readonly HistorySample[]): Promise<void> {
    const byDay = new Map<string, HistorySample[]>();
    for (const s of samples) {
      if (!storable(s)) continue;
      const day = dayOf(s.t);
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = []));
      list.push(s);
    }
    for (const [day, list] of byDay) {
      // A segment deleted under us (by another process) is made again, and its series defined again.
      if (!(await this.writeDay(day, list))) await this.writeDay(day, list);
    }
  }

  private async writeDay(day: string, list: readonly HistorySample[]): Promise<boolean> {
    if (!this.knownSegments.has(day)) await this.createSegment(day);
    let defined = this.defined.get(day);
    if (!defined) this.defined.set(day, (defined = new Set()));
    const added: string[] = [];
    const lines: string[] = [];
    for (const s of list) {
      const { id, line } = seriesOf(s);
      if (!defined.has(id)) {
        defined.add(id);
        added.push(id);
        lines.push(line);
      }
      lines.push(encodeSampleLine(s, id));
    }
    try {
      if (await this.appendLines(day, lines.join(''))) return true;
    } catch (err) {
      for (const id of added) defined.delete(id);
      throw err;
    }
    this.defined.delete(day);
    this.knownSegments.delete(day);
    return false;
  }

  /** False when the segment is gone (nothing written). */
  private async appendLines(day: string, text: string): Promise<boolean> {
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(this.segmentPath(day), fsc.O_RDWR | fsc.O_APPEND);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    try {
      const { size } = await fh.stat();
      let sealed = text;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        // A torn tail from a crash: end it with a newline so it is one bad line, not a prefix of ours.
        if (last[0] !== 0x0a) sealed = '\n' + text;
      }
      const data = Buffer.from(sealed, 'utf8');
      let done = 0;
      // One write in practice; O_APPEND keeps each write whole at the end of the file.
      while (done < data.length) done += (await fh.write(data, done, data.length - done)).bytesWritten;
      await fh.datasync();
    } finally {
      await fh.close();
    }
    return true;
  }

  /** Creates a segment with its header, atomically, never replacing one another writer made first. */
  private async createSegment(day: string): Promise<void> {
    const file = this.segmentPath(day);
    const existing = await fsp.stat(file).catch(() => null);
    if (existing) {
      // Validate before appending to it: a foreign file is set aside, not extended.
      if ((await this.checkSegment(day)) === 'ok') return;
    }
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.dir, `.${segmentName(day)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fh = await fsp.open(tmp, fsc.O_CREAT | fsc.O_WRONLY | fsc.O_TRUNC, 0o600);
    try {
      await fh.writeFile(headerLine(day));
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await fsp.link(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        // File systems without hard links (FAT, some network shares): rename when still absent.
        const now = await fsp.stat(file).catch(() => null);
        if (!now) await fsp.rename(tmp, file);
      }
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    this.knownSegments.add(day);
    // Series defined in an earlier file of this day are not defined in this one.
    this.defined.delete(day);
  }
}

/**
 * The last and the highest sample per (account, window, imported or not, cycle, bucket). The
 * highest matters for samples without a reset time, where a bucket may span a reset.
 */
function thin(samples: readonly HistorySample[], bucketMs: number): HistorySample[] {
  const keep = new Map<string, HistorySample>();
  const peak = new Map<string, HistorySample>();
  for (const s of samples) {
    // Reset times jitter by seconds: ten-minute rounding keeps one cycle one key.
    const cycle = s.resetsAt === null ? 'none' : String(Math.round(s.resetsAt / 600_000));
    const key = `${s.accountId}\u0000${s.windowId}\u0000${s.imported ? 1 : 0}\u0000${cycle}\u0000${Math.floor(s.t / bucketMs)}`;
    const prev = keep.get(key);
    if (!prev || s.t >= prev.t) keep.set(key, s);
    const top = peak.get(key);
    if (!top || s.usedPercent > top.usedPercent) peak.set(key, s);
  }
  return [...new Set([...keep.values(), ...peak.values()])];
}

/** Reset times are stored exactly as sources give them, which jitter by seconds between polls of one cycle. */
function sameReset(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) <= RESET_JITTER_MS;
}
