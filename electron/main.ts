/**
 * Composition root: single-instance lock, sandbox, dock hiding, and wiring the core to the shell.
 * Rules live in electron/core/; Electron calls live in electron/adapters/.
 */
import { app, screen, session } from 'electron';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHeadroomCore } from './core/app-core';
import { AlertStore } from './core/alerts';
import { ForecastAlertStore } from './core/forecast-alert-store';
import { HistoryService } from './core/history/history-service';
import { fileLogger } from './core/log';
import { FILES, dataDir } from './core/paths';
import { SecretStore } from './core/secret-store';
import { trustedDevServer, type RendererOrigin } from './core/security';
import { registerAppScheme, serveRenderer } from './adapters/app-protocol';
import { createLoginItem } from './adapters/login-item';
import { createNetFetch } from './adapters/net-fetch';
import { watchPowerAndNetwork } from './adapters/power';
import { hardenAllWebContents, hardenSession } from './adapters/session-hardening';
import { startShell, type Shell } from './adapters/shell';
import { startUpdater, type Updater } from './adapters/updater';
import type { NotificationText } from './core/notification-text';

const here = path.dirname(fileURLToPath(import.meta.url));
const APP_USER_MODEL_ID = 'dev.headroom.app';

/** What the Electron smoke test reads through `electronApp.evaluate`; only set for unpackaged runs with HEADROOM_E2E=1. */
interface E2EProbe {
  notifications: NotificationText[];
  trayTitle(): string | null;
  popoverVisible(): boolean;
  openPopover(): void;
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const logger = fileLogger(path.join(dataDir(process.env), FILES.log));
  const origin: RendererOrigin = { devServerUrl: app.isPackaged ? null : trustedDevServer(process.env.ELECTRON_RENDERER_URL) };
  hardenAllWebContents(origin, logger);
  process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection: ${String(reason)}`));

  let shell: Shell | null = null;
  let stopPower: (() => void) | null = null;
  const secrets = new SecretStore({ logger });
  // Chromium's network stack: OS proxy settings and certificate store apply (the CLI keeps Node's fetch).
  const core = createHeadroomCore({ env: process.env, logger, secrets, fetch: createNetFetch() });
  const e2e = !app.isPackaged && process.env.HEADROOM_E2E === '1';
  const probe: E2EProbe = {
    notifications: [],
    trayTitle: () => shell?.tray.title() ?? null,
    popoverVisible: () => shell?.windows.isPopoverVisible() ?? false,
    openPopover: () => shell?.windows.showPopover(shell.tray.bounds()),
  };
  if (e2e) (globalThis as { __headroomE2E?: E2EProbe }).__headroomE2E = probe;

  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => shell?.windows.showPopover(shell.tray.bounds()));
  // macOS: opening the app again from Finder or Spotlight. Before start-up finishes there is no shell yet.
  app.on('activate', () => shell?.windows.showPopover(shell.tray.bounds()));

  let updater: Updater | null = null;
  let stopping: Promise<void> | null = null;
  let stopped = false;
  // One stop for every way out: a quit, an update install, a Windows session end.
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopPower?.();
      updater?.dispose();
      shell?.dispose();
      await core.stop().catch((err: unknown) => logger.error(`Stopping failed: ${String(err)}`));
    })();
    return stopping;
  };
  app.on('before-quit', (event) => {
    // Once stopped (or stopped for an update install), the quit goes through: quitAndInstall must not be held.
    if (stopped) return;
    event.preventDefault();
    void stop().finally(() => {
      stopped = true;
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

  void app
    .whenReady()
    .then(async () => {
      if (process.platform === 'darwin') app.dock?.hide();
      hardenSession(session.defaultSession, origin);
      serveRenderer(session.defaultSession, path.join(here, '../renderer'));
      const alerts = new AlertStore(core.dataDir, logger);
      const forecastAlerts = new ForecastAlertStore(core.dataDir, logger);
      const history = new HistoryService(core.dataDir, { now: Date.now, logger });
      await Promise.all([secrets.init(), alerts.load(), forecastAlerts.load()]);
      await core.start();
      shell = await startShell({
        core,
        secrets,
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
        observer: e2e ? { notified: (t) => probe.notifications.push(t) } : undefined,
      });
      shell.windows.preload();
      stopPower = watchPowerAndNetwork(core);
      // Off in dev; for a deb install it only says the package manager updates Headroom.
      updater = startUpdater({
        logger,
        beforeInstall: async () => {
          await stop();
          stopped = true;
        },
      });
      logger.info(`Headroom ${app.getVersion()} started (${process.platform}).`);
    })
    .catch((err: unknown) => {
      logger.error(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });
}

main();
