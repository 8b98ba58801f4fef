/**
 * The surface the Electron shell uses: one object that owns the settings, the sources, the
 * scheduler and the usage store. The shell wires events in and renders what comes out.
 */
import type { ChatOrganization, ClaudeCodeDetection, ClaudeFolder, RefreshResult } from '../../../shared/ipc';
import type { AccountDirectory } from './account-directory';
import type { SettingsStore } from '../settings/settings-store';
import type { UsageStore } from './usage-store';

export interface BrimlineCore {
  readonly settings: SettingsStore;
  readonly dataDir: string;
  /** Loads persisted state (settings, last snapshots) and starts polling. */
  start(): Promise<void>;
  /** Stops timers and aborts polls in flight; persists what needs persisting. */
  stop(): Promise<void>;
  /** Every source's snapshot and the merged view; subscribers hear of every change (including scan progress). */
  readonly usage: Pick<UsageStore, 'view' | 'snapshots' | 'subscribe'>;
  /** Manual refresh: skips transient backoff, never the 429 gate or the one-minute floor. */
  refreshNow(): RefreshResult;
  /** Earliest time a manual refresh may poll any source, or null when it may now. */
  refreshAllowedAt(): string | null;
  /** Power and network events from the shell. */
  suspend(): void;
  resume(): void;
  networkOnline(): void;
  claudeCodeDetection(): Promise<ClaudeCodeDetection>;
  /** The claude.ai chat organisations last listed by the claude.ai source (empty while it is off or has not listed them). */
  claudeWebOrganizations(): readonly ChatOrganization[];
  /** Told when that list changes; returns an unsubscribe function. */
  onClaudeWebOrganizations(listener: () => void): () => void;
  /** Which Claude Code folders and organisations belong to which account. */
  readonly accounts: Pick<AccountDirectory, 'foldersOf' | 'forget'>;
  /** The Claude Code config folders in use, each with its own plan source and status line. */
  claudeFolders(): readonly ClaudeFolder[];
  /** Problems found while loading files at start-up, for the user. */
  startupProblems(): string[];
}
