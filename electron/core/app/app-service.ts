/**
 * The application service: everything the app does with the usage store, without Electron. This
 * file only composes the parts, each a module of this folder with one job:
 *
 *   change-hub        the app state's listeners (the shell redraws on `changed()`)
 *   settings-sync     settings, and launch-at-login kept in step with the OS
 *   keys              the keychain's status, saved keys and further keys
 *   accounts          removing an account
 *   claude-code       Claude Code's login check and the status-line setup
 *   notifications     threshold alerts, forecast alerts and data warnings → `notify`
 *   history-feed      the usage history: recording, pace and forecast, the History window
 *   shortcut          the global shortcut that opens and closes the popover
 *   history-export    Export… of the History window, once main's save dialog named the file
 *   startup-problems  the problems shown in the popover
 *   app-state         the AppState and the tray model, read from all of the above
 *
 * The walk of a change: an IPC call reaches one part, which changes the core or its own state and
 * says `changed()`; the shell then reads `trayModel()` and `appState()` once. The CLI runs the same
 * service without alerts, so a crossing it sees is still notified by the app.
 */
import type { Translator } from '../../../shared/i18n/translator';
import type {
  AppState,
  HistoryDays,
  HistoryExportResult,
  HistoryPayload,
  NotificationState,
  RefreshResult,
  RemoveAccountRequest,
  SecretKind,
  SecretName,
  SecretStatus,
  StatuslineSetup,
  TrayHostInfo,
} from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import type { AlertStore } from '../alerts/alerts';
import type { ForecastAlertStore } from '../alerts/forecast-alert-store';
import type { NotificationText } from '../alerts/notification-text';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../platform/log';
import type { UpdateMenuEntry } from '../platform/update-policy';
import type { StatuslineSetupPort } from '../statusline/setup';
import type { TrayModel } from '../tray/tray-model';
import type { BrimlineCore } from '../usage/core-api';
import { createAccountRemoval } from './accounts';
import { createAppViews, translatorFor, type AppViews } from './app-state';
import { createChangeHub, type ChangeHub } from './change-hub';
import { createClaudeCode, type ClaudeCode } from './claude-code';
import { exportHistoryTo } from './history-export';
import { createHistoryFeed, type HistoryFeed } from './history-feed';
import { startKeys, type Keys, type SecretsPort } from './keys';
import { createNotifications, type Notifications } from './notifications';
import { startSettingsSync, type LoginItemPort, type SettingsSync } from './settings-sync';
import { startShortcut, type Shortcut, type ShortcutOptions } from './shortcut';
import { collectProblems, loadProblem } from './startup-problems';

export type { LoginItemPort } from './settings-sync';
export type { SecretsPort } from './keys';

export interface AppServiceOptions {
  core: BrimlineCore;
  secrets: SecretsPort;
  /** Claude Code's status-line setup (electron/core/statusline/setup.ts); absent in the CLI. */
  statusline?: StatuslineSetupPort;
  /** Threshold alerts; absent in the CLI. */
  alerts?: AlertStore;
  /** Shows a notification; absent in the CLI. */
  notify?: (text: NotificationText) => void;
  loginItem?: LoginItemPort;
  logger: Logger;
  /** The system's preferred locales (app.getPreferredSystemLanguages(), or LANG in the CLI). */
  systemLocales: readonly string[];
  /** IANA zone for reset clocks; the system's when unset (tests pin it). */
  timeZone?: string;
  platform: NodeJS.Platform;
  appVersion: string;
  now?: () => number;
  /** Longest tooltip the platform shows. */
  tooltipMax?: number;
  /** Countdowns move: the tray is redrawn this often. */
  tickMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Problems the shell found at start-up (e.g. the alert file set aside), shown with the core's. */
  startupProblems?: () => readonly string[];
  /** Menu labels without countdowns (Linux: a replaced menu closes while open on GNOME). */
  stableMenuLabels?: boolean;
  /** The updater's tray menu entries; absent in the CLI and tests without an updater. */
  updateEntries?: () => readonly UpdateMenuEntry[];
  /** Whether the OS shows Brimline's notifications; absent in the CLI. */
  notificationStatus?: () => NotificationState;
  /** What start-up learnt about the desktop's tray host (Linux). */
  trayHost?: TrayHostInfo;
  /**
   * The usage history: every fresh merged window is recorded, and pace and forecast come from it.
   * The app passes a full service (compaction, Claude Desktop import); the CLI a recording-only one.
   */
  history?: HistoryService;
  /** "Runs out before reset" and "unused at reset" alerts; absent in the CLI. */
  forecastAlerts?: ForecastAlertStore;
  /** Home folder, to resolve `~/…` folders (tests). */
  home?: string;
  /** The OS's global shortcuts and what a press does; absent in the CLI. */
  shortcut?: ShortcutOptions;
}

