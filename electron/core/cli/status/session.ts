/**
 * The core and application service one `brimline status` runs, shared by the one-shot command and
 * `--watch`: the same sources, the same scheduler rules (a persisted 429 gate or a poll under a
 * minute ago is honoured), no alerts (a crossing seen here is still notified by the app).
 */
import type { WindowOutlookView } from '../../../../shared/ipc';
import type { Translator } from '../../../../shared/i18n/translator';
import { startAppService, type AppService } from '../../app/app-service';
import { HistoryService } from '../../history/history-service';
import { systemClock } from '../../platform/clock';
import { nullLogger } from '../../platform/log';
import { FILES } from '../../platform/paths';
import { createSources } from '../../sources/registry';
import { createBrimlineCore, type Core, type CoreOptions } from '../../usage/app-core';
import { watchFile } from '../../usage/file-watch';
import { envLocales } from '../env-locales';
import { envSecrets, withEnvSources } from '../env-secrets';
import type { CliIo } from '../io';

export interface StatusSession {
  readonly core: Core;
  readonly service: AppService;
  translator(): Translator;
  outlook(): Record<string, WindowOutlookView>;
  /** Polls now every source the rules allow, then waits for those polls and what they set off. */
  pollRound(): Promise<void>;
  /** Problems found loading files (settings, saved snapshots, history), for stderr. */
  problems(): string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Watch the files local sources read (status line, Claude Code's cache, logs): `--watch`. */
  watchFiles: boolean;
  coreOpts?: Partial<CoreOptions>;
  /** The service's redraw tick (countdowns); the one-shot command never ticks. */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export async function openStatusSession(io: CliIo, opts: SessionOptions): Promise<StatusSession> {
  const core = createBrimlineCore({
    env: io.env,
    watchFiles: opts.watchFiles,
    secrets: envSecrets(io.env),
    sources: (settings, ctx) => createSources(withEnvSources(settings, io.env), ctx),
    ...opts.coreOpts,
  });
  // The CLI records its polls into the history (so a later call has data); compaction and the
  // Claude Desktop import are the app's.
  const history = new HistoryService(core.dataDir, { now: io.now, maintenance: false, desktopHistoryFile: null });
  let service: AppService;
  try {
    await core.start();
    service = await startAppService({
      core,
      secrets: {
        status: async () => ({ saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'memory', keychainProblem: null }),
        set: unsupported,
        remove: unsupported,
      },
      logger: nullLogger,
      systemLocales: envLocales(io.env),
      platform: process.platform,
      appVersion: '',
      now: io.now,
      history,
      setInterval: opts.setInterval ?? (() => null),
      clearInterval: opts.clearInterval ?? (() => undefined),
    });
  } catch (err) {
    await core.stop();
    throw err;
  }
  const live = service;
  // The app saves Settings while a watcher runs: a new threshold, tray window or source follows.
  const settingsWatch = opts.watchFiles
    ? watchFile(
        { key: 'settings', dir: core.dataDir, namePrefix: FILES.settings, nameSuffix: FILES.settings, ours: true },
        opts.coreOpts?.clock ?? systemClock(),
        () => void core.settings.reread(),
      )
    : null;
  return {
    core,
    service: live,
    translator: () => live.translator(),
    outlook: () => live.appState().outlook,
    async pollRound() {
      // If the sources were rebuilt meanwhile (a folder the status line named), the new ones are
      // asked too, within the same rules.
      for (let round = 0; round < 3; round++) {
        const asked = core.scheduler;
        live.refresh();
        await core.idle();
        if (asked === core.scheduler) break;
      }
      await live.settled();
    },
    problems: () => [...core.startupProblems(), ...history.startupProblems()],
    async close() {
      settingsWatch?.close();
      live.dispose();
      await core.stop();
    },
  };
}

async function unsupported(): Promise<never> {
  throw new Error('The command line reads secrets from the environment; it does not store them.');
}
