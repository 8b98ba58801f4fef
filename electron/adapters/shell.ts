/**
 * Wires the core to the desktop: tray, popover and settings windows, notifications, IPC, launch at
 * login, power events. It holds no rules of its own; those live in electron/core/ and are tested there.
 */
import { CLAUDE_USAGE_URL, type AppState, type SecretStatus, type ClaudeCodeDetection } from '../../shared/ipc';
import type { SourceSnapshot } from '../../shared/domain';
import { mainStrings, resolveMainLocale, type MainStrings } from '../../shared/i18n/main-strings';
import type { Settings } from '../../shared/settings';
import { notifiedThresholds, type AlertStore } from '../core/alerts';
import type { HeadroomCore } from '../core/core-api';
import type { Logger } from '../core/log';
import type { SecretStore } from '../core/secret-store';
import type { RendererOrigin } from '../core/security';
import { buildTrayModel, type MenuItemId } from '../core/tray-model';
import { registerIpcHandlers, type IpcHandlers } from './ipc';
import type { LoginItem } from './login-item';
import { Notifier, notificationText, type NotificationText } from './notifications';
import { openExternalSafely } from './session-hardening';
import { TrayController, tooltipLimit } from './tray';
import { WindowManager } from './windows';

/** Display names for the tray tooltip; the renderer has its own translated ones. */
const SOURCE_LABELS: Readonly<Record<string, string>> = {
  'claude-oauth': 'Claude plan',
  'claude-web': 'claude.ai',
  'admin-api': 'Anthropic API',
  'local-logs': 'Claude Code logs',
};

export interface ShellOptions {
  core: HeadroomCore;
  secrets: SecretStore;
  alerts: AlertStore;
  loginItem: LoginItem;
  logger: Logger;
  platform: NodeJS.Platform;
  preload: string;
  assetsDir: string;
  origin: RendererOrigin;
  appVersion: string;
  /** e.g. app.getLocale(); used when the language setting is "system". */
  systemLocale: string;
  /** IANA zone for reset clocks; the system's when unset (tests pin it). */
  timeZone?: string;
  devTools: boolean;
  quit: () => void;
  now?: () => number;
  /** Linux tray scale (48 px badge at 2×). */
  displayScale?: number;
  /** The tray tooltip counts down; refresh it this often. */
  tickMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Records what the user would see, for the Electron smoke test. */
  observer?: ShellObserver;
}

export interface ShellObserver {
  notified(text: NotificationText): void;
}