export interface AppService {
  translator(): Translator;
  trayModel(): TrayModel;
  appState(): AppState;
  /** Re-reads what is slow to learn (Claude Code's login, the OS login item), then the state. */
  freshState(): Promise<AppState>;
  /** Called whenever the tray or the windows should redraw; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  refresh(): RefreshResult;
  updateSettings(patch: unknown): Promise<Settings>;
  saveSecret(name: SecretName, value: string): Promise<SecretStatus>;
  removeSecret(name: SecretName): Promise<SecretStatus>;
  /** Saves another account's session key or organisation's Admin key under a new slot, and polls it. */
  addKey(kind: SecretKind, value: string): Promise<SecretStatus>;
  setLaunchAtLogin(enabled: boolean): Promise<void>;
  /** Installs or removes Brimline's status line in Claude Code's settings.json; null without a setup port (the CLI). */
  setStatusline(enabled: boolean): Promise<StatuslineSetup | null>;
  /** The secret store's backend changed (the keychain answers again): re-reads its status and pushes it. */
  secretsChanged(): Promise<void>;
  /** Something outside the store changed (notification status, updater): redraws the tray and windows. */
  changed(): void;
  /** The history view's data (empty without a history). */
  history(days: HistoryDays): Promise<HistoryPayload>;
  /** Writes the period's samples and daily totals to a file the user chose in main's save dialog. */
  exportHistory(days: HistoryDays, file: string): Promise<HistoryExportResult>;
  /** Stops reading an account's folders, deletes its keys from the keychain, and its history only when asked. */
  removeAccount(request: RemoveAccountRequest): Promise<Settings>;
  /** Resolves when alert processing for past updates has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

/** The parts, built once; each knows only the parts it needs. */
interface Parts {
  hub: ChangeHub;
  translator: () => Translator;
  keys: Keys;
  settingsSync: SettingsSync;
  claudeCode: ClaudeCode;
  notifications: Notifications;
  history: HistoryFeed;
  shortcut: Shortcut;
  views: AppViews;
  removeAccount: (request: RemoveAccountRequest) => Promise<Settings>;
}

async function startParts(opts: AppServiceOptions): Promise<Parts> {
  const { core, logger } = opts;
  const now = opts.now ?? Date.now;
  const hub = createChangeHub(logger);
  const { changed } = hub;
  const settings = () => core.settings.get();

  const keys = await startKeys({ secrets: opts.secrets, settings: core.settings, logger, changed });
  const settingsSync = await startSettingsSync({ settings: core.settings, loginItem: opts.loginItem, logger, changed });
  const claudeCode = createClaudeCode({ detect: () => core.claudeCodeDetection(), statusline: opts.statusline, now, logger, changed });
  const translator = translatorFor(settings, opts.systemLocales, opts.timeZone);
  const notifications = createNotifications({
    alerts: opts.alerts,
    notify: opts.notify,
    view: () => core.usage.view(),
    settings,
    translator,
    now,
    logger,
    changed,
  });
  const history = createHistoryFeed({
    history: opts.history,
    forecastAlerts: opts.forecastAlerts,
    dataDir: core.dataDir,
    snapshots: () => core.usage.snapshots(),
    settings,
    timeZone: opts.timeZone,
    now,
    logger,
    changed,
    onForecast: (events) => notifications.forecast(events),
    track: (work, failure) => notifications.track(work, failure),
  });
  // One provider per part that can have a start-up problem, in the order the popover lists them.
  const problems = collectProblems([
    () => core.startupProblems(),
    opts.startupProblems,
    () => history.problems(),
    loadProblem(opts.forecastAlerts),
  ]);
  const shortcut = startShortcut({ settings: core.settings, shortcut: opts.shortcut, logger, changed });
  const removeAccount = createAccountRemoval({ core, keys, forgetHistory: (id) => history.forget(id), home: opts.home, logger, changed });
  const views = createAppViews({
    ...opts,
    now,
    translator,
    parts: {
      secrets: () => keys.status(),
      claudeCode: () => claudeCode.detection(),
      statusline: () => claudeCode.statusline(),
      launchAtLogin: () => settingsSync.launchAtLogin(),
      loginItemNeedsApproval: () => settingsSync.loginItemNeedsApproval(),
      problems,
      alerts: () => notifications.notified(),
      outlook: () => history.outlook(),
      shortcut: () => shortcut.state(),
    },
  });
  return { hub, translator, keys, settingsSync, claudeCode, notifications, history, shortcut, views, removeAccount };
}

/**
 * The usage store's subscribers and the clock: each view redraws, then goes to the alerts, the
 * data warnings and the history. Returns what stops them.
 */
function subscribe(opts: AppServiceOptions, { hub, notifications, history, claudeCode, settingsSync, shortcut }: Parts): () => void {
  const { core } = opts;
  const { changed } = hub;
  const unsubscribeUsage = core.usage.subscribe((view) => {
    changed();
    notifications.alert(view);
    notifications.warn(view);
    history.record(view);
  });
  const unsubscribeOrganizations = core.onClaudeWebOrganizations(changed);
  const every = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stopEvery = opts.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  // Countdowns move, and time moves pace and idleness: redraw and recompute the outlook each tick.
  const ticker = every(() => {
    changed();
    history.tick(core.usage.view());
  }, opts.tickMs ?? 30_000);

  void claudeCode.detect(true).then(changed);
  notifications.alert(core.usage.view());
  history.record(core.usage.view());
  return () => {
    stopEvery(ticker);
    unsubscribeUsage();
    settingsSync.dispose();
    shortcut.dispose();
    unsubscribeOrganizations();
  };
}

export async function startAppService(opts: AppServiceOptions): Promise<AppService> {
  const parts = await startParts(opts);
  const { hub, keys, settingsSync, claudeCode, notifications, history, views } = parts;
  const unsubscribe = subscribe(opts, parts);
  return {
    translator: parts.translator,
    trayModel: views.trayModel,
    appState: views.appState,
    async freshState() {
      await Promise.all([claudeCode.detect(false), claudeCode.readStatusline()]);
      // The user may have changed or approved it in System Settings since.
      await settingsSync.readLoginItem();
      return views.appState();
    },
    onChange: hub.onChange,
    refresh() {
      const res = opts.core.refreshNow();
      hub.changed();
      return res;
    },
    updateSettings: settingsSync.update,
    saveSecret: keys.save,
    removeSecret: keys.remove,
    addKey: keys.add,
    setLaunchAtLogin: settingsSync.setLaunchAtLogin,
    setStatusline: claudeCode.setStatusline,
    secretsChanged: keys.backendChanged,
    changed: hub.changed,
    history: history.read,
    exportHistory: (days, file) =>
      exportHistoryTo(
        {
          history: opts.history,
          view: () => opts.core.usage.view(),
          settings: () => opts.core.settings.get(),
          translator: parts.translator,
          now: opts.now ?? Date.now,
          logger: opts.logger,
        },
        days,
        file,
      ),
    removeAccount: parts.removeAccount,
    settled: async () => {
      // Recording can chain more work (a forecast alert); wait until both chains are quiet.
      await notifications.settled();
      await history.settled();
    },
    dispose() {
      unsubscribe();
      hub.clear();
    },
  };
}
