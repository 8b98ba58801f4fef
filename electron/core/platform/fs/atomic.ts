/**
 * Crash-safe file writes: write a temp file beside the target, fsync it, rename it over the target,
 * then fsync the directory. A reader sees the old file or the new one, never a torn one.
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import * as path from 'node:path';
import type { Result } from '../../../../shared/result';

export class DiskWriteError extends Error {
  readonly code: string;
  constructor(file: string, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === 'ENOSPC'
        ? 'the disk is full'
        : cause.code === 'EACCES' || cause.code === 'EPERM'
          ? 'permission was denied'
          : cause.code === 'EROFS'
            ? 'the file system is read-only'
            : (cause.code ?? 'an unknown error');
    super(`Could not save ${path.basename(file)}: ${why}. The previous version is kept.`);
    this.name = 'DiskWriteError';
    this.code = cause.code ?? 'EUNKNOWN';
  }
}

/**
 * `data` may be a sequence of chunks, written one by one, so a large file needs no second copy in
 * memory. Each chunk is fully written before the next is requested, so a generator may reuse one
 * scratch buffer for all of them.
 */
/**
 * The temp name must only be unique among this process's writes (the pid is in it too), not
 * unpredictable: the folder is the user's own. Math.random keeps node:crypto out of the CLI's
 * status-line hot path, which runs after every Claude Code response.
 */
function tempSuffix(): string {
  return Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
}

export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<Uint8Array>, mode = 0o600): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${tempSuffix()}.tmp`);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const fh = await fsp.open(tmp, fsc.O_CREAT | fsc.O_WRONLY | fsc.O_TRUNC, mode);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else {
        for (const chunk of data) {
          let done = 0;
          while (done < chunk.length) done += (await fh.write(chunk, done, chunk.length - done)).bytesWritten;
        }
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw new DiskWriteError(file, err as NodeJS.ErrnoException);
  }
  await syncDir(dir);
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable; Windows cannot open directories, so it is best effort.
  try {
    const fh = await fsp.open(dir, fsc.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* best effort */
  }
}

export type LoadResult<T> = { kind: 'loaded'; value: T } | { kind: 'missing' } | { kind: 'quarantined'; movedTo: string; reason: string };

/**
 * Reads a JSON file and validates it. A file that does not parse or validate is moved aside to
 * `<name>.corrupt-<timestamp>` (kept for the user, never deleted) and the caller falls back to defaults.
 */
export async function loadJsonFile<T>(
  file: string,
  parse: (raw: unknown) => Result<T>,
  now: () => number = Date.now,
): Promise<LoadResult<T>> {
  let text = '';
  let raw: unknown;
  let reason: string | null = null;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    // A folder where the file should be must not stop the app from starting: set it aside too.
    if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
    reason = 'it is a folder, not a file';
  }
  if (reason === null) {
    try {
      raw = JSON.parse(text);
    } catch {
      reason = 'it is not valid JSON';
    }
  }
  if (reason === null) {
    const parsed = parse(raw);
    if (parsed.ok) return { kind: 'loaded', value: parsed.value };
    reason = parsed.error;
  }
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const movedTo = `${file}.corrupt-${stamp}`;
  await fsp.rename(file, movedTo);
  return { kind: 'quarantined', movedTo, reason };
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left by writers that died mid-write (a crash or SIGKILL between open and
 * rename). The target files are intact; only the orphans go. A temp file of a live process is kept.
 */
export async function removeOrphanTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await fsp.rm(path.join(dir, name), { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}
