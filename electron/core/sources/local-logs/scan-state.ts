/**
 * What the scanner remembers between runs, in `BRIMLINE_DATA_DIR`: per transcript its identity
 * (device, inode), size, mtime and the offset up to which it has been read; and which entry files
 * hold the deduplicated usage. Entry files are written before the state that names them, so a
 * crash in between leaves an unreferenced file and re-reads a few lines, never double counts.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadJsonFile, writeJsonAtomic } from '../../platform/fs/atomic';
import { FILES } from '../../platform/paths';
import { EntryStore, dirtyRowCount, type DirtyRows } from './entry-store';
import { EntryFileError, decodeEntriesInto, writeEntriesFile } from './entry-file';

const fileStateSchema = z.object({
  dev: z.number(),
  ino: z.number(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  offset: z.number().int().nonnegative(),
});
export type FileState = z.infer<typeof fileStateSchema>;

const manifestSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), fileStateSchema),
  entries: z.object({ generation: z.number().int().nonnegative(), base: z.string().nullable(), deltas: z.array(z.string()) }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const emptyManifest = (): Manifest => ({ version: 1, files: {}, entries: { generation: 0, base: null, deltas: [] } });

/** Deltas are folded into a new base once there are this many, or once they outgrow a quarter of the base. */
const MAX_DELTAS = 16;

const ENTRY_FILE = new RegExp(`^${FILES.localLogsEntries}-\\d+-[0-9a-f]+\\.bin$`);

export interface LoadedState {
  manifest: Manifest;
  store: EntryStore;
  /** Rows that were in delta files (to size the next compaction). */
  deltaRows: number;
  /** A sentence for the log when something was unreadable and set aside. */
  problem: string | null;
}

export class ScanStateStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  get manifestFile(): string {
    return path.join(this.dir, FILES.scanState);
  }

  async load(): Promise<LoadedState> {
    const res = await loadJsonFile(
      this.manifestFile,
      (raw) => {
        const p = manifestSchema.safeParse(raw);
        return p.success ? { ok: true, value: p.data } : { ok: false, error: p.error.issues[0]?.message ?? 'invalid' };
      },
      this.now,
    );
    if (res.kind === 'missing') return { manifest: emptyManifest(), store: new EntryStore(), deltaRows: 0, problem: null };
    if (res.kind === 'quarantined') {
      return {
        manifest: emptyManifest(),
        store: new EntryStore(),
        deltaRows: 0,
        problem: `The local-logs scan state could not be read (${res.reason}); it was moved to ${res.movedTo} and the logs are scanned again.`,
      };
    }
    const manifest = res.value;
    const store = new EntryStore();
    let deltaRows = 0;
    const names = [manifest.entries.base, ...manifest.entries.deltas].filter((n): n is string => n !== null);
    for (const name of names) {
      const file = path.join(this.dir, path.basename(name));
      try {
        const rows = decodeEntriesInto(store, await fsp.readFile(file));
        if (name !== manifest.entries.base) deltaRows += rows;
      } catch (err) {
        const reason =
          err instanceof EntryFileError ? err.message : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : String(err);
        const movedTo = await this.quarantine(file);
        // Without the entries the offsets are meaningless: start over from the transcripts.
        return {
          manifest: { ...emptyManifest(), entries: { generation: manifest.entries.generation, base: null, deltas: [] } },
          store: new EntryStore(),
          deltaRows: 0,
          problem: `Saved local-logs usage in ${path.basename(file)} could not be read (${reason})${movedTo ? `; it was moved to ${movedTo}` : ''}. The logs are scanned again; usage from transcripts Claude Code has already deleted is lost.`,
        };
      }
    }
    store.takeDirty();
    return { manifest, store, deltaRows, problem: null };
  }

  private async quarantine(file: string): Promise<string | null> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const to = `${file}.corrupt-${stamp}`;
    try {
      await fsp.rename(file, to);
      return to;
    } catch {
      return null;
    }
  }

  /**
   * Persists the store's changes and then the manifest. Changed rows go to a small delta file;
   * every so often everything is rewritten as one base file and the old files are removed.
   */
  async save(manifest: Manifest, store: EntryStore, deltaRows: number): Promise<{ manifest: Manifest; deltaRows: number }> {
    const dirty = store.takeDirty();
    try {
      return await this.write(manifest, store, deltaRows, dirty);
    } catch (err) {
      store.markDirty(dirty);
      throw err;
    }
  }

  private async write(
    manifest: Manifest,
    store: EntryStore,
    deltaRows: number,
    dirty: DirtyRows,
  ): Promise<{ manifest: Manifest; deltaRows: number }> {
    let entries = manifest.entries;
    let nextDeltaRows = deltaRows;
    const stale: string[] = [];
    const dirtyCount = dirtyRowCount(dirty);
    if (dirtyCount > 0) {
      const generation = entries.generation + 1;
      // A random part keeps two processes sharing the data dir (app and CLI) from ever writing the same name.
      const name = `${FILES.localLogsEntries}-${generation}-${randomBytes(4).toString('hex')}.bin`;
      const compact = entries.base === null || entries.deltas.length + 1 > MAX_DELTAS || deltaRows + dirtyCount > store.count / 4;
      if (compact) {
        await writeEntriesFile(path.join(this.dir, name), store);
        stale.push(...[entries.base, ...entries.deltas].filter((n): n is string => n !== null));
        entries = { generation, base: name, deltas: [] };
        nextDeltaRows = 0;
      } else {
        await writeEntriesFile(path.join(this.dir, name), store, dirty);
        entries = { generation, base: entries.base, deltas: [...entries.deltas, name] };
        nextDeltaRows += dirtyCount;
      }
    }
    const next: Manifest = { ...manifest, entries };
    await writeJsonAtomic(this.manifestFile, next);
    for (const name of stale) await fsp.rm(path.join(this.dir, path.basename(name)), { force: true }).catch(() => undefined);
    return { manifest: next, deltaRows: nextDeltaRows };
  }

  /** Removes entry files no manifest names (left by a crash between the two writes). */
  async removeOrphans(manifest: Manifest): Promise<void> {
    const keep = new Set([manifest.entries.base, ...manifest.entries.deltas]);
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch {
      return;
    }
    for (const n of names)
      if (ENTRY_FILE.test(n) && !keep.has(n)) await fsp.rm(path.join(this.dir, n), { force: true }).catch(() => undefined);
  }
}
