/**
 * Composition root: single-instance lock, sandbox, dock hiding, and wiring the core to the shell.
 * Rules live in electron/core/; Electron calls live in electron/adapters/.
 */
import { Menu, app, dialog, screen, session } from 'electron';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBrimlineCore, type Core } from './core/usage/app-core';
import { AlertStore } from './core/alerts/alerts';
import { ForecastAlertStore } from './core/alerts/forecast-alert-store';
import { HistoryService } from './core/history/history-service';
import { fileLogger } from './core/platform/log';
import { FILES, chromiumProfileDir, claudeWebBase } from './core/platform/paths';
import { migrateAtAppReady, migrateDataFolderAtAppStart } from './core/migration/app-start';
import { envValue } from './core/migration/env';
import { autostartFile, launchCommand } from './core/platform/login-item-linux';
import { SecretStore } from './core/platform/secret-store';
import { currentCliTarget, packagedAppTarget } from './core/statusline/launcher-shim';
import { createStatuslineSetup } from './core/statusline/setup';
import { setScanWorkerScript } from './core/sources/local-logs/scan-workers';
import { trustedDevServer, type RendererOrigin } from './core/platform/security';
import { detectTrayHost, type TrayHostDecision } from './core/tray/tray-host';
import { toggleCommand, wantsToggle } from './core/app/shortcut';
import { registerAppScheme, serveRenderer } from './adapters/app-protocol';
import { createElectronClaudeWebFetch, isClaudeWebContents, type ElectronClaudeWebFetch } from './adapters/claude-web-fetch';
import { createLoginItem } from './adapters/login-item';
import { createNetFetch } from './adapters/net-fetch';
import { watchPowerAndNetwork } from './adapters/power';
import { hardenAllWebContents, hardenSession } from './adapters/session-hardening';
import { startShell, type Shell } from './adapters/shell';
import type { SecretsPort } from './core/app/app-service';
import type { Logger } from './core/platform/log';
import { startUpdater, type Updater } from './adapters/updater';
import type { NotificationText } from './core/alerts/notification-text';
import { makeTranslator } from '../shared/i18n/translator';

const here = path.dirname(fileURLToPath(import.meta.url));
const APP_USER_MODEL_ID = 'dev.brimline.app';
/**
 * Windows: the COM class a toast clicked in the Action Center activates. Fixed, so a toast from an
 * earlier run still reaches the app (Electron picks a random one per run otherwise).
 */
const TOAST_ACTIVATOR_CLSID = '{33AED0F4-5E42-4A30-B095-36E75048E64A}';

/** What the Electron smoke test reads through `electronApp.evaluate`; only set for unpackaged runs with BRIMLINE_E2E=1. */
interface E2EProbe {
  notifications: NotificationText[];
  trayTitle(): string | null;
  popoverVisible(): boolean;
  openPopover(): void;
}

/** What is running, for the ways out (a quit, an update install, a Windows session end). */
interface Running {
  shell: Shell | null;
  updater: Updater | null;
  stopPower: (() => void) | null;
  claudeWeb: ElectronClaudeWebFetch | null;
  /** Stopped (or stopped for an update install): a quit now goes through. */
  stopped: boolean;
  /** `brimline --toggle` came before the popover existed (this launch, or a second one during start-up): open it once started. */
  openAtStart: boolean;
}

