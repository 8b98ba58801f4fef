/**
 * A short exclusive lock beside a file several Brimline processes share (the app, `brimline status`,
 * `brimline status --watch`): created with O_EXCL, holding who took it and when. It guards a
 * read-modify-write of a few milliseconds, so a holder is never expected to keep it long: a lock
 * older than `staleMs` (a holder that crashed, or hangs) is taken over, and a waiter gives up
 * after `waitMs` rather than wait on a stuck holder. A lock's age is measured on the wall clock
 * (`Date.now`), not an injected test clock: it is how long a real process has held a real file.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export const LOCK_STALE_MS = 10_000;
export const LOCK_WAIT_MS = 2_000;
const RETRY_MS = 20;

export interface LockOptions {
  /** Who holds the lock: one token per process (a test runs several cores in one process). */
  token: string;
  waitMs?: number;
  staleMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface LockContent {
  pid: number;
  token: string;
  at: number;
}

/**
 * Runs `fn` holding the lock; `{ ok: false }` when the lock could not be taken within `waitMs`
 * (the caller decides what to do without it). Errors other than a held lock are thrown.
 */
export async function withFileLock<T>(
  file: string,
  opts: LockOptions,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  if (!(await acquire(file, opts))) return { ok: false };
  try {
    return { ok: true, value: await fn() };
  } finally {
    await release(file, opts.token);
  }
}

async function acquire(file: string, opts: LockOptions): Promise<boolean> {
  const now = opts.now ?? Date.now;
  const waitMs = opts.waitMs ?? LOCK_WAIT_MS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  for (;;) {
    const content: LockContent = { pid: process.pid, token: opts.token, at: now() };
    try {
      const fh = await fsp.open(file, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify(content));
      } finally {
        await fh.close();
      }
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await takeOverIfStale(file, opts.staleMs ?? LOCK_STALE_MS, now)) continue;
    if (now() - started >= waitMs) return false;
    await sleep(RETRY_MS);
  }
}

/**
 * Removes a stale lock so the next attempt can create its own. The lock is first renamed to a
 * name of our own (only one taker wins the rename); if what was renamed is no longer the stale
 * lock judged (another taker replaced it in between), it is put back rather than stolen.
 */
async function takeOverIfStale(file: string, staleMs: number, now: () => number): Promise<boolean> {
  const seen = await readLock(file);
  if (seen === null || !isStale(seen, staleMs, now())) return false;
  const aside = `${file}.${process.pid}.${Math.floor(Math.random() * 0x1_0000_0000).toString(16)}.stale`;
  try {
    await fsp.rename(file, aside);
  } catch {
    return true; // another taker moved it first: try to create ours
  }
  const moved = await readLock(aside);
  if (moved !== null && moved.text !== seen.text) {
    // A fresh lock was moved by mistake: a hard link puts it back only if no lock exists now.
    await fsp.link(aside, file).catch(() => undefined);
  }
  await fsp.rm(aside, { force: true }).catch(() => undefined);
  return true;
}

interface SeenLock {
  text: string;
  content: LockContent | null;
  mtimeMs: number;
}

async function readLock(file: string): Promise<SeenLock | null> {
  try {
    const [text, st] = await Promise.all([fsp.readFile(file, 'utf8'), fsp.stat(file)]);
    return { text, content: parseLock(text), mtimeMs: st.mtimeMs };
  } catch {
    return null; // gone (released meanwhile): just try again
  }
}

function parseLock(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    return typeof v.pid === 'number' && typeof v.token === 'string' && typeof v.at === 'number'
      ? { pid: v.pid, token: v.token, at: v.at }
      : null;
  } catch {
    return null;
  }
}

/**
 * Older than `staleMs`, or held by a process that no longer exists. A lock still being written
 * (empty, or torn) is dated by its file's time, so it is not taken over while it is new.
 */
function isStale(seen: SeenLock, staleMs: number, now: number): boolean {
  const at = seen.content?.at ?? seen.mtimeMs;
  // A time far ahead (a clock set back since) is as untrustworthy as an old one.
  if (Math.abs(now - at) > staleMs) return true;
  const pid = seen.content?.pid;
  return pid !== undefined && pid !== process.pid && !processAlive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock only if it is still ours: after a takeover it belongs to someone else. */
async function release(file: string, token: string): Promise<void> {
  const seen = await readLock(file);
  if (seen?.content?.token !== token) return;
  await fsp.rm(file, { force: true }).catch(() => undefined);
}
