/** A BrimlineCore stand-in: real SettingsStore and UsageStore on a temp dir, snapshots pushed by the test. */
import type { SourceSnapshot } from '../../../shared/domain';
import type { ChatOrganization, ClaudeCodeDetection, ClaudeFolder, RefreshResult } from '../../../shared/ipc';
import { AccountDirectory } from '../../../electron/core/usage/account-directory';
import type { BrimlineCore } from '../../../electron/core/usage/core-api';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { UsageStore } from '../../../electron/core/usage/usage-store';

export class FakeCore implements BrimlineCore {
  readonly settings: SettingsStore;
  readonly usage = new UsageStore((err) => {
    throw err;
  });
  readonly calls: string[] = [];
  problems: string[] = [];
  gate: string | null = null;
  /** The account links, in memory. */
  readonly accounts = new AccountDirectory();
  folders: ClaudeFolder[] = [{ dir: '/home/ada/.claude', origin: 'default' }];
  claudeFolders(): readonly ClaudeFolder[] {
    return this.folders;
  }

  constructor(readonly dataDir: string) {
    this.settings = new SettingsStore(dataDir);
  }
  async start(): Promise<void> {
    await this.settings.load();
  }
  async stop(): Promise<void> {}
  push(snaps: SourceSnapshot[]): void {
    this.usage.update(snaps);
  }
  startupProblems(): string[] {
    return [...(this.settings.loadProblem ? [this.settings.loadProblem] : []), ...this.problems];
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
  organizations: readonly ChatOrganization[] = [];
  private readonly organizationListeners = new Set<() => void>();
  /** What the claude.ai source would report through SourceContext.report. */
  reportOrganizations(list: readonly ChatOrganization[]): void {
    this.organizations = list;
    for (const l of this.organizationListeners) l();
  }
  claudeWebOrganizations(): readonly ChatOrganization[] {
    return this.organizations;
  }
  onClaudeWebOrganizations(listener: () => void): () => void {
    this.organizationListeners.add(listener);
    return () => this.organizationListeners.delete(listener);
  }
  async claudeCodeDetection(): Promise<ClaudeCodeDetection> {
    return { found: true, detail: 'Found in ~/.claude/.credentials.json.' };
  }
}
