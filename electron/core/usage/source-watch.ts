/**
 * The files sources depend on, watched: a change (a new login, a status-line report, a log line)
 * pokes the source that reads it, a second later so a burst of writes polls once. A status-line
 * report from a folder not yet in use asks for the folders to be looked for again.
 */
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import type { Settings } from '../../../shared/settings';
import { SOURCES, enabledSourceIds, type SourceContext } from '../sources/registry';
import { observationDir } from '../statusline/observation-store';

export interface SourceWatchOptions {
  settings: Settings;
  ctx: SourceContext;
  /** Polls the source instance with this key soon. */
  poke: (key: string) => void;
  /** Brimline's data folder, where the status line's observations land; null to leave them unwatched (tests' own sources). */
  observationsOf: string | null;
  /** A status line reported: the folders in use may have changed. */
  onReport: () => void;
}

/** Starts the watchers; close each to stop. A folder that does not exist yet is left to the regular poll. */
export function watchSourceFiles({ settings, ctx, poke, observationsOf, onReport }: SourceWatchOptions): FSWatcher[] {
  const watchers: FSWatcher[] = [];
  for (const id of enabledSourceIds(settings)) {
    for (const { key, dir: folder, namePrefix, ours } of SOURCES[id].watch?.(ctx) ?? []) {
      let debounce: ReturnType<typeof setTimeout> | null = null;
      try {
        if (ours) mkdirSync(folder, { recursive: true, mode: 0o700 });
        const w = watch(folder, { persistent: false }, (_event, name) => {
          if (name !== null && !String(name).startsWith(namePrefix)) return;
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(() => poke(key), 1000);
        });
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // No such folder yet (Claude Code not installed): the regular poll notices it later.
      }
    }
  }
  // A status line from a folder not yet in use (a shell's own CLAUDE_CONFIG_DIR) makes it an account.
  if (settings.sources.statusline.enabled && observationsOf !== null) {
    try {
      const w = watch(observationDir(observationsOf), { persistent: false }, onReport);
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // The folder is made above when the status line is on; a failure here only delays discovery to the next start.
    }
  }
  return watchers;
}

/** The watchers in use, replaced as the sources change; status-line reports debounced into one `onReport`. */
export class SourceFileWatch {
  private watchers: FSWatcher[] = [];
  private reportTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onReport: () => void) {}

  /** Watches again for the sources `settings` enable. */
  restart(opts: Omit<SourceWatchOptions, 'onReport'>): void {
    this.closeWatchers();
    this.watchers = watchSourceFiles({
      ...opts,
      onReport: () => {
        if (this.reportTimer) clearTimeout(this.reportTimer);
        this.reportTimer = setTimeout(() => this.onReport(), 2000);
      },
    });
  }

  stop(): void {
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.closeWatchers();
  }

  private closeWatchers(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
