/**
 * The Electron-free heart of the app: settings, sources, scheduler and persisted snapshots, wired
 * together. The Electron shell, the CLI and the tests all build on this.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { SourceSnapshot } from '../../shared/domain';
import type { ClaudeCodeDetection, RefreshResult } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import { systemClock, type Clock } from './clock';
import type { HeadroomCore } from './core-api';
import { credentialFiles, discoverClaudeCodeCredentials } from './credentials/claude-code';
import { removeOrphanTempFiles } from './fs/atomic';
import { nullLogger, type Logger } from './log';
import { dataDir as defaultDataDir, type Env } from './paths';
import { Scheduler, MINUTE, type PersistedSourceState } from './scheduler';
import { SettingsStore } from './settings';
import { SnapshotStore } from './snapshot-store';
import { createSources, type SourceContext } from './sources/registry';
import type { UsageSource } from './sources/source';
import * as os from 'node:os';

export interface CoreOptions {
  env?: Env;
  dataDir?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** Replaces the registry (tests). */
  sources?: (settings: Settings, ctx: SourceContext) => UsageSource[];
  /** Watch Claude Code's credentials file and poll when it changes (off in the CLI). */
  watchCredentials?: boolean;
}

export interface Core extends HeadroomCore {
  readonly scheduler: Scheduler;
  /** Resolves once no poll is in flight. */
  idle(): Promise<void>;
  /** Problems found while loading files at start-up, for the user. */
  startupProblems(): string[];
}

export function createHeadroomCore(opts: CoreOptions = {}): Core {
  const env = opts.env ?? process.env;
  const dir = opts.dataDir ?? defaultDataDir(env);
  const clock = opts.clock ?? systemClock();
  const logger = opts.logger ?? nullLogger;
  const settings = new SettingsStore(dir);
  const store = new SnapshotStore(dir, logger);
  const listeners = new Set<(s: SourceSnapshot[]) => void>();
  const makeSources = opts.sources ?? createSources;
  let scheduler: Scheduler = new Scheduler([], { clock, intervalMs: () => MINUTE });
  let watchers: FSWatcher[] = [];
  let unsubscribeSettings: (() => void) | null = null;
  let sourceKey = '';
  let running = false;

  const emit = (snaps: SourceSnapshot[]): void => {
    for (const l of listeners) {
      try {
        l(snaps);
      } catch (err) {
        logger.error(`snapshot listener failed: ${String(err)}`);
      }
    }
  };

  // Gates and last attempts of every source seen, so switching a source off and on again is never
  // a way around the one-minute floor or a 429 gate.
  const remembered = new Map<string, PersistedSourceState>();
  const remember = (states: readonly PersistedSourceState[]): void => {
    for (const st of states) remembered.set(st.snapshot.sourceId, st);
  };

  const buildScheduler = (s: Settings, initial?: PersistedSourceState[]): void => {
    remember(initial ?? scheduler.persistedState());
    scheduler.stop();
    const ctx: SourceContext = { env, dataDir: dir, fetch: opts.fetch, now: () => clock.now() };
    const sources = makeSources(s, ctx);
    sourceKey = sources.map((x) => x.id).join(',');
    scheduler = new Scheduler(sources, {
      clock,
      intervalMs: () => settings.get().pollIntervalMinutes * MINUTE,
      random: opts.random,
      logger,
      initial: [...remembered.values()],
      onChange: emit,
      onPollComplete: (state) => {
        remember(state);
        void store.save([...remembered.values()]);
      },
    });
  };

  const watchCredentialFiles = (): void => {
    const dirs = new Set(credentialFiles(env, os.homedir()).map((f) => path.dirname(f)));
    let debounce: ReturnType<typeof setTimeout> | null = null;
    for (const d of dirs) {
      try {
        const w = watch(d, { persistent: false }, (_event, name) => {
          if (name !== null && !String(name).startsWith('.credentials')) return;
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(() => scheduler.poke('claude-oauth'), 1000);
        });
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // No such directory yet: Claude Code is not installed; the regular poll notices a later login.
      }
    }
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
      const initial = await store.load();
      buildScheduler(settings.get(), initial);
      unsubscribeSettings = settings.onChange((s) => {
        const ids = makeSources(s, { env, dataDir: dir, fetch: opts.fetch, now: () => clock.now() })
          .map((x) => x.id)
          .join(',');
        if (ids !== sourceKey) {
          buildScheduler(s);
          scheduler.start();
          emit(scheduler.snapshots());
        } else {
          scheduler.intervalChanged();
        }
      });
      if (opts.watchCredentials ?? true) watchCredentialFiles();
      scheduler.start();
      emit(scheduler.snapshots());
    },
    async stop() {
      running = false;
      unsubscribeSettings?.();
      unsubscribeSettings = null;
      for (const w of watchers) w.close();
      watchers = [];
      remember(scheduler.persistedState());
      scheduler.stop();
      await store.save([...remembered.values()]);
    },
    snapshots: () => scheduler.snapshots(),
    onSnapshots(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refreshNow: (): RefreshResult => scheduler.refreshNow(),
    refreshAllowedAt: () => scheduler.refreshAllowedAt(),
    suspend: () => scheduler.suspend(),
    resume: () => scheduler.resume(),
    networkOnline: () => scheduler.networkOnline(),
    async claudeCodeDetection(): Promise<ClaudeCodeDetection> {
      const found = await discoverClaudeCodeCredentials({ env });
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
    idle: () => scheduler.idle(),
    startupProblems: () => [settings.loadProblem, store.loadProblem].filter((p): p is string => p !== null),
  };
  return core;
}
