/**
 * Wires the application service to the desktop: the tray, the popover and settings windows,
 * notifications and IPC. It holds no rules of its own: what to show, when to alert and how
 * settings change live in electron/core/app/ (the application service and its parts) and are
 * tested there without Electron.
 */
import type { WebContents } from 'electron';
import { CLAUDE_USAGE_URL, type AppState, type PushChannel, type PushMap, type TrayHostInfo } from '../../shared/ipc';
import type { AlertStore } from '../core/alerts/alerts';
import { startAppService, type AppService, type LoginItemPort, type SecretsPort } from '../core/app/app-service';
import type { BrimlineCore } from '../core/usage/core-api';
import type { StatuslineSetupPort } from '../core/statusline/setup';
import type { ForecastAlertStore } from '../core/alerts/forecast-alert-store';
import type { HistoryService } from '../core/history/history-service';
import type { Logger } from '../core/platform/log';
import type { NotificationText } from '../core/alerts/notification-text';
import type { RendererOrigin } from '../core/platform/security';
import type { MenuItemId } from '../core/tray/tray-model';
import { isWaylandSession } from '../core/tray/window-placement';
import { TOGGLE_FLAG, type GlobalShortcutPort } from '../core/app/shortcut';
import { RELEASES_URL, type UpdateMenuEntry } from '../core/platform/update-policy';
import { registerIpcHandlers, type IpcHandlers } from './ipc';
import type { SettingsSection } from '../../shared/settings';
import { openDataFolder } from './data-folder';
import { exportHistoryWithDialog } from './history-export';
import { Notifier } from './notifications';
import { openExternalSafely } from './session-hardening';
import { createGlobalShortcut } from './shortcut';
import { TrayController, tooltipLimit } from './tray';
import { WindowManager } from './windows';

export interface ShellOptions {
  core: BrimlineCore;
  secrets: SecretsPort;
  statusline?: StatuslineSetupPort;
  alerts: AlertStore;
  /** The usage history (started by the service) and the forecast alerts' state. */
  history?: HistoryService;
  forecastAlerts?: ForecastAlertStore;
  loginItem: LoginItemPort;
  logger: Logger;
  platform: NodeJS.Platform;
  preload: string;
  assetsDir: string;
  origin: RendererOrigin;
  appVersion: string;
  /** The system's preferred locales (app.getPreferredSystemLanguages()), for language "system". */
  systemLocales: readonly string[];
  /** IANA zone for reset clocks; the system's when unset (tests pin it). */
  timeZone?: string;
  devTools: boolean;
  quit: () => void;
  now?: () => number;
  /** Linux tray scale (48 px badge at 2×). */
  displayScale?: number;
  tickMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Records what the user would see, for the Electron smoke test. */
  observer?: ShellObserver;
  /** The updater (electron/adapters/updater.ts): its menu entries and what their clicks do. */
  updater?: UpdaterPort;
  /** What start-up learnt about the desktop's tray host (electron/core/tray/tray-host.ts). */
  trayHost?: TrayHostInfo;
  /** The OS's global shortcuts; Electron's globalShortcut when unset. */
  globalShortcut?: GlobalShortcutPort;
  /** What a desktop's own shortcut runs to toggle the popover (electron/core/app/shortcut.ts `toggleCommand`). */
  toggleCommand?: string;
  /** A Wayland session, where apps cannot grab keys; what process.env says when unset. */
  wayland?: boolean;
}

export interface UpdaterPort {
  entries(): UpdateMenuEntry[];
  check(): boolean;
  install(): Promise<boolean>;
}

export interface ShellObserver {
  notified(text: NotificationText): void;
}

export interface Shell {
  readonly windows: WindowManager;
  readonly tray: TrayController;
  readonly service: AppService;
  appState(): Promise<AppState>;
  /** Redraws the tray and pushes state to open windows. */
  render(): void;
  /** Resolves when alert processing for past updates has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

/** A typed push: the channel decides the payload's type. */
export function sendPush<K extends PushChannel>(contents: WebContents, channel: K, payload: PushMap[K]): void {
  contents.send(channel, payload);
}

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const { logger, platform } = opts;
  let notifier: Notifier | null = null;
  // The shortcut is registered as the service starts, before the windows exist: a press finds them here.
  let toggle: (() => void) | null = null;

  const service = await startAppService({
    core: opts.core,
    secrets: opts.secrets,
    statusline: opts.statusline,
    alerts: opts.alerts,
    ...(opts.history ? { history: opts.history } : {}),
    ...(opts.forecastAlerts ? { forecastAlerts: opts.forecastAlerts } : {}),
    loginItem: opts.loginItem,
    logger,
    systemLocales: opts.systemLocales,
    timeZone: opts.timeZone,
    platform,
    appVersion: opts.appVersion,
    now: opts.now,
    tooltipMax: tooltipLimit(platform),
    tickMs: opts.tickMs,
    setInterval: opts.setInterval,
    clearInterval: opts.clearInterval,
    startupProblems: () => (opts.alerts.loadProblem ? [opts.alerts.loadProblem] : []),
    // GNOME closes an open menu when it is replaced, and the tray is redrawn every tick.
    stableMenuLabels: platform === 'linux',
    updateEntries: () => opts.updater?.entries() ?? [],
    notificationStatus: () => notifier?.status() ?? { supported: false, blocked: false, reason: null },
    trayHost: opts.trayHost,
    shortcut: {
      port: opts.globalShortcut ?? createGlobalShortcut(),
      onPress: () => toggle?.(),
      wayland: opts.wayland ?? isWaylandSession(platform, process.env),
      toggleCommand: opts.toggleCommand ?? `brimline ${TOGGLE_FLAG}`,
    },
    notify: (text) => {
      notifier?.show(text);
      opts.observer?.notified(text);
    },
  });

