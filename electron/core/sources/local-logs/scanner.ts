/**
 * The incremental scanner: brings the deduplicated entry store up to date with the transcripts on
 * disk, reading only what was appended since the last scan. A file that was replaced (new inode)
 * or shrank is read again from the start; one that vanished is forgotten, but the usage read from
 * it stays (Claude Code deletes transcripts after 30 days; Brimline's totals must not change).
 */
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { ScanProgress } from '../../../../shared/domain';
import type { EntryStore } from './entry-store';
import { discoverTranscripts, type Transcript } from './discover';
import { withLock } from './lock';
import { replayBatch } from './entry-batch';
import { readInParallel, type PlannedRead } from './parallel-read';
import { scanWorkerScript, workerCount } from './scan-workers';
import { ScanStateStore, type FileState, type Manifest } from './scan-state';
import { TranscriptReader } from './transcript-reader';

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanReport {
  /** False when no `projects/` folder exists in any config dir. */
  logsFound: boolean;
  projectDirs: string[];
  files: number;
  filesRead: number;
  bytesRead: number;
  /** True when this scan started from nothing (first run, or state set aside). */
  fullScan: boolean;
  usageLines: number;
  malformedLines: number;
  /** Problems worth logging (an unreadable state file that was set aside). */
  problems: string[];
  /** Where the time went, for the benchmark. */
  timings: { loadMs: number; discoverMs: number; readMs: number; saveMs: number };
  /** Worker threads the read used (1: the main thread alone). */
  workers: number;
}

export interface ScannerOptions {
  configDirs: readonly string[];
  dataDir: string;
  now?: () => number;
  /** Worker threads for a large read (tests and the benchmark); by default one per core, as the bytes are worth. */
  workers?: number;
}

export class LocalLogsScanner {
  private readonly state: ScanStateStore;
  private loaded: { manifest: Manifest; store: EntryStore; deltaRows: number; stamp: string } | null = null;
  private inFlight: Promise<ScanReport> | null = null;
  private reader: TranscriptReader | null = null;
  private readerStore: EntryStore | null = null;

  constructor(private readonly opts: ScannerOptions) {
    this.state = new ScanStateStore(opts.dataDir, opts.now);
  }

  /** The entries as of the last scan; call `scan()` first. */
  get store(): EntryStore {
    if (!this.loaded) throw new Error('LocalLogsScanner.store read before the first scan');
    return this.loaded.store;
  }

