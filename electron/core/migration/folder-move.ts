/**
 * Moves a development build's data folder to the new name, once, whichever program starts first.
 *
 * A rename when it can (instant, and nothing to clean up); where it cannot (another volume, a
 * Windows process holding a file, a read-only parent), a copy into a temporary sibling renamed into
 * place, the old folder kept with a note saying where its data went. A copy that fails halfway
 * removes what it copied and leaves the old folder as it was: this run keeps using it, the next one
 * tries again, and the message says what to do. An exclusive lock file beside the folders keeps
 * two first starts (the app and a status-line call) from moving it at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FolderMovePlan } from './data-folder';
import { LEGACY } from './legacy-names';

/** The file-system calls used, injected in tests to fail halfway. */
export type FolderFs = Pick<
  typeof fs,
  | 'renameSync'
  | 'copyFileSync'
  | 'mkdirSync'
  | 'chmodSync'
  | 'readdirSync'
  | 'lstatSync'
  | 'statSync'
  | 'readlinkSync'
  | 'symlinkSync'
  | 'rmSync'
  | 'writeFileSync'
  | 'readFileSync'
  | 'openSync'
  | 'closeSync'
  | 'existsSync'
>;

export interface FolderMoveOptions {
  fs?: FolderFs;
  now?: () => number;
  pid?: number;
  /** How long to wait for another process's move before using the old folder for this run. */
  waitMs?: number;
  /** A lock older than this was left by a process that died: it is taken over. */
  staleLockMs?: number;
  /** After a failed copy, how long before another attempt (the status line runs after every response). */
  retryAfterMs?: number;
  sleep?: (ms: number) => void;
}

export type FolderMoveResult =
  | { kind: 'moved'; how: 'renamed' | 'copied'; from: string; to: string }
  /** Another process moved it meanwhile (or the old folder went away): use the new folder. */
  | { kind: 'nothing'; to: string }
  /** Not moved: this run uses `from` as it is; `message` says why and what to do. */
  | { kind: 'failed'; from: string; to: string; message: string };

/** Left in the old folder after a copy. */
export const NOTE_FILE = 'MOVED-TO-BRIMLINE.txt';

const lockFile = (to: string): string => `${to}.migration-lock`;
const failureFile = (to: string): string => `${to}.migration-failed`;

const sleepSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const code = (err: unknown): string => (err as NodeJS.ErrnoException | null)?.code ?? 'error';

export function moveDataFolder(plan: FolderMovePlan, opts: FolderMoveOptions = {}): FolderMoveResult {
  const f = opts.fs ?? fs;
  const now = opts.now ?? Date.now;
  let locked: boolean;
  try {
    locked = acquireLock(f, lockFile(plan.to), opts, now);
  } catch (err) {
    return failed(plan, describeError(err, plan));
  }
  if (!locked)
    return failed(
      plan,
      `Another Brimline process is moving its data from ${plan.from} to ${plan.to}; this run uses ${plan.from} as it is. If no other Brimline is running, delete ${lockFile(plan.to)} and start again.`,
    );
  try {
    if (f.existsSync(plan.to) || !f.existsSync(plan.from)) return { kind: 'nothing', to: plan.to };
    const recent = recentFailure(f, plan.to, now, opts.retryAfterMs ?? 0);
    if (recent) return failed(plan, recent);
    try {
      f.renameSync(plan.from, plan.to);
      clearFailure(f, plan.to);
      return { kind: 'moved', how: 'renamed', from: plan.from, to: plan.to };
    } catch (err) {
      if (code(err) === 'ENOENT') return { kind: 'nothing', to: plan.to };
      // EXDEV, EPERM, EBUSY, EACCES…: a copy may still work.
    }
    return copyIntoPlace(f, plan, opts, now);
  } finally {
    try {
      f.rmSync(lockFile(plan.to), { force: true });
    } catch {
      // A lock left behind is taken over once stale.
    }
  }
}

