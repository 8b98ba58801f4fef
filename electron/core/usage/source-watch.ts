/**
 * The files sources depend on, watched: a change (a new login, a status-line report, a log line)
 * pokes the source that reads it within LOCAL_READ_DELAY_MS (file-watch.ts), on the injected
 * clock. A status-line report from a folder not yet in use asks for the folders to be looked for again.
 */
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../platform/clock';
import { SOURCES, enabledSourceIds, type SourceContext } from '../sources/registry';
import { observationDir } from '../statusline/observation-store';
import { watchFile, type FileWatch } from './file-watch';

/** Status-line reports from a new folder are gathered for this long before the folders are looked for again. */
const REDISCOVER_DELAY_MS = 2000;

export interface SourceWatchOptions {
  settings: Settings;
  ctx: SourceContext;
  /** Polls the source instance with this key soon. */
  poke: (key: string) => void;
  /** Brimline's data folder, where the status line's observations land; null to leave them unwatched (tests' own sources). */
  observationsOf: string | null;
}

/** Starts the watchers; close each to stop. A folder that does not exist yet is left to the regular poll. */
export function watchSourceFiles(
  clock: Clock,
  { settings, ctx, poke, observationsOf }: SourceWatchOptions,
  onReport: () => void,
): FileWatch[] {
  const watchers: FileWatch[] = [];
  for (const id of enabledSourceIds(settings)) {
    for (const w of SOURCES[id].watch?.(ctx) ?? []) {
      const fw = watchFile(w, clock, () => poke(w.key));
      if (fw) watchers.push(fw);
    }
  }
  // A status line from a folder not yet in use (a shell's own CLAUDE_CONFIG_DIR) makes it an account.
  if (settings.sources.statusline.enabled && observationsOf !== null) {
    const fw = watchFile(
      { key: 'statusline', dir: observationDir(observationsOf), namePrefix: '', ours: true },
      clock,
      onReport,
      REDISCOVER_DELAY_MS,
    );
    if (fw) watchers.push(fw);
  }
  return watchers;
}

/** The watchers in use, replaced as the sources change. */
export class SourceFileWatch {
  private watchers: FileWatch[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onReport: () => void,
  ) {}

  /** Watches again for the sources `settings` enable. */
  restart(opts: SourceWatchOptions): void {
    this.stop();
    this.watchers = watchSourceFiles(this.clock, opts, this.onReport);
  }

  stop(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
