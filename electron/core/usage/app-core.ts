/**
 * The Electron-free heart of the app: settings, sources, scheduler, persisted snapshots and the
 * usage store that merges them, wired together. The app service, the CLI and the tests build on it.
 */
import * as os from 'node:os';
import type { ChatOrganization, ClaudeCodeDetection, ClaudeFolder, RefreshResult } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { AccountDirectory } from './account-directory';
import { foldersInUse, reportedFolders, sameFolders } from './claude-folders';
import { systemClock, type Clock } from '../platform/clock';
import type { BrimlineCore } from './core-api';
import { discoverClaudeCodeCredentials } from '../platform/credentials/claude-code';
import { removeOrphanTempFiles } from '../platform/fs/atomic';
import { nullLogger, type Logger } from '../platform/log';
import { dataDir as defaultDataDir, type Env } from '../platform/paths';
import { MINUTE, type PersistedSourceState, type Scheduler } from './scheduler';
import { SourceRunner } from './source-runner';
import { SettingsStore } from '../settings/settings-store';
import { SnapshotStore } from './snapshot-store';
import { createSources, sourceKeysFor, type SourceContext } from '../sources/registry';
import { sourceKey, type SecretReader, type UsageSource } from '../sources/source';
import { SourceFileWatch } from './source-watch';
import { loadUserPrices } from '../sources/local-logs/user-prices';
import { UsageStore } from './usage-store';

export interface CoreOptions {
  env?: Env;
  dataDir?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Replaces the registry (tests). */
  sources?: (settings: Settings, ctx: SourceContext) => UsageSource[];
  /** Watch the files sources depend on (a new login) and poll when they change (off in the CLI). */
  watchFiles?: boolean;
  /** Secrets the user saved: the keychain in the app, the environment in the CLI. */
  secrets?: SecretReader;
  /** Home folder for Claude Code's files (tests). */
  home?: string;
  /** How the claude.ai source reaches claude.ai (the app's hidden browser window). */
  webFetch?: SourceContext['webFetch'];
  /** More start-up problems to show (the upgrade from a development build). */
  startupProblems?: () => readonly string[];
}

export interface Core extends BrimlineCore {
  readonly scheduler: Scheduler;
  /** Resolves once no poll is in flight. */
  idle(): Promise<void>;
  /** Which account each Claude Code folder and organisation belongs to. */
  readonly accounts: AccountDirectory;
  /** Resolves once the folders in use have been looked for again and the sources follow them. */
  rediscoverFolders(): Promise<void>;
}

export function createBrimlineCore(opts: CoreOptions = {}): Core {
  const env = opts.env ?? process.env;
  const dir = opts.dataDir ?? defaultDataDir(env);
  const clock = opts.clock ?? systemClock();
  const logger = opts.logger ?? nullLogger;
  const settings = new SettingsStore(dir);
  const store = new SnapshotStore(dir, logger);
  const usage = new UsageStore((err) => logger.error(`usage subscriber failed: ${String(err)}`));
  const accounts = new AccountDirectory(dir, logger);
  const makeSources = opts.sources ?? createSources;
  const secrets: SecretReader = opts.secrets ?? { get: async () => null };
  const home = opts.home ?? os.homedir();
  // Folders the status line has named, as last read (at start, and when a new one reports).
  let reported: string[] = [];
  let folders: ClaudeFolder[] = foldersInUse(env, home, settings.get().accounts, reported);
  const organizations = new OrganizationList();
  const sourceContext = (): SourceContext => ({
    env,
    dataDir: dir,
    fetch: opts.fetch,
    now: () => clock.now(),
    secrets,
    settings: () => settings.get(),
    webFetch: opts.webFetch,
    home: opts.home,
    folders,
    logger,
    report: { organizations: (list) => organizations.set(list) },
  });
  const runner = new SourceRunner({
    clock,
    random: opts.random,
    logger,
    store,
    accounts,
    usage,
    userIntervalMs: () => settings.get().pollIntervalMinutes * MINUTE,
  });
  let unsubscribeSettings: (() => void) | null = null;
  let running = false;
  const emit = (): void => runner.emit();

  const buildScheduler = (s: Settings, initial?: PersistedSourceState[]): void => {
    organizations.keepFor(runner.rebuild(() => makeSources(s, sourceContext()), initial));
  };

  const fileWatch = new SourceFileWatch(clock, () => void rediscoverFolders());
  const watchFiles = (): void => {
    fileWatch.restart({
      settings: settings.get(),
      ctx: sourceContext(),
      poke: (key) => runner.current.poke(key),
      observationsOf: opts.sources ? null : dir,
    });
    runner.followSaved(dir);
  };

  /** Settings changed: the sources are rebuilt only when what should run differs (a source or a folder). */
  const followSettings = (): void => {
    if (!running) return;
    const s = settings.get();
    const found = foldersInUse(env, home, s.accounts, reported);
    const foldersChanged = !sameFolders(found, folders);
    folders = found;
    if (keysFor(s, folders, opts.sources, sourceContext) !== runner.keys || foldersChanged) {
      buildScheduler(s);
      runner.current.start();
      if (opts.watchFiles ?? true) watchFiles();
      emit();
    } else {
      runner.current.intervalChanged();
    }
  };
  /** A status line may have come from a folder not yet in use: it becomes an account of its own. */
  const rediscoverFolders = async (): Promise<void> => {
    reported = await reportedFolders(dir);
    followSettings();
  };

  const core: Core = {
    settings,
    dataDir: dir,
    get scheduler() {
      return runner.current;
    },
    async start() {
      if (running) return;
      running = true;
      await removeOrphanTempFiles(dir);
      await settings.load();
      await accounts.load();
      const initial = await store.load();
      reported = await reportedFolders(dir);
      folders = foldersInUse(env, home, settings.get().accounts, reported);
      buildScheduler(settings.get(), initial);
      unsubscribeSettings = settings.onChange(followSettings);
      if (opts.watchFiles ?? true) watchFiles();
      runner.current.start();
      emit();
    },
    async stop() {
      running = false;
      unsubscribeSettings?.();
      unsubscribeSettings = null;
      fileWatch.stop();
      await runner.stop();
    },
    usage,
    ...schedulerCalls(runner),
    idle: () => idleOfCurrent(runner, store),
    claudeCodeDetection: () => detectClaudeCode(env, opts.home, clock.now()),
    claudeWebOrganizations: () => organizations.current(),
    onClaudeWebOrganizations: (listener) => organizations.onChange(listener),
    claudeFolders: () => folders,
    rediscoverFolders,
    startupProblems: () => present([settings.loadProblem, store.loadProblem, accounts.loadProblem, ...otherProblems(dir, opts)]),
    accounts,
  };
  return core;
}

