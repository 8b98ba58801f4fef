/**
 * Watching the files sources read, and turning a burst of changes into one prompt read. The timer
 * runs on the injected clock, so tests drive it without sleeping.
 *
 * A change is read at most LOCAL_READ_DELAY_MS after the first event of a burst (a throttle, not a
 * debounce: Claude Code appending to a transcript all through a long answer must not postpone the
 * read until it stops). Events during the wait join that read; a change during the read itself is
 * read again right after it (the scheduler's `dirty` flag).
 */
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { Clock, TimerHandle } from '../platform/clock';
import type { WatchedFile } from '../sources/registry';

export const LOCAL_READ_DELAY_MS = 500;

export interface FileWatch {
  close(): void;
}

/** Whether a changed name (relative to the watched folder) is one the source reads. */
export function matchesWatch(w: Pick<WatchedFile, 'namePrefix' | 'nameSuffix'>, name: string | null): boolean {
  if (name === null) return true;
  const base = path.basename(String(name));
  return base.startsWith(w.namePrefix) && (w.nameSuffix === undefined || base.endsWith(w.nameSuffix));
}

/** Calls `onChange` once per burst of changes, on the clock; the folder of another program is never made. */
export function watchFile(w: WatchedFile, clock: Clock, onChange: () => void, delayMs = LOCAL_READ_DELAY_MS): FileWatch | null {
  let timer: TimerHandle | null = null;
  let watcher: FSWatcher;
  try {
    if (w.ours) mkdirSync(w.dir, { recursive: true, mode: 0o700 });
    watcher = watch(w.dir, { persistent: false, recursive: w.recursive ?? false }, (_event, name) => {
      if (!matchesWatch(w, name === null ? null : String(name)) || timer !== null) return;
      timer = clock.setTimeout(() => {
        timer = null;
        onChange();
      }, delayMs);
    });
  } catch {
    // No such folder yet (Claude Code not installed): the regular poll notices it later.
    return null;
  }
  watcher.on('error', () => watcher.close());
  return {
    close() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      watcher.close();
    },
  };
}
