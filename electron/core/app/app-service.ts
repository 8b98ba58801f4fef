/**
 * The application service: everything the app does with the usage store, without Electron. The
 * tray model, the alerts, the state pushed to the renderer and launch-at-login are subscribers of
 * the store here; the Electron shell only turns their output into a Tray, Notifications and IPC.
 * The CLI runs the same service without alerts, so a crossing it sees is still notified by the app.
 */
import type { UsageView } from '../../../shared/domain';
import { makeTranslator, type Translator } from '../../../shared/i18n/translator';
import type {
  AppState,
  ClaudeCodeDetection,
  HistoryDays,
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
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { FILES } from '../platform/paths';
import { MAX_EXTRA_KEYS, parseSecretName, slotSecretName, sourceForKey } from '../../../shared/ipc';
import { planAccountRemoval } from '../../../shared/account-removal';
import { resolveFolder } from '../usage/claude-folders';
import { notifiedThresholds, type AlertStore } from '../alerts/alerts';
import type { BrimlineCore } from '../usage/core-api';
import type { StatuslineSetupPort } from '../statusline/setup';
import type { Logger } from '../platform/log';
import type { ForecastAlertStore } from '../alerts/forecast-alert-store';
import type { HistoryService } from '../history/history-service';
import { forecastNotificationText, notificationText, type NotificationText } from '../alerts/notification-text';
import { accountsWithWindows, buildTrayModel, type TrayModel } from '../tray/tray-model';
import { accountLabel } from '../../../shared/labels';
import type { UpdateMenuEntry } from '../platform/update-policy';
import { UsageHistory } from '../history/usage-history';

/** The OS's launch-at-login switch (electron/adapters/login-item.ts). */
export interface LoginItemPort {
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
  /** macOS 13+: registered, waiting for the user's approval in System Settings. */
  requiresApproval?(): Promise<boolean>;
}

/** The secret store as the service uses it (electron/core/platform/secret-store.ts in the app). */
export interface SecretsPort {
  /** `extra`: the further keys in use (`<kind>.<slot>`), whose saved state is reported too. */
  status(extra?: readonly SecretName[]): Promise<SecretStatus>;
  set(name: SecretName, value: string): Promise<SecretStatus>;
  remove(name: SecretName): Promise<SecretStatus>;
}

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
  /** Stops reading an account's folders, deletes its keys from the keychain, and its history only when asked. */
  removeAccount(request: RemoveAccountRequest): Promise<Settings>;
  /** Resolves when alert processing for past updates has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

/** How long a Claude Code login check is reused: on macOS each one runs `security`, which can prompt. */
const DETECTION_TTL_MS = 5 * 60_000;

function platformName(p: NodeJS.Platform): AppState['platform'] {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

export async function startAppService(opts: AppServiceOptions): Promise<AppService> {
  const { core, logger } = opts;
  const now = opts.now ?? Date.now;
  const listeners = new Set<() => void>();
  const slotNames = (): SecretName[] => core.settings.get().accounts.keys.map((k) => slotSecretName(k.kind, k.slot));
  let secretStatus = await opts.secrets.status(slotNames());
  let launchAtLogin = false;
  let loginItemNeedsApproval = false;
  /**
   * Asks the OS. A macOS login item waiting for approval is not on yet, but it is what the user
   * asked for: it counts as on (the checkbox stays ticked) and Settings says where to approve it.
   */
  const readLoginItem = async (): Promise<void> => {
    const item = opts.loginItem;
    if (!item) return;
    const [on, pending] = await Promise.all([
      item.get().catch(() => launchAtLogin),
      item.requiresApproval ? item.requiresApproval().catch(() => false) : Promise.resolve(false),
    ]);
    loginItemNeedsApproval = pending;
    launchAtLogin = on || pending;
  };
  await readLoginItem();
  let claudeCode: { value: ClaudeCodeDetection; at: number } | null = null;
  // Claude Code's settings.json can change behind Brimline's back: read again on every fresh state.
  let statuslineSetup: StatuslineSetup | null = null;
  const readStatusline = async (): Promise<void> => {
    if (!opts.statusline) return;
    statuslineSetup = await opts.statusline.state().catch((err: unknown) => {
      logger.warn(`Could not read Claude Code's status-line setup: ${String(err)}`);
      return statuslineSetup;
    });
  };
  let alertChain: Promise<void> = Promise.resolve();
  const usageHistory = opts.history
    ? new UsageHistory({
        history: opts.history,
        dataDir: core.dataDir,
        now,
        logger,
        settings: () => core.settings.get(),
        ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
        ...(opts.forecastAlerts ? { forecastAlerts: opts.forecastAlerts } : {}),
      })
    : null;

  const translator = (): Translator => makeTranslator(core.settings.get().language, opts.systemLocales, opts.timeZone);

  const changed = (): void => {
    for (const l of listeners) {
      try {
        l();
      } catch (err) {
        logger.error(`app state listener failed: ${String(err)}`);
      }
    }
  };

  const detectClaudeCode = async (force: boolean): Promise<ClaudeCodeDetection> => {
    if (!force && claudeCode && now() - claudeCode.at < DETECTION_TTL_MS) return claudeCode.value;
    const value = await core.claudeCodeDetection().catch((): ClaudeCodeDetection => ({ found: false, detail: 'Could not check.' }));
    claudeCode = { value, at: now() };
    return value;
  };

  const problems = (): string[] => [
    ...core.startupProblems(),
    ...(opts.startupProblems?.() ?? []),
    ...(usageHistory?.problems() ?? []),
    ...(opts.forecastAlerts?.loadProblem ? [opts.forecastAlerts.loadProblem] : []),
  ];

  const appState = (): AppState => ({
    snapshots: core.usage.snapshots(),
    claudeFolders: [...core.claudeFolders()],
    view: core.usage.view(),
    problems: problems(),
    settings: core.settings.get(),
    secrets: secretStatus,
    claudeCode: claudeCode?.value ?? { found: false, detail: 'Not checked yet.' },
    claudeWebOrganizations: core.claudeWebOrganizations().map(({ uuid, name }) => ({ uuid, name })),
    statusline: statuslineSetup,
    launchAtLogin,
    loginItemNeedsApproval,
    notifications: opts.notificationStatus?.() ?? { supported: false, blocked: false, reason: null },
    trayHost: opts.trayHost ?? { host: 'present', note: null },
    refreshAllowedAt: core.refreshAllowedAt(),
    appVersion: opts.appVersion,
    dataFolder: core.dataDir,
    logFile: path.join(core.dataDir, FILES.log),
    platform: platformName(opts.platform),
    alerts: opts.alerts ? notifiedThresholds(opts.alerts.current(), now()) : {},
    outlook: usageHistory?.current() ?? {},
  });

  const trayModel = (): TrayModel =>
    buildTrayModel(
      {
        view: core.usage.view(),
        snapshots: core.usage.snapshots(),
        settings: core.settings.get(),
        now: now(),
        tr: translator(),
        launchAtLogin,
        refreshAllowedAt: core.refreshAllowedAt(),
        stableMenuLabels: opts.stableMenuLabels,
        updates: opts.updateEntries?.(),
        outlook: usageHistory?.current() ?? {},
      },
      opts.tooltipMax,
    );

  const processAlerts = (view: UsageView): void => {
    const alerts = opts.alerts;
    if (!alerts) return;
    const settings = core.settings.get();
    alertChain = alertChain
      .then(async () => {
        const events = await alerts.process(view.windows, {
          thresholds: settings.thresholds,
          onReset: settings.notifications.onReset,
          now: now(),
        });
        // The renderer shows what has been notified, whether or not notifications are on.
        if (events.length > 0) changed();
        if (!core.settings.get().notifications.enabled || !opts.notify) return;
        const tr = translator();
        for (const e of events) opts.notify(notificationText(e, tr, now(), accountName(e.window.accountId)));
      })
      .catch((err: unknown) => logger.warn(`Alert processing failed: ${String(err)}`));
  };

  /** The account's name for a notification, when more than one account has limits; null otherwise. */
  const accountName = (accountId: string): string | null => {
    const accounts = accountsWithWindows(core.usage.view(), core.settings.get());
    const account = accounts.find((a) => a.id === accountId);
    return accounts.length > 1 && account ? accountLabel(translator().t, account) : null;
  };

  const recordHistory = (view: UsageView): void => {
    if (!usageHistory) return;
    const snapshots = core.usage.snapshots();
    const done = usageHistory.update(view, snapshots).then((events) => {
      changed();
      if (events.length === 0 || !core.settings.get().notifications.enabled || !opts.notify) return;
      const tr = translator();
      for (const e of events) opts.notify(forecastNotificationText(e, tr, now(), accountName(e.accountId)));
    });
    alertChain = Promise.all([alertChain, done]).then(
      () => undefined,
      (err: unknown) => logger.warn(`Usage history failed: ${String(err)}`),
    );
  };

  const setLaunchAtLogin = async (enabled: boolean): Promise<void> => {
    const item = opts.loginItem;
    if (!item) return;
    try {
      await item.set(enabled);
    } catch (err) {
      logger.warn(`Could not change launch at login: ${err instanceof Error ? err.message : String(err)}`);
    }
    await readLoginItem();
    // The setting follows what the OS really did, so the checkbox never lies.
    if (core.settings.get().launchAtLogin !== launchAtLogin) {
      await core.settings.update({ launchAtLogin }).catch((err: unknown) => logger.warn(`Settings not saved: ${String(err)}`));
    }
    changed();
  };

  // A warning about the data (Claude Code billing an API key) is notified once per app session;
  // the popover keeps showing it while it holds.
  const warned = new Set<string>();
  const processWarnings = (view: UsageView): void => {
    for (const w of view.warnings) {
      if (warned.has(w.code)) continue;
      warned.add(w.code);
      if (opts.alerts && opts.notify && core.settings.get().notifications.enabled) {
        opts.notify({ title: translator().t('notify.warning.title'), body: w.message });
      }
    }
  };

  const unsubscribeUsage = core.usage.subscribe((view) => {
    changed();
    processAlerts(view);
    processWarnings(view);
    recordHistory(view);
  });
  const unsubscribeOrganizations = core.onClaudeWebOrganizations(changed);
  let previous = core.settings.get();
  const unsubscribeSettings = core.settings.onChange((s) => {
    const wasLaunch = previous.launchAtLogin;
    previous = s;
    if (s.launchAtLogin !== wasLaunch && s.launchAtLogin !== launchAtLogin) void setLaunchAtLogin(s.launchAtLogin);
    changed();
  });

  const every = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stopEvery = opts.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  // Time moves pace and idleness: the outlook is recomputed with each tick.
  const ticker = every(() => {
    changed();
    if (usageHistory) void usageHistory.refresh(core.usage.view()).then((moved) => moved && changed());
  }, opts.tickMs ?? 30_000);

  void detectClaudeCode(true).then(changed);
  processAlerts(core.usage.view());
  recordHistory(core.usage.view());

  return {
    translator,
    trayModel,
    appState,
    async freshState() {
      await Promise.all([detectClaudeCode(false), readStatusline()]);
      // The user may have changed or approved it in System Settings since.
      await readLoginItem();
      return appState();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh() {
      const res = core.refreshNow();
      changed();
      return res;
    },
    updateSettings: (patch) => core.settings.update(patch),
    async saveSecret(name, value) {
      await opts.secrets.set(name, value);
      secretStatus = await opts.secrets.status(slotNames());
      changed();
      return secretStatus;
    },
    async removeSecret(name) {
      await opts.secrets.remove(name);
      // A further key removed is a slot gone: its source instance stops with it.
      const slot = parseSecretName(name)?.slot ?? null;
      if (slot !== null) {
        const keys = core.settings.get().accounts.keys.filter((k) => slotSecretName(k.kind, k.slot) !== name);
        await core.settings.update({ accounts: { keys } });
      }
      secretStatus = await opts.secrets.status(slotNames());
      changed();
      return secretStatus;
    },
    async addKey(kind, value) {
      const settings = core.settings.get();
      if (settings.accounts.keys.length >= MAX_EXTRA_KEYS)
        throw new Error(`Brimline keeps at most ${MAX_EXTRA_KEYS} further keys; remove one first.`);
      const taken = new Set(settings.accounts.keys.map((k) => k.slot));
      let slot = randomBytes(4).toString('hex');
      while (taken.has(slot)) slot = randomBytes(4).toString('hex');
      // The key first: settings that name a slot with nothing in the keychain would poll for nothing.
      await opts.secrets.set(slotSecretName(kind, slot), value);
      const source = sourceForKey(kind);
      await core.settings.update({
        accounts: { keys: [...settings.accounts.keys, { kind, slot }] },
        ...(source ? { sources: { [source]: { enabled: true } } } : {}),
      });
      secretStatus = await opts.secrets.status(slotNames());
      changed();
      return secretStatus;
    },
    setLaunchAtLogin,
    async setStatusline(enabled) {
      if (!opts.statusline) return null;
      statuslineSetup = await opts.statusline.set(enabled);
      changed();
      return statuslineSetup;
    },
    async secretsChanged() {
      try {
        secretStatus = await opts.secrets.status(slotNames());
      } catch (err) {
        logger.warn(`Could not read the secret store's status: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      changed();
    },
    changed,
    history: (days) =>
      usageHistory
        ? usageHistory.read(days)
        : Promise.resolve({ generatedAt: new Date(now()).toISOString(), days, sinceMs: now() - days * 86_400_000, windows: [], daily: [] }),
    async removeAccount({ accountId, deleteHistory }) {
      const removal = planAccountRemoval(
        accountId,
        core.settings.get(),
        core.usage.snapshots(),
        core.claudeFolders(),
        core.accounts.foldersOf(accountId),
        (f) => resolveFolder(f, opts.home ?? os.homedir()),
      );
      // Keys first: a settings file that cannot be written must not leave a key behind.
      for (const name of removal.secrets) await opts.secrets.remove(name);
      const settings = await core.settings.update(removal.patch);
      secretStatus = await opts.secrets.status(slotNames());
      core.accounts.forget(accountId);
      if (deleteHistory && usageHistory) await usageHistory.forget(accountId);
      logger.info(
        `Removed an account (${removal.folders.length} folder(s), ${removal.secrets.length} key(s)${deleteHistory ? ', history deleted' : ''}).`,
      );
      changed();
      return settings;
    },
    settled: async () => {
      // Recording can chain more work (a forecast alert); wait until both chains are quiet.
      await alertChain;
      await usageHistory?.settled();
    },
    dispose() {
      stopEvery(ticker);
      unsubscribeUsage();
      unsubscribeSettings();
      unsubscribeOrganizations();
      listeners.clear();
    },
  };
}