/** The calls that go straight to the scheduler in use. */
function schedulerCalls(runner: SourceRunner): Pick<Core, 'refreshNow' | 'refreshAllowedAt' | 'suspend' | 'resume' | 'networkOnline'> {
  return {
    refreshNow: (): RefreshResult => runner.current.refreshNow(),
    refreshAllowedAt: () => runner.current.refreshAllowedAt(),
    suspend: () => runner.current.suspend(),
    resume: () => runner.current.resume(),
    networkOnline: () => runner.current.networkOnline(),
  };
}

/**
 * The keys of the instances `s` asks for. Creating sources opens their stores: only a test's own
 * factory is asked; for the registry the keys follow from the enabled ids and the folders.
 */
function keysFor(s: Settings, folders: readonly ClaudeFolder[], factory: CoreOptions['sources'], context: () => SourceContext): string {
  return (factory ? factory(s, context()).map(sourceKey) : sourceKeysFor(s, folders)).join(',');
}

/** Whether Claude Code's login is there, and still valid, in words for Settings. */
async function detectClaudeCode(env: Env, home: string | undefined, now: number): Promise<ClaudeCodeDetection> {
  const found = await discoverClaudeCodeCredentials({ env, home });
  if (!found.ok) return { found: false, detail: `Not found: ${found.problem.detail}.` };
  const c = found.credentials;
  const expired = c.expiresAt !== null && c.expiresAt <= now;
  return {
    found: true,
    detail: expired ? `Found in ${c.origin}, but the login has expired: run \`claude\` once.` : `Found in ${c.origin}.`,
  };
}

/** The claude.ai organisations last listed, and who hears when they change (only a real change counts). */
class OrganizationList {
  private list: readonly ChatOrganization[] = [];
  private readonly listeners = new Set<() => void>();

  current(): readonly ChatOrganization[] {
    return this.list;
  }

  /** A list from a claude.ai source that is now off would offer a choice that does nothing. */
  keepFor(sources: readonly UsageSource[]): void {
    if (!sources.some((x) => x.id === 'claude-web')) this.set([]);
  }

  set(list: readonly ChatOrganization[]): void {
    if (JSON.stringify(list) === JSON.stringify(this.list)) return;
    this.list = list;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * The sources can be rebuilt while their polls run (a folder appears, a setting changes): waits for
 * the current ones, and for their answers to be saved (another process reads them there).
 */
async function idleOfCurrent(runner: SourceRunner, store: SnapshotStore): Promise<void> {
  for (;;) {
    const waitedOn = runner.current;
    await waitedOn.idle();
    await store.settled();
    await runner.savedRead();
    if (waitedOn === runner.current) return;
  }
}

/** Problems found outside the core's own stores: a refused prices.json, the upgrade from a development build. */
function otherProblems(dir: string, opts: CoreOptions): (string | null)[] {
  return [loadUserPrices(dir).problem, ...(opts.startupProblems?.() ?? [])];
}

function present(problems: readonly (string | null)[]): string[] {
  return problems.filter((p): p is string => p !== null);
}