export interface Shell {
  readonly windows: WindowManager;
  readonly tray: TrayController;
  appState(): Promise<AppState>;
  /** Recomputes the tray and pushes state to open windows. */
  render(): void;
  /** Resolves when alert processing for past snapshot updates has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

function platformName(p: NodeJS.Platform): AppState['platform'] {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const { core, logger, platform } = opts;
  const now = opts.now ?? Date.now;
  let secretStatus: SecretStatus = await opts.secrets.status();
  let launchAtLogin = await opts.loginItem.get().catch(() => false);
  let claudeCode: ClaudeCodeDetection = { found: false, detail: 'Not checked yet.' };
  let alertChain: Promise<void> = Promise.resolve();

  const localeFor = (s: Settings): { locale: string; strings: MainStrings } => {
    const lang = resolveMainLocale(s.language, opts.systemLocale);
    const locale = s.language === 'system' ? opts.systemLocale || 'en' : lang;
    return { locale, strings: mainStrings(lang) };
  };

  const buildState = (): AppState => ({
    snapshots: core.snapshots(),
    settings: core.settings.get(),
    secrets: secretStatus,
    claudeCode,
    launchAtLogin,
    refreshAllowedAt: core.refreshAllowedAt(),
    appVersion: opts.appVersion,
    platform: platformName(platform),
    alerts: notifiedThresholds(opts.alerts.current(), now()),
  });

  const push = (): void => {
    const state = buildState();
    for (const w of windows.all()) {
      if (!w.webContents.isLoading()) w.webContents.send('headroom:state', state);
    }
  };

  const windows = new WindowManager({
    preload: opts.preload,
    origin: opts.origin,
    platform,
    devTools: opts.devTools,
    now,
    onReady: (w) => w.webContents.send('headroom:state', buildState()),
  });

  const setLaunchAtLogin = async (enabled: boolean): Promise<void> => {
    try {
      await opts.loginItem.set(enabled);
    } catch (err) {
      logger.warn(`Could not change launch at login: ${err instanceof Error ? err.message : String(err)}`);
    }
    launchAtLogin = await opts.loginItem.get().catch(() => launchAtLogin);
    if (core.settings.get().launchAtLogin !== launchAtLogin) {
      await core.settings.update({ launchAtLogin }).catch((err: unknown) => logger.warn(`Settings not saved: ${String(err)}`));
    }
    render();
  };

  const onAction = (id: MenuItemId, checked?: boolean): void => {
    switch (id) {
      case 'open':
        windows.showPopover(tray.bounds());
        return;
      case 'refresh':
        core.refreshNow();
        render();
        return;
      case 'settings':
        windows.openSettings();
        return;
      case 'usage-page':
        openExternalSafely(CLAUDE_USAGE_URL, logger);
        return;
      case 'launch-at-login':
        void setLaunchAtLogin(checked ?? !launchAtLogin);
        return;
      case 'quit':
        opts.quit();
        return;
    }
  };

  const tray = new TrayController({
    platform,
    assetsDir: opts.assetsDir,
    linuxScale: opts.displayScale,
    onAction,
    onClick: (bounds) => windows.togglePopover(bounds),
  });
  const notifier = new Notifier(() => windows.showPopover(tray.bounds()));

  function render(): void {
    const settings = core.settings.get();
    const { locale, strings } = localeFor(settings);
    tray.update(
      buildTrayModel(
        {
          snapshots: core.snapshots(),
          settings,
          now: now(),
          strings,
          locale,
          launchAtLogin,
          refreshAllowedAt: core.refreshAllowedAt(),
          sourceLabels: SOURCE_LABELS,
          timeZone: opts.timeZone,
        },
        tooltipLimit(platform),
      ),
    );
    push();
  }

  const processAlerts = (snapshots: SourceSnapshot[]): void => {
    const settings = core.settings.get();
    alertChain = alertChain
      .then(async () => {
        const events = await opts.alerts.process(snapshots, {
          thresholds: settings.thresholds,
          onReset: settings.notifications.onReset,
          now: now(),
        });
        // The renderer shows what has been notified, whether or not notifications are on.
        if (events.length > 0) push();
        if (!core.settings.get().notifications.enabled) return;
        const { locale, strings } = localeFor(core.settings.get());
        for (const e of events) {
          const text = notificationText(e, strings, locale, now(), opts.timeZone);
          notifier.show(text);
          opts.observer?.notified(text);
        }
      })
      .catch((err: unknown) => logger.warn(`Alert processing failed: ${String(err)}`));
  };

  const handlers: IpcHandlers = {
    'headroom:get-state': async () => {
      claudeCode = await core.claudeCodeDetection().catch((): ClaudeCodeDetection => ({ found: false, detail: 'Could not check.' }));
      launchAtLogin = await opts.loginItem.get().catch(() => launchAtLogin);
      return buildState();
    },
    'headroom:refresh': () => {
      const res = core.refreshNow();
      render();
      return res;
    },
    'headroom:update-settings': async (patch) => core.settings.update(patch),
    'headroom:save-secret': async ({ name, value }) => {
      secretStatus = await opts.secrets.set(name, value);
      render();
      return secretStatus;
    },
    'headroom:remove-secret': async ({ name }) => {
      secretStatus = await opts.secrets.remove(name);
      render();
      return secretStatus;
    },
    'headroom:open-external': ({ url }) => openExternalSafely(url, logger),
    'headroom:open-settings': () => windows.openSettings(),
    'headroom:quit': () => opts.quit(),
  };
  const unregisterIpc = registerIpcHandlers(handlers, { ownsWebContents: (id) => windows.owns(id), origin: opts.origin }, logger);

  const unsubscribeSnapshots = core.onSnapshots((snaps) => {
    render();
    processAlerts(snaps);
  });
  let previous = core.settings.get();
  const unsubscribeSettings = core.settings.onChange((s) => {
    const wasLaunch = previous.launchAtLogin;
    previous = s;
    if (s.launchAtLogin !== wasLaunch && s.launchAtLogin !== launchAtLogin) void setLaunchAtLogin(s.launchAtLogin);
    render();
  });

  const every = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stopEvery = opts.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  const ticker = every(() => render(), opts.tickMs ?? 30_000);

  void core
    .claudeCodeDetection()
    .then((d) => {
      claudeCode = d;
      push();
    })
    .catch(() => undefined);

  render();
  processAlerts(core.snapshots());

  return {
    windows,
    tray,
    appState: async () => buildState(),
    render,
    settled: () => alertChain,
    dispose() {
      stopEvery(ticker);
      unsubscribeSnapshots();
      unsubscribeSettings();
      unregisterIpc();
      tray.destroy();
      windows.destroyAll();
    },
  };
}