function copyIntoPlace(f: FolderFs, plan: FolderMovePlan, opts: FolderMoveOptions, now: () => number): FolderMoveResult {
  const partial = `${plan.to}.partial-${opts.pid ?? process.pid}`;
  try {
    f.rmSync(partial, { recursive: true, force: true });
    copyTree(f, plan.from, partial);
    f.renameSync(partial, plan.to);
  } catch (err) {
    try {
      f.rmSync(partial, { recursive: true, force: true });
    } catch {
      // Named in the message below only if it is still there.
    }
    const message = describeError(err, plan) + (f.existsSync(partial) ? ` The partial copy ${partial} can be deleted.` : '');
    recordFailure(f, plan.to, now, message);
    return failed(plan, message);
  }
  clearFailure(f, plan.to);
  try {
    f.writeFileSync(path.join(plan.from, NOTE_FILE), noteText(plan, now()));
  } catch {
    // The data is safe in its new place; the note is a courtesy.
  }
  return { kind: 'moved', how: 'copied', from: plan.from, to: plan.to };
}

export function noteText(plan: FolderMovePlan, at: number): string {
  return [
    `${LEGACY.folder} is now called Brimline.`,
    '',
    `On ${new Date(at).toISOString()} Brimline copied this folder to:`,
    `  ${plan.to}`,
    'and uses that copy from now on. Nothing here is read any more: once Brimline shows your usage',
    'history and settings, you can delete this folder.',
    '',
  ].join('\n');
}

/** Symbolic links are copied as links; sockets and pipes (a running browser's) have nothing to keep. */
function copyTree(f: FolderFs, src: string, dst: string): void {
  const st = f.lstatSync(src);
  if (st.isSymbolicLink()) {
    f.symlinkSync(f.readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    f.mkdirSync(dst, { mode: 0o700 });
    for (const name of f.readdirSync(src)) copyTree(f, path.join(src, name), path.join(dst, name));
    f.chmodSync(dst, st.mode & 0o7777);
  } else if (st.isFile()) {
    f.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
  }
}

function acquireLock(f: FolderFs, file: string, opts: FolderMoveOptions, now: () => number): boolean {
  const deadline = now() + (opts.waitMs ?? 10_000);
  const sleep = opts.sleep ?? sleepSync;
  for (;;) {
    try {
      const fd = f.openSync(file, 'wx', 0o600);
      try {
        f.writeFileSync(fd, `${opts.pid ?? process.pid} ${new Date(now()).toISOString()}\n`);
      } finally {
        f.closeSync(fd);
      }
      return true;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
    }
    let age: number;
    try {
      age = now() - f.statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (age > (opts.staleLockMs ?? 120_000)) {
      f.rmSync(file, { force: true });
      continue;
    }
    if (now() >= deadline) return false;
    sleep(50);
  }
}

function recentFailure(f: FolderFs, to: string, now: () => number, retryAfterMs: number): string | null {
  if (retryAfterMs <= 0) return null;
  try {
    const raw: unknown = JSON.parse(f.readFileSync(failureFile(to), 'utf8'));
    const r = raw as { at?: unknown; message?: unknown };
    if (typeof r.at === 'number' && typeof r.message === 'string' && now() - r.at < retryAfterMs) return r.message;
  } catch {
    // No failure recorded.
  }
  return null;
}

function recordFailure(f: FolderFs, to: string, now: () => number, message: string): void {
  try {
    f.writeFileSync(failureFile(to), JSON.stringify({ at: now(), message }) + '\n');
  } catch {
    // On a full disk even this may fail; the next start tries again at once.
  }
}

function clearFailure(f: FolderFs, to: string): void {
  try {
    f.rmSync(failureFile(to), { force: true });
  } catch {
    // Only delays the next attempt after a later failure.
  }
}

function describeError(err: unknown, plan: FolderMovePlan): string {
  const c = code(err);
  const [reason, fix] =
    c === 'ENOSPC' || c === 'EDQUOT'
      ? ['the disk is full', 'free some disk space']
      : c === 'EACCES' || c === 'EPERM'
        ? ['permission was denied', `make sure you can write to ${path.dirname(plan.to)}`]
        : c === 'EBUSY'
          ? ['a file in it is in use', `quit any other program using ${plan.from}`]
          : [`${c}: ${err instanceof Error ? err.message : String(err)}`, 'check the folders'];
  return `Brimline could not move its data from ${plan.from} to ${plan.to} (${reason}). Nothing was lost: Brimline uses ${plan.from} as it is for now and tries again at its next start. To finish, ${fix} and start Brimline again, or quit Brimline and move the folder yourself.`;
}

function failed(plan: FolderMovePlan, message: string): FolderMoveResult {
  return { kind: 'failed', from: plan.from, to: plan.to, message };
}