  const windows = new WindowManager({
    preload: opts.preload,
    origin: opts.origin,
    platform,
    devTools: opts.devTools,
    now: opts.now ?? Date.now,
    onReady: (w) => sendPush(w.webContents, 'brimline:state', service.appState()),
    onRendererGone: (view, reason) => logger.warn(`The ${view} window's renderer is gone (${reason}); loading it again.`),
  });

  const onAction = (id: MenuItemId, checked?: boolean): void =>
    menuAction(id, checked, { service, windows, tray: () => tray, updater: opts.updater, quit: opts.quit, logger });

  const tray = new TrayController({
    platform,
    assetsDir: opts.assetsDir,
    linuxScale: opts.displayScale,
    onAction,
    onClick: (bounds) => windows.togglePopover(bounds),
  });
  toggle = () => windows.togglePopover(tray.bounds());
  notifier = new Notifier(() => windows.showPopover(tray.bounds()), { logger, onStatusChange: () => service.changed() });

  function render(): void {
    tray.update(service.trayModel());
    const state = service.appState();
    for (const w of windows.all()) {
      if (!w.webContents.isLoading()) sendPush(w.webContents, 'brimline:state', state);
    }
  }

  const handlers = ipcHandlers({ service, windows, notifier: () => notifier, quit: opts.quit, logger });
  const unregisterIpc = registerIpcHandlers(handlers, { ownsWebContents: (id) => windows.owns(id), origin: opts.origin }, logger);
  const unsubscribe = service.onChange(render);
  render();

  return {
    windows,
    tray,
    service,
    appState: async () => service.appState(),
    render,
    settled: () => service.settled(),
    dispose() {
      unsubscribe();
      service.dispose();
      unregisterIpc();
      tray.destroy();
      windows.destroyAll();
    },
  };
}

/** What the shell's tray menu and IPC handlers reach. */
interface ShellParts {
  service: AppService;
  windows: WindowManager;
  quit: () => void;
  logger: Logger;
}

/** Remembers the asked-for section first, so an open Settings window turns to it with the state push. */
async function openSettingsAt(service: AppService, windows: WindowManager, logger: Logger, section?: SettingsSection): Promise<void> {
  if (section !== undefined && service.appState().settings.ui.settingsSection !== section) {
    await service
      .updateSettings({ ui: { settingsSection: section } })
      .catch((err: unknown) => logger.warn(`The settings section was not saved: ${err instanceof Error ? err.message : String(err)}`));
  }
  windows.openSettings(section);
}

/** A tray menu item clicked: each goes to one service method or one window. */
function menuAction(
  id: MenuItemId,
  checked: boolean | undefined,
  { service, windows, tray, updater, quit, logger }: ShellParts & { tray: () => TrayController; updater?: UpdaterPort },
): void {
  switch (id) {
    case 'open':
      windows.showPopover(tray().bounds());
      return;
    case 'refresh':
      service.refresh();
      return;
    case 'settings':
      void openSettingsAt(service, windows, logger);
      return;
    case 'settings-accounts':
      void openSettingsAt(service, windows, logger, 'accounts');
      return;
    case 'usage-page':
      openExternalSafely(CLAUDE_USAGE_URL, logger);
      return;
    case 'launch-at-login':
      void service.setLaunchAtLogin(checked ?? !service.appState().launchAtLogin);
      return;
    case 'check-updates':
      updater?.check();
      return;
    case 'install-update':
      void updater?.install().catch((err: unknown) => logger.error(`Installing the update failed: ${String(err)}`));
      return;
    case 'download-update':
      openExternalSafely(RELEASES_URL, logger);
      return;
    case 'quit':
      quit();
      return;
  }
}

/** One handler per IPC channel, each a single service call (the payloads are validated by registerIpcHandlers). */
function ipcHandlers({ service, windows, notifier, quit, logger }: ShellParts & { notifier: () => Notifier | null }): IpcHandlers {
  return {
    'brimline:get-state': () => service.freshState(),
    'brimline:refresh': () => service.refresh(),
    'brimline:update-settings': (patch) => service.updateSettings(patch),
    'brimline:save-secret': ({ name, value }) => service.saveSecret(name, value),
    'brimline:remove-secret': ({ name }) => service.removeSecret(name),
    'brimline:open-external': ({ url }) => openExternalSafely(url, logger),
    'brimline:open-settings': (request) => openSettingsAt(service, windows, logger, request?.section),
    'brimline:open-data-folder': () => openDataFolder(service.appState().dataFolder, logger),
    'brimline:test-notification': async () => {
      const tr = service.translator();
      const n = notifier();
      return n ? n.test({ title: tr.t('notify.test.title'), body: tr.t('notify.test.body') }) : 'unsupported';
    },
    'brimline:set-statusline': ({ enabled }) => service.setStatusline(enabled),
    'brimline:quit': () => quit(),
    'brimline:get-history': ({ days }) => service.history(days),
    'brimline:export-history': ({ days }) =>
      exportHistoryWithDialog({ service, withDialog: (show) => windows.withDialog(show), now: Date.now }, days),
    'brimline:remove-account': (request) => service.removeAccount(request),
    'brimline:add-key': ({ kind, value }) => service.addKey(kind, value),
  };
}
