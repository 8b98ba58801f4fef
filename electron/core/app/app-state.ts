/**
 * What the user sees, read from the parts: the `AppState` pushed to the renderer and the tray
 * model (title, badge, tooltip, menu with the updater's entries). Pure reads: nothing here
 * changes state, so the shell may call them on every redraw.
 */
import * as path from 'node:path';
import { makeTranslator, type Translator } from '../../../shared/i18n/translator';
import type {
  AppState,
  ClaudeCodeDetection,
  NotificationState,
  SecretStatus,
  ShortcutState,
  StatuslineSetup,
  TrayHostInfo,
  WindowOutlookView,
} from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { FILES } from '../platform/paths';
import type { UpdateMenuEntry } from '../platform/update-policy';
import { buildTrayModel, type TrayModel } from '../tray/tray-model';
import type { BrimlineCore } from '../usage/core-api';

export function platformName(p: NodeJS.Platform): AppState['platform'] {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

/** What the other parts know, each read when the state is drawn. */
export interface StateParts {
  secrets: () => SecretStatus;
  claudeCode: () => ClaudeCodeDetection;
  statusline: () => StatuslineSetup | null;
  launchAtLogin: () => boolean;
  loginItemNeedsApproval: () => boolean;
  problems: () => string[];
  alerts: () => Record<string, number>;
  outlook: () => Record<string, WindowOutlookView>;
  shortcut: () => ShortcutState;
}

/** The user's language (or the system's), with reset clocks in `timeZone`; read again on every call. */
export function translatorFor(
  settings: () => Pick<Settings, 'language'>,
  systemLocales: readonly string[],
  timeZone?: string,
): () => Translator {
  return () => makeTranslator(settings().language, systemLocales, timeZone);
}

export interface AppStateOptions {
  core: Pick<BrimlineCore, 'usage' | 'settings' | 'claudeFolders' | 'claudeWebOrganizations' | 'refreshAllowedAt' | 'dataDir'>;
  parts: StateParts;
  translator: () => Translator;
  platform: NodeJS.Platform;
  appVersion: string;
  now: () => number;
  tooltipMax?: number;
  stableMenuLabels?: boolean;
  updateEntries?: () => readonly UpdateMenuEntry[];
  notificationStatus?: () => NotificationState;
  trayHost?: TrayHostInfo;
}

export interface AppViews {
  appState(): AppState;
  trayModel(): TrayModel;
}

export function createAppViews(opts: AppStateOptions): AppViews {
  const { core, parts, now, translator } = opts;
  return {
    appState: () => ({
      snapshots: core.usage.snapshots(),
      claudeFolders: [...core.claudeFolders()],
      view: core.usage.view(),
      problems: parts.problems(),
      settings: core.settings.get(),
      secrets: parts.secrets(),
      claudeCode: parts.claudeCode(),
      claudeWebOrganizations: core.claudeWebOrganizations().map(({ uuid, name }) => ({ uuid, name })),
      statusline: parts.statusline(),
      launchAtLogin: parts.launchAtLogin(),
      loginItemNeedsApproval: parts.loginItemNeedsApproval(),
      notifications: opts.notificationStatus?.() ?? { supported: false, blocked: false, reason: null },
      trayHost: opts.trayHost ?? { host: 'present', note: null },
      shortcut: parts.shortcut(),
      refreshAllowedAt: core.refreshAllowedAt(),
      appVersion: opts.appVersion,
      dataFolder: core.dataDir,
      logFile: path.join(core.dataDir, FILES.log),
      platform: platformName(opts.platform),
      alerts: parts.alerts(),
      outlook: parts.outlook(),
    }),
    trayModel: () =>
      buildTrayModel(
        {
          view: core.usage.view(),
          snapshots: core.usage.snapshots(),
          settings: core.settings.get(),
          now: now(),
          tr: translator(),
          launchAtLogin: parts.launchAtLogin(),
          refreshAllowedAt: core.refreshAllowedAt(),
          stableMenuLabels: opts.stableMenuLabels,
          updates: opts.updateEntries?.(),
          outlook: parts.outlook(),
        },
        opts.tooltipMax,
      ),
  };
}
