/**
 * The Electron-free heart of the app: settings, sources, scheduler, persisted snapshots and the
 * usage store that merges them, wired together. The app service, the CLI and the tests build on it.
 */
import * as os from 'node:os';
import { isSourceId, snapshotKey } from '../../../shared/domain';
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
import { Scheduler, MINUTE, type PersistedSourceState } from './scheduler';
import { SettingsStore } from '../app/settings';
import { SnapshotStore } from './snapshot-store';
import { SOURCES, createSources, enabledSourceIds, sourceKeysFor, type SourceContext } from '../sources/registry';
import { sourceKey, type SecretReader, type UsageSource } from '../sources/source';
import { observationDir } from '../statusline/observation-store';
import { UsageStore } from './usage-store';
import { watchFile, type FileWatch } from './file-watch';

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
  let organizations: readonly ChatOrganization[] = [];
  const organizationListeners = new Set<() => void>();
  const setOrganizations = (list: readonly ChatOrganization[]): void => {
    if (JSON.stringify(list) === JSON.stringify(organizations)) return;
    organizations = list;
    for (const l of organizationListeners) l();
  };
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
    report: { organizations: setOrganizations },
  });
  let scheduler: Scheduler = new Scheduler([], { clock, intervalMs: () => MINUTE });
  accounts.onLink(() => scheduler.reresolveAccounts());
  let watchers: FileWatch[] = [];
  let unsubscribeSettings: (() => void) | null = null;
  let sourceKeys = '';
  let running = false;

  const emit = (): void => usage.update(scheduler.snapshots());

  // Gates and last attempts of every source seen, so switching a source off and on again is never
  // a way around the one-minute floor or a 429 gate.
  const remembered = new Map<string, PersistedSourceState>();
  const remember = (states: readonly PersistedSourceState[]): void => {
    for (const st of states) remembered.set(snapshotKey(st.snapshot), st);
  };
  let runningSources: UsageSource[] = [];

  const buildScheduler = (s: Settings, initial?: PersistedSourceState[]): void => {
    // Polls in flight go on under the new scheduler: their answer is not lost, and no source is asked twice.
    const inFlight = scheduler.handOver();
    remember(initial ?? scheduler.persistedState());
    scheduler.stop();
    const sources = makeSources(s, sourceContext());
    runningSources = sources;
    sourceKeys = sources.map(sourceKey).join(',');
    // A list from a claude.ai source that is now off would offer a choice that does nothing.
    if (!sources.some((x) => x.id === 'claude-web')) setOrganizations([]);
    scheduler = new Scheduler(sources, {
      clock,
      intervalMs: (id) => intervalFor(id),
      random: opts.random,
      logger,
      initial: [...remembered.values()],
      onChange: emit,
      resolveAccount: (hint) => accounts.resolve(hint),
      lookupAccount: (hint) => accounts.lookup(hint),
      onPollComplete: (state) => {
        remember(state);
        void store.save([...remembered.values()]);
      },
    });
    scheduler.adopt(inFlight);
  };

  // Creating sources opens their stores: only a test's own factory is asked; for the registry the
  // keys follow from the enabled ids and the folders.
  const keysFor = (s: Settings): string =>
    (opts.sources ? opts.sources(s, sourceContext()).map(sourceKey) : sourceKeysFor(s, folders)).join(',');

  const closeWatchers = (): void => {
    for (const w of watchers) w.close();
    watchers = [];
  };

  /** The user's interval, or a source's relaxed one while the source that relaxes it is live for the same folder. */
  const intervalFor = (key: string): number => {
    const user = settings.get().pollIntervalMinutes * MINUTE;
    const source = runningSources.find((x) => sourceKey(x) === key);
    const relaxed = source && isSourceId(source.id) ? SOURCES[source.id].relaxedBy : undefined;
    if (!source || !relaxed) return user;
    const feed = usage.snapshots().find((s) => s.sourceId === relaxed.source && (s.folder ?? null) === (source.folder ?? null));
    // Only numbers make a feed live: a payload without them (a session's start) brings nothing the poll would.
    const live = feed?.state === 'ok' && feed.fetchedAt !== null && feed.windows.length > 0;
    const seen = live ? Date.parse(feed.fetchedAt!) : Number.NaN;
    return clock.now() - seen < user ? Math.max(user, relaxed.intervalMs) : user;
  };

  const watchSourceFiles = (): void => {
    closeWatchers();
    const ctx = sourceContext();
    for (const id of enabledSourceIds(settings.get())) {
      for (const w of SOURCES[id].watch?.(ctx) ?? []) {
        const fw = watchFile(w, clock, () => scheduler.poke(w.key));
        if (fw) watchers.push(fw);
      }
    }
    // A status line from a folder not yet in use (a shell's own CLAUDE_CONFIG_DIR) makes it an account.
    if (settings.get().sources.statusline.enabled && !opts.sources) {
      const fw = watchFile(
        { key: 'statusline', dir: observationDir(dir), namePrefix: '', ours: true },
        clock,
        () => void rediscoverFolders(),
        2000,
      );
      if (fw) watchers.push(fw);
    }
  };

  /** Settings changed: the sources are rebuilt only when what should run differs (a source or a folder). */
  const followSettings = (): void => {
    if (!running) return;
    const s = settings.get();
    const found = foldersInUse(env, home, s.accounts, reported);
    const foldersChanged = !sameFolders(found, folders);
    folders = found;
    if (keysFor(s) !== sourceKeys || foldersChanged) {
      buildScheduler(s);
      scheduler.start();
      if (opts.watchFiles ?? true) watchSourceFiles();
      emit();
    } else {
      scheduler.intervalChanged();
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
      return scheduler;
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
      if (opts.watchFiles ?? true) watchSourceFiles();
      scheduler.start();
      emit();
    },
    async stop() {
      running = false;
      unsubscribeSettings?.();
      unsubscribeSettings = null;
      closeWatchers();
      remember(scheduler.persistedState());
      scheduler.stop();
      await store.save([...remembered.values()]);
    },
    usage,
    refreshNow: (): RefreshResult => scheduler.refreshNow(),
    refreshAllowedAt: () => scheduler.refreshAllowedAt(),
    suspend: () => scheduler.suspend(),
    resume: () => scheduler.resume(),
    networkOnline: () => scheduler.networkOnline(),
    async claudeCodeDetection(): Promise<ClaudeCodeDetection> {
      const found = await discoverClaudeCodeCredentials({ env, home: opts.home });
      if (found.ok) {
        const c = found.credentials;
        const expired = c.expiresAt !== null && c.expiresAt <= clock.now();
        return {
          found: true,
          detail: expired ? `Found in ${c.origin}, but the login has expired: run \`claude\` once.` : `Found in ${c.origin}.`,
        };
      }
      return { found: false, detail: `Not found: ${found.problem.detail}.` };
    },
    claudeWebOrganizations: () => organizations,
    onClaudeWebOrganizations(listener) {
      organizationListeners.add(listener);
      return () => organizationListeners.delete(listener);
    },
    async idle() {
      // The sources can be rebuilt while their polls run (a folder appears, a setting changes): wait for the current ones.
      for (;;) {
        const waitedOn = scheduler;
        await waitedOn.idle();
        if (waitedOn === scheduler) return;
      }
    },
    claudeFolders: () => folders,
    rediscoverFolders,
    startupProblems: () => [settings.loadProblem, store.loadProblem, accounts.loadProblem].filter((p): p is string => p !== null),
    accounts,
  };
  return core;
}
