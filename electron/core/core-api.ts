/**
 * The surface the Electron shell uses: one object that owns the settings, the sources, the
 * scheduler and the usage store. The shell wires events in and renders what comes out.
 */
import type { SourceSnapshot } from '../../shared/domain';
import type { ClaudeCodeDetection, RefreshResult } from '../../shared/ipc';
import type { SettingsStore } from './settings';

export interface HeadroomCore {
  readonly settings: SettingsStore;
  readonly dataDir: string;
  /** Loads persisted state (settings, last snapshots) and starts polling. */
  start(): Promise<void>;
  /** Stops timers and aborts polls in flight; persists what needs persisting. */
  stop(): Promise<void>;
  snapshots(): SourceSnapshot[];
  /** Called on every snapshot change (including progress); returns an unsubscribe function. */
  onSnapshots(listener: (snapshots: SourceSnapshot[]) => void): () => void;
  /** Manual refresh: skips transient backoff, never the 429 gate or the one-minute floor. */
  refreshNow(): RefreshResult;
  /** Earliest time a manual refresh may poll any source, or null when it may now. */
  refreshAllowedAt(): string | null;
  /** Power and network events from the shell. */
  suspend(): void;
  resume(): void;
  networkOnline(): void;
  claudeCodeDetection(): Promise<ClaudeCodeDetection>;
}
