/**
 * One JSON file Brimline owns: load (validate, quarantine what is unreadable), save (atomic,
 * coalesced: one write in flight, only the latest value next). Settings, snapshots and alert state
 * all go through it, so each gets the same crash and corruption behaviour.
 */
import type { Result } from '../../../../shared/result';
import type { Logger } from '../log';
import { loadJsonFile, writeJsonAtomic } from './atomic';

export interface JsonFileStoreOptions<T> {
  file: string;
  /** Validates what was read; an error names what is wrong, for the user. */
  parse: (raw: unknown) => Result<T>;
  /** The sentence the user sees when the file had to be set aside. */
  describeProblem: (reason: string, movedTo: string) => string;
  /** What is written, when it differs from the value kept in memory. */
  serialise?: (value: T) => unknown;
  logger?: Logger;
}

export class JsonFileStore<T> {
  private writing: Promise<void> | null = null;
  private queued: { value: T } | null = null;
  /** Set when the file could not be read at load time; shown to the user. */
  loadProblem: string | null = null;

  constructor(private readonly opts: JsonFileStoreOptions<T>) {}

  get file(): string {
    return this.opts.file;
  }

  /** The saved value, or null when there is none or it was set aside. */
  async load(): Promise<T | null> {
    const res = await loadJsonFile(this.opts.file, this.opts.parse);
    if (res.kind === 'loaded') return res.value;
    if (res.kind === 'quarantined') {
      this.loadProblem = this.opts.describeProblem(res.reason, res.movedTo);
      this.opts.logger?.warn(this.loadProblem);
    }
    return null;
  }

  /**
   * Writes atomically. Saves that arrive while a write is in flight collapse into one write of the
   * latest value. Rejects with a `DiskWriteError` when that write fails; the previous file is kept.
   */
  save(value: T): Promise<void> {
    this.queued = { value };
    this.writing ??= this.drain();
    return this.writing;
  }

  private async drain(): Promise<void> {
    let failure: unknown = null;
    try {
      while (this.queued) {
        const { value } = this.queued;
        this.queued = null;
        try {
          await writeJsonAtomic(this.opts.file, this.opts.serialise ? this.opts.serialise(value) : value);
          failure = null;
        } catch (e) {
          failure = e;
        }
      }
    } finally {
      this.writing = null;
    }
    if (failure !== null) throw failure;
  }
}