function main(): void {
  // A development build's data folder moves first, before anything (the profile, the log) opens a file in it.
  const folder = migrateDataFolderAtAppStart(process.env);
  const migrationProblems = [...folder.problems];
  // Chromium's profile holds the single-instance lock: set it next, away from Brimline's own files,
  // and apart for a dev run so `npm start` is not refused while the installed app runs.
  app.setPath('userData', folder.chromiumProfile ?? chromiumProfileDir(app.getPath('appData'), app.isPackaged));
  // `brimline --toggle` (a desktop's own shortcut, where apps cannot grab keys) goes to the running
  // instance both as argv and as data, which Chromium hands over as sent; this process then exits.
  const toggle = wantsToggle(process.argv);
  if (!app.requestSingleInstanceLock(toggle ? { toggle: true } : undefined)) {
    app.quit();
    return;
  }
  app.enableSandbox();
  // The popover is a small HTML page: software rendering draws it at once, and a tray app that
  // runs all week should not keep a GPU process (tens of megabytes) for it.
  app.disableHardwareAcceleration();
  // Since Electron 38 some of Chromium checks the switch itself, not the call above, and keeps
  // the GPU busy without it (electron/electron#51363). Chromium still runs a GPU process: it
  // draws the pages in software.
  app.commandLine.appendSwitch('disable-gpu');
  registerAppScheme();
  if (process.platform === 'win32') {
    app.setAppUserModelId(APP_USER_MODEL_ID);
    app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  }

  const logger = fileLogger(path.join(folder.dataDir, FILES.log));
  if (folder.log) logger.info(folder.log);
  // The local-logs scan worker is the CLI's bundle, outside app.asar (resources/cli in a package).
  const cliDir = app.isPackaged ? path.join(process.resourcesPath, 'cli') : path.join(here, '../cli');
  setScanWorkerScript({ url: pathToFileURL(path.join(cliDir, 'scan-worker.mjs')) });
  const origin: RendererOrigin = { devServerUrl: app.isPackaged ? null : trustedDevServer(process.env.ELECTRON_RENDERER_URL) };
  hardenAllWebContents(origin, logger, isClaudeWebContents);
  process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection: ${String(reason)}`));

  const run: Running = { shell: null, updater: null, stopPower: null, claudeWeb: null, stopped: false, openAtStart: toggle };
  // A keychain that answers again (unlocked after login, a macOS prompt accepted) changes the Settings note.
  const secrets = new SecretStore({ logger, onBackendChange: () => void run.shell?.service.secretsChanged() });
  // Chromium's network stack: OS proxy settings and certificate store apply (the CLI keeps Node's fetch).
  // claude.ai sits behind Cloudflare: a hidden window reaches it. Made on the first request (after
  // ready, which its session partition needs), so nothing opens while the source is off.
  const claudeWebFetch = (): ElectronClaudeWebFetch =>
    (run.claudeWeb ??= createElectronClaudeWebFetch({ baseUrl: claudeWebBase(process.env) }));
  const core = createBrimlineCore({
    env: process.env,
    dataDir: folder.dataDir,
    startupProblems: () => migrationProblems,
    logger,
    secrets,
    fetch: createNetFetch(),
    webFetch: (url, req) => claudeWebFetch().fetch(url, req),
  });
  const probe = installE2EProbe(run);

  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  // A second launch opens the popover; with --toggle it opens or closes it.
  app.on('second-instance', (_event, argv: string[], _cwd, additionalData: unknown) => {
    const shell = run.shell;
    const toggled = wantsToggle(argv, additionalData);
    if (!shell) run.openAtStart ||= toggled;
    else if (toggled) shell.windows.togglePopover(shell.tray.bounds());
    else shell.windows.showPopover(shell.tray.bounds());
  });
  // macOS: opening the app again from Finder or Spotlight. Before start-up finishes there is no shell yet.
  app.on('activate', () => run.shell?.windows.showPopover(run.shell.tray.bounds()));
  const stop = handleWaysOut(run, core, logger);

  void app
    .whenReady()
    .then(() => startApp({ run, core, secrets, claudeWebFetch, origin, logger, stop, probe, migrationProblems }))
    .catch((err: unknown) => {
      logger.error(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      // A tray app that fails before its icon appears would vanish without a word: say so, and where the log is.
      const tr = makeTranslator('system', [app.getLocale()]);
      dialog.showErrorBox(
        tr.t('startup.failed.title'),
        tr.t('startup.failed.body', {
          message: err instanceof Error ? err.message : String(err),
          log: path.join(folder.dataDir, FILES.log),
        }),
      );
      app.exit(1);
    });
}

/** The Electron smoke test's probe, only for unpackaged runs with BRIMLINE_E2E=1. */
function installE2EProbe(run: Running): E2EProbe | null {
  if (app.isPackaged || envValue(process.env, 'BRIMLINE_E2E') !== '1') return null;
  const probe: E2EProbe = {
    notifications: [],
    trayTitle: () => run.shell?.tray.title() ?? null,
    popoverVisible: () => run.shell?.windows.isPopoverVisible() ?? false,
    openPopover: () => run.shell?.windows.showPopover(run.shell.tray.bounds()),
  };
  (globalThis as { __brimlineE2E?: E2EProbe }).__brimlineE2E = probe;
  return probe;
}

/** One stop for every way out: a quit, an update install, a Windows session end. Returns it. */
function handleWaysOut(run: Running, core: Core, logger: Logger): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      run.stopPower?.();
      run.updater?.dispose();
      run.shell?.dispose();
      run.claudeWeb?.dispose();
      await core.stop().catch((err: unknown) => logger.error(`Stopping failed: ${String(err)}`));
    })();
    return stopping;
  };
  app.on('before-quit', (event) => {
    // Once stopped (or stopped for an update install), the quit goes through: quitAndInstall must not be held.
    if (run.stopped) return;
    event.preventDefault();
    void stop().finally(() => {
      run.stopped = true;
      app.quit();
    });
  });
  // Windows shutdown and log-off end the process without 'before-quit'; 'session-end' comes to
  // every top-level window (the hidden popover included), so save there.
  app.on('browser-window-created', (_event, win) => {
    win.on('session-end', () => {
      logger.info('Windows session ending: saving state.');
      void stop();
    });
  });
  return stop;
}

interface StartContext {
  run: Running;
  core: Core;
  secrets: SecretStore;
  claudeWebFetch: () => ElectronClaudeWebFetch;
  origin: RendererOrigin;
  logger: Logger;
  stop: () => Promise<void>;
  probe: E2EProbe | null;
  /** Problems the upgrade from a development build met, shown with the start-up problems. */
  migrationProblems: string[];
}

/** After ready: the stores load, the core starts, then the shell (tray, windows, IPC) over the service. */
async function startApp({
  run,
  core,
  secrets,
  claudeWebFetch,
  origin,
  logger,
  stop,
  probe,
  migrationProblems,
}: StartContext): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  // Windows and Linux would give Settings Electron's default File/Edit/View menu; macOS keeps its
  // app menu, whose Edit roles carry Cmd-C/Cmd-V into the key fields.
  else Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession, origin);
  serveRenderer(session.defaultSession, path.join(here, '../renderer'));
  const alerts = new AlertStore(core.dataDir, logger);
  // Settings are only written once changed, but snapshots are saved after every run: neither means a first start.
  const firstRun = ![FILES.settings, FILES.snapshots].some((f) => existsSync(path.join(core.dataDir, f)));
  const trayHostCheck = detectTrayHost(process.platform, process.env, firstRun).catch((): TrayHostDecision => ({
    host: 'present',
    showPopoverAtStart: false,
    note: null,
  }));
  const forecastAlerts = new ForecastAlertStore(core.dataDir, logger);
  // Claude Desktop names organisations; its samples join the account a profile links them to.
  const history = new HistoryService(core.dataDir, {
    now: Date.now,
    logger,
    accountIdForOrg: (org) => core.accounts.accountForOrg(org),
  });
  core.accounts.onLink(() => void history.importDesktopHistory());
  await Promise.all([secrets.init(), alerts.load(), forecastAlerts.load()]);
  // Before the first poll reads a key: a development build's keys, status line and autostart entry.
  migrationProblems.push(
    ...(await migrateAtAppReady({
      dataDir: core.dataDir,
      target: cliTarget(),
      autostart: process.platform === 'linux' ? { file: autostartFile(process.env), command: launchCommand(process.execPath) } : null,
      logger,
      now: Date.now,
      keychainAnswers: secrets.backend() === 'keychain',
    })),
  );
  await core.start();
  // Off in dev; for a deb install it only says the package manager updates Brimline.
  run.updater = startUpdater({
    logger,
    onChange: () => run.shell?.render(),
    beforeInstall: async () => {
      await stop();
      run.stopped = true;
    },
  });
  const trayHost = await trayHostCheck;
  if (trayHost.host !== 'present') logger.warn(`No tray host found (${trayHost.host}): the tray icon may be invisible.`);
  const shell = await startShell({
    core,
    statusline: statuslineSetup(core, logger),
    secrets: shellSecrets(secrets, claudeWebFetch, logger),
    alerts,
    history,
    forecastAlerts,
    loginItem: createLoginItem(process.platform),
    logger,
    platform: process.platform,
    preload: path.join(here, '../preload/index.cjs'),
    assetsDir: app.isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(here, '../../assets'),
    origin,
    appVersion: app.getVersion(),
    systemLocales: [...app.getPreferredSystemLanguages(), app.getLocale()],
    devTools: !app.isPackaged,
    displayScale: screen.getPrimaryDisplay().scaleFactor,
    quit: () => app.quit(),
    observer: probe ? { notified: (t) => probe.notifications.push(t) } : undefined,
    updater: run.updater,
    trayHost: { host: trayHost.host, note: trayHost.note },
    toggleCommand: toggleCommand({
      execPath: process.execPath,
      appPath: app.isPackaged ? null : app.getAppPath(),
      packaged: app.isPackaged,
      platform: process.platform,
      env: process.env,
    }),
  });
  run.shell = shell;
  shell.windows.preload();
  // No tray host (vanilla GNOME): the icon goes nowhere, so the popover itself says how to get one.
  if (trayHost.showPopoverAtStart) shell.windows.showPopover(null);
  else if (run.openAtStart) shell.windows.showPopover(shell.tray.bounds());
  run.stopPower = watchPowerAndNetwork(core);
  logger.info(`Brimline ${app.getVersion()} started (${process.platform}).`);
}

/**
 * The command written into Claude Code's settings.json runs a launcher in Brimline's data folder,
 * which each start points at this app: it survives updates, which move the app binary.
 */
function statuslineSetup(core: Core, logger: Logger): ReturnType<typeof createStatuslineSetup> {
  const statusline = createStatuslineSetup({
    env: process.env,
    dataDir: core.dataDir,
    target: cliTarget(),
    now: Date.now,
  });
  void statusline.refreshLauncher().catch((err: unknown) => logger.warn(`Status-line launcher not updated: ${String(err)}`));
  return statusline;
}

/** What the status line's launcher runs: this app as Node on its CLI bundle, or the dev build's bundle. */
function cliTarget(): ReturnType<typeof currentCliTarget> {
  return app.isPackaged
    ? packagedAppTarget(process.execPath, process.resourcesPath)
    : currentCliTarget(path.join(here, '../cli/brimline.mjs'));
}

/** The keychain as the service sees it. Removing the session key also forgets the cookies of the hidden claude.ai window (a new key needs a fresh partition state). */
function shellSecrets(secrets: SecretStore, claudeWebFetch: () => ElectronClaudeWebFetch, logger: Logger): SecretsPort {
  return {
    status: (extra) => secrets.status(extra),
    set: (name, value) => secrets.set(name, value),
    remove: async (name) => {
      const status = await secrets.remove(name);
      if (name === 'claudeSessionKey') {
        try {
          await claudeWebFetch().clear();
        } catch (err) {
          logger.warn(`claude.ai cookies not cleared: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return status;
    },
  };
}

main();
