/**
 * Another process (the app, `brimline status`, `brimline status --watch`) saved what it was told:
 * snapshots.json changed. Its answers, attempts and gates are read (under the store's lock) and
 * shown here, so a watcher shows the app's fresh data without asking, and the app a status
 * command's. The read follows a change within LOCAL_READ_DELAY_MS, on the injected clock.
 */
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import { watchFile, type FileWatch } from './file-watch';
import type { PersistedSourceState } from './scheduler';
import type { SnapshotStore } from './snapshot-store';

export class SavedStateWatch {
  private watch: FileWatch | null = null;
  private readonly reading = new Set<Promise<void>>();

  constructor(
    private readonly store: SnapshotStore,
    private readonly take: (states: readonly PersistedSourceState[]) => void,
    private readonly logger: Logger,
  ) {}

  start(dir: string, clock: Clock): void {
    this.stop();
    const file = FILES.snapshots;
    // Only the file itself: its temp files, its lock and a copy set aside end otherwise.
    this.watch = watchFile({ key: file, dir, namePrefix: file, nameSuffix: file, ours: true }, clock, () => this.read());
  }

  stop(): void {
    this.watch?.close();
    this.watch = null;
  }

  /** Resolves once no read is under way (tests, and the core's `idle`). */
  async idle(): Promise<void> {
    await Promise.all(this.reading);
  }

  private read(): void {
    const read = this.store
      .readShared()
      .then((states) => {
        if (states) this.take(states);
      })
      .catch((err: unknown) => this.logger.warn(`the saved usage data was not read again: ${String(err)}`))
      .finally(() => this.reading.delete(read));
    this.reading.add(read);
  }
}