  /** One scan at a time: a second caller shares the scan in progress. */
  scan(options: ScanOptions = {}): Promise<ScanReport> {
    this.inFlight ??= this.run(options).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(options: ScanOptions): Promise<ScanReport> {
    const lockFile = path.join(this.opts.dataDir, 'local-logs.lock');
    return withLock(lockFile, () => this.scanLocked(options));
  }

  /** The manifest's size and mtime: when another process saved since we loaded, reload. */
  private async manifestStamp(): Promise<string> {
    const st = await fsp.stat(this.state.manifestFile).catch(() => null);
    return st ? `${st.size}:${st.mtimeMs}` : 'none';
  }

  private async scanLocked(options: ScanOptions): Promise<ScanReport> {
    const problems: string[] = [];
    const t0 = performance.now();
    const stamp = await this.manifestStamp();
    if (!this.loaded || this.loaded.stamp !== stamp) {
      const l = await this.state.load();
      if (l.problem) problems.push(l.problem);
      this.loaded = { manifest: l.manifest, store: l.store, deltaRows: l.deltaRows, stamp };
      if (!l.problem) await this.state.removeOrphans(l.manifest);
    }
    const loaded = this.loaded;
    const fullScan = Object.keys(loaded.manifest.files).length === 0;
    const t1 = performance.now();
    const { projectDirs, transcripts } = await discoverTranscripts(this.opts.configDirs);
    const t2 = performance.now();

    const plan: { t: Transcript; from: number }[] = [];
    const nextFiles: Record<string, FileState> = {};
    for (const t of transcripts) {
      const prev = loaded.manifest.files[t.file];
      const same = prev && prev.dev === t.dev && prev.ino === t.ino;
      if (same && prev.size === t.size && prev.mtimeMs === t.mtimeMs) {
        nextFiles[t.file] = prev;
        continue;
      }
      // Same file grown: read the new bytes. Replaced or shrunk: read it all again.
      const from = same && t.size >= prev.offset ? prev.offset : 0;
      plan.push({ t, from });
    }

    const bytesTotal = plan.reduce((a, p) => a + Math.max(0, p.t.size - p.from), 0);
    const progress: ScanProgress = { filesDone: 0, filesTotal: plan.length, bytesDone: 0, bytesTotal };
    // About a hundred updates over a scan, not one per chunk.
    const step = Math.max(1, Math.floor(bytesTotal / 100));
    let lastReported = -Infinity;
    const report = (force = false): void => {
      if (!options.onProgress) return;
      if (!force && progress.bytesDone - lastReported < step) return;
      lastReported = progress.bytesDone;
      options.onProgress({ ...progress });
    };
    if (plan.length > 0) report(true);

    const counters = { usageLines: 0, malformed: 0 };
    let bytesRead = 0;
    const record = (t: Transcript, from: number, res: { offset: number; bytesRead: number }): void => {
      bytesRead += res.bytesRead;
      // Record the size actually read up to, so bytes appended during the read are picked up next time.
      nextFiles[t.file] = {
        dev: t.dev,
        ino: t.ino,
        size: from + res.bytesRead,
        mtimeMs: from + res.bytesRead === t.size ? t.mtimeMs : -1,
        offset: res.offset,
      };
      progress.filesDone++;
      report(progress.filesDone === plan.length);
    };
    const onBytes = (n: number): void => {
      progress.bytesDone += n;
      report();
    };
    const workers = await this.readPlan(plan, loaded.store, options, counters, record, onBytes);

    const t3 = performance.now();
    const changed = loaded.store.dirtyCount > 0 || plan.length > 0 || Object.keys(loaded.manifest.files).some((f) => !(f in nextFiles));
    if (changed) {
      const saved = await this.state.save({ ...loaded.manifest, files: nextFiles }, loaded.store, loaded.deltaRows);
      loaded.manifest = saved.manifest;
      loaded.deltaRows = saved.deltaRows;
      loaded.stamp = await this.manifestStamp();
    }
    const t4 = performance.now();
    return {
      timings: { loadMs: t1 - t0, discoverMs: t2 - t1, readMs: t3 - t2, saveMs: t4 - t3 },
      logsFound: projectDirs.length > 0,
      projectDirs,
      files: transcripts.length,
      filesRead: plan.length,
      bytesRead,
      fullScan,
      usageLines: counters.usageLines,
      malformedLines: counters.malformed,
      problems,
      workers,
    };
  }

  /**
   * Reads the planned files into `store`: on worker threads when the read is worth it, else here.
   * Returns how many threads read. A failed parallel read drops the loaded state, so the next
   * scan starts from what was saved.
   */
  private async readPlan(
    plan: readonly { t: Transcript; from: number }[],
    store: EntryStore,
    options: ScanOptions,
    counters: { usageLines: number; malformed: number },
    record: (t: Transcript, from: number, res: { offset: number; bytesRead: number }) => void,
    onBytes: (n: number) => void,
  ): Promise<number> {
    const script = scanWorkerScript();
    const bytesTotal = plan.reduce((a, p) => a + Math.max(0, p.t.size - p.from), 0);
    const workers = script ? workerCount(bytesTotal, plan.length, this.opts.workers) : 1;
    if (workers > 1 && script) {
      const planned: PlannedRead[] = plan.map(({ t, from }) => ({
        file: t.file,
        from,
        size: t.size,
        meta: { sessionId: t.sessionId, project: t.project },
      }));
      try {
        await readInParallel(planned, {
          workers,
          script,
          signal: options.signal,
          onBytes,
          onFile: (i, outcome) => {
            const { t, from } = plan[i]!;
            if (!outcome.ok) {
              if (outcome.code === 'ENOENT') return; // deleted while we scanned
              throw Object.assign(new Error(outcome.message), { code: outcome.code });
            }
            replayBatch(outcome.batch, store);
            counters.usageLines += outcome.counters.usageLines;
            counters.malformed += outcome.counters.malformed;
            record(t, from, outcome);
          },
        });
      } catch (err) {
        // Part of the read reached the store: start the next scan from the saved state, as if this one never ran.
        this.loaded = null;
        this.reader = null;
        throw err;
      }
    } else {
      // One reader per store, kept between scans: its buffer and the JIT-warmed parser are reused.
      if (!this.reader || this.readerStore !== store) {
        this.reader = new TranscriptReader(store);
        this.readerStore = store;
      }
      const reader = this.reader;
      reader.counters.usageLines = 0;
      reader.counters.malformed = 0;
      for (const { t, from } of plan) {
        options.signal?.throwIfAborted();
        let res: { offset: number; bytesRead: number };
        try {
          res = await reader.read(t.file, from, { sessionId: t.sessionId, project: t.project }, onBytes, options.signal, t.size - from);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted while we scanned
          throw err;
        }
        record(t, from, res);
      }
      counters.usageLines = reader.counters.usageLines;
      counters.malformed = reader.counters.malformed;
    }

    return workers;
  }
}
