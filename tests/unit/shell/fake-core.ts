/** A HeadroomCore stand-in: real SettingsStore on a temp dir, snapshots pushed by the test. */
import type { SourceSnapshot } from '../../../shared/domain';
import type { ClaudeCodeDetection, RefreshResult } from '../../../shared/ipc';
import type { HeadroomCore } from '../../../electron/core/core-api';
import { SettingsStore } from '../../../electron/core/settings';

export class FakeCore implements HeadroomCore {
  readonly settings: SettingsStore;
  private snaps: SourceSnapshot[] = [];
  private readonly listeners = new Set<(s: SourceSnapshot[]) => void>();
  readonly calls: string[] = [];
  gate: string | null = null;

  constructor(readonly dataDir: string) {
    this.settings = new SettingsStore(dataDir);
  }
  async start(): Promise<void> {
    await this.settings.load();
  }
  async stop(): Promise<void> {}
  snapshots(): SourceSnapshot[] {
    return this.snaps;
  }
  onSnapshots(listener: (s: SourceSnapshot[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(snaps: SourceSnapshot[]): void {
    this.snaps = snaps;
    for (const l of this.listeners) l(snaps);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
  refreshNow(): RefreshResult {
    this.calls.push('refreshNow');
    return { started: this.gate === null, nextAllowedAt: this.gate };
  }
  refreshAllowedAt(): string | null {
    return this.gate;
  }
  suspend(): void {
    this.calls.push('suspend');
  }
  resume(): void {
    this.calls.push('resume');
  }
  networkOnline(): void {
    this.calls.push('networkOnline');
  }
  async claudeCodeDetection(): Promise<ClaudeCodeDetection> {
    return { found: true, detail: 'Found in ~/.claude/.credentials.json.' };
  }
}
