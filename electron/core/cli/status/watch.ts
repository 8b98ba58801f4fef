/**
 * `brimline status --watch`: the same session as the one-shot command, kept running. The scheduler
 * polls on its normal intervals (the app's rules), file watching re-reads the status line, Claude
 * Code's cache and the logs as they change, and every change of the output is written at once.
 * When nothing changed for a minute, a heartbeat is written, so a reader can tell a quiet watcher
 * from a dead one. Ends with exit 0 on SIGINT, SIGTERM, or when stdout's reader has gone.
 */
import type { Account } from '../../../../shared/domain';
import type { CliIo } from '../io';
import { readFrame, type StatusFrame } from './frame';
import type { StatusSession } from './session';

export interface WatchRender {
  /** Compared with the last one: a different key is a change (a timestamp alone is not). */
  key: string;
  text: string;
  /** Written when nothing changed for `heartbeatMs`. */
  heartbeat: string;
}

export interface WatchTimers {
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
}

export interface WatchOptions {
  render: (frame: StatusFrame) => WatchRender;
  only: Account | null;
  /** Resolves when the watcher should end (`stopRequest`). */
  stop: Promise<unknown>;
  timers?: WatchTimers;
  /** Most time between two writes when nothing changes. */
  heartbeatMs?: number;
  /** How often the output is recomputed without a data change (countdowns, data growing stale). */
  tickMs?: number;
  /** Lets a burst of store changes (a scan's progress) settle into one write. */
  settleMs?: number;
}

export const HEARTBEAT_MS = 60_000;

export const realTimers: WatchTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
};

/** Writes the first output, then every change, until told to stop; resolves with the exit status. */
export function watchStatus(session: StatusSession, io: CliIo, opts: WatchOptions): Promise<number> {
  const timers = opts.timers ?? realTimers;
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  let lastKey: string | null = null;
  let lastWrite = 0;
  let pending = false;
  let stopped = false;

  const check = (): void => {
    pending = false;
    if (stopped) return;
    const now = io.now();
    let out: WatchRender;
    try {
      out = opts.render(readFrame(session, opts.only, now));
    } catch (err) {
      // One bad reading must not end a watcher that a status bar depends on: the next change retries.
      io.stderr(`brimline: ${err instanceof Error ? err.message : String(err)}\n`);
      return;
    }
    if (out.key !== lastKey) {
      lastKey = out.key;
      lastWrite = now;
      io.stdout(out.text);
    } else if (now - lastWrite >= heartbeatMs) {
      lastWrite = now;
      io.stdout(out.heartbeat);
    }
  };
  // After a change the history recomputes pace and forecast: the line waits for them.
  const soon = (): void => {
    if (pending || stopped) return;
    pending = true;
    timers.setTimeout(() => void session.service.settled().then(check), opts.settleMs ?? 25);
  };

  check();
  const unsubscribe = session.service.onChange(soon);
  const tick = timers.setInterval(check, opts.tickMs ?? 5_000);
  return opts.stop.then(async () => {
    stopped = true;
    unsubscribe();
    timers.clearInterval(tick);
    await session.close();
    return 0;
  });
}

export interface StopRequest {
  /** Resolves on the first SIGINT, SIGTERM or closed stdout; never without `io.onStop`. */
  promise: Promise<void>;
  requested(): boolean;
}

/**
 * Listens for the stop from the start of a watching run, so a signal during the first poll (a slow
 * server) ends it too: the polls in flight are aborted by closing the session.
 */
export function stopRequest(io: CliIo): StopRequest {
  let requested = false;
  const promise = new Promise<void>((resolve) => {
    const unsubscribe = io.onStop?.(() => {
      requested = true;
      unsubscribe?.();
      resolve();
    });
  });
  return { promise, requested: () => requested };
}
