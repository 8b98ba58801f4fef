/**
 * User settings: the type, the defaults and the rules the settings page validates as you type.
 * The zod schema that guards files and IPC lives in `settings-schema.ts`, so the renderer bundle
 * does not carry zod.
 */
import { SOURCE_IDS, type SourceId } from './domain';

export type Language = 'system' | 'en' | 'fr';
export type Theme = 'system' | 'light' | 'dark';
export type TrayDisplay = 'used' | 'remaining';

/** The sections of the settings window, in the order its tab list shows them. */
export const SETTINGS_SECTIONS = ['general', 'accounts', 'sources', 'alerts', 'about'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export function isSettingsSection(v: unknown): v is SettingsSection {
  return typeof v === 'string' && (SETTINGS_SECTIONS as readonly string[]).includes(v);
}

export interface Settings {
  version: 1;
  /** Minutes between polls; never under 1. */
  pollIntervalMinutes: number;
  /** Ascending, unique, each 1–100. */
  thresholds: number[];
  notifications: {
    enabled: boolean;
    /** Also notify when a window that had crossed a threshold resets. */
    onReset: boolean;
    /** Warn when, at this pace, a window reaches 100 % before it resets (once per window and cycle). */
    runsOut: boolean;
    /** Tell when a window resets within the hour with a good share of it unused. */
    unusedAtReset: boolean;
  };
  tray: {
    /** 'auto' = the window closest to its limit among session and weekly; else a `windowIdentity` ("session", "weekly_model:opus"). */
    window: string;
    display: TrayDisplay;
    /** Add ↑ (ahead of pace) or ↓ (behind) to the tray text. */
    paceMarker: boolean;
    /** 'auto' = the account closest to a limit; else an account id (`account:<uuid>`). */
    account: string;
  };
  accounts: AccountSettings;
  launchAtLogin: boolean;
  language: Language;
  theme: Theme;
  /** Monthly API budget in USD, for Admin API users; null when not set. */
  monthlyApiBudget: number | null;
  pace: {
    /** Weekly pace counts only Monday to Friday: for people who use Claude for work. */
    workingDaysOnly: boolean;
  };
  /** The claude.ai organisation to follow when the session key's account has several (its uuid). */
  claudeWebOrganization: string | null;
  /**
   * The global shortcut that opens and closes the popover, in Electron's accelerator syntax
   * ("CommandOrControl+Shift+U", see `shared/accelerator.ts`); null (the default) for none.
   */
  shortcut: string | null;
  /** Keyed by source id, so a new source cannot be forgotten here. */
  sources: Record<SourceId, SourceSettings>;
  ui: UiSettings;
}

/** How the windows look, remembered between openings. */
export interface UiSettings {
  /** The settings section shown when the window opens (the last one the user chose). */
  settingsSection: SettingsSection;
  /** The popover shows one line per window; pace, forecast and provenance open on request. */
  compact: boolean;
}

export interface SourceSettings {
  enabled: boolean;
}

/** What the user said about accounts: extra Claude Code folders, names, order. Emails never land here. */
export interface AccountSettings {
  /** Claude Code config folders the user added, besides `~/.claude` and `CLAUDE_CONFIG_DIR` (absolute or `~/…`). */
  folders: string[];
  /** Folders found on their own (the default, `CLAUDE_CONFIG_DIR`, the status line) that the user removed. */
  ignoredFolders: string[];
  /** Names the user gave accounts, by account id. */
  labels: Record<string, string>;
  /** The user's order of accounts; accounts not listed follow in the order they were found. */
  order: string[];
  /** Accounts whose popover card is collapsed. */
  collapsed: string[];
  /**
   * Further claude.ai session keys and Admin keys, beyond the first of each kind (saved in the
   * keychain as `<kind>.<slot>`); each is polled as its own source while that source is on.
   */
  keys: ExtraKey[];
}

export interface ExtraKey {
  kind: 'claudeSessionKey' | 'adminApiKey';
  slot: string;
}

export const MAX_ACCOUNT_FOLDERS = 32;
export const MAX_ACCOUNT_LABEL = 80;

export const MIN_POLL_MINUTES = 1;
export const MAX_POLL_MINUTES = 24 * 60;
export const MAX_THRESHOLDS = 10;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  pollIntervalMinutes: 5,
  thresholds: [50, 75, 90],
  notifications: { enabled: true, onReset: false, runsOut: true, unusedAtReset: false },
  tray: { window: 'auto', display: 'used', paceMarker: false, account: 'auto' },
  accounts: { folders: [], ignoredFolders: [], labels: {}, order: [], collapsed: [], keys: [] },
  launchAtLogin: false,
  language: 'system',
  theme: 'system',
  monthlyApiBudget: null,
  // Sources that need nothing from the user are on; those that need a key wait for one.
  sources: {
    'claude-oauth': { enabled: true },
    statusline: { enabled: true },
    'claude-cache': { enabled: true },
    'claude-web': { enabled: false },
    'admin-api': { enabled: false },
    'local-logs': { enabled: true },
  },
  pace: { workingDaysOnly: false },
  claudeWebOrganization: null,
  shortcut: null,
  ui: { settingsSection: 'general', compact: false },
};

export type ThresholdProblem = 'not_a_number' | 'out_of_range' | 'duplicate' | 'too_many';

/** Why `candidate` cannot join `existing`, or null when it can. */
export function thresholdProblem(existing: readonly number[], candidate: string | number): ThresholdProblem | null {
  const n = typeof candidate === 'number' ? candidate : Number(String(candidate).trim());
  if (String(candidate).trim() === '' || !Number.isInteger(n)) return 'not_a_number';
  if (n < 1 || n > 100) return 'out_of_range';
  if (existing.includes(n)) return 'duplicate';
  if (existing.length >= MAX_THRESHOLDS) return 'too_many';
  return null;
}

export function normaliseThresholds(list: readonly number[]): number[] {
  return [...new Set(list.filter((n) => Number.isInteger(n) && n >= 1 && n <= 100))].sort((a, b) => a - b);
}

/** A deep-partial update the renderer sends; main merges and validates it. */
export interface SettingsPatch {
  pollIntervalMinutes?: number;
  thresholds?: number[];
  notifications?: Partial<Settings['notifications']>;
  tray?: Partial<Settings['tray']>;
  /** Each field given replaces the whole list or map. */
  accounts?: Partial<AccountSettings>;
  launchAtLogin?: boolean;
  language?: Language;
  theme?: Theme;
  monthlyApiBudget?: number | null;
  claudeWebOrganization?: string | null;
  shortcut?: string | null;
  pace?: Partial<Settings['pace']>;
  sources?: Partial<Record<SourceId, Partial<SourceSettings>>>;
  ui?: Partial<UiSettings>;
}

/**
 * The one settings merge: main applies it before validating, the renderer to show a change at once
 * while main confirms it.
 */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const sources = { ...current.sources };
  for (const id of SOURCE_IDS) sources[id] = { ...current.sources[id], ...patch.sources?.[id] };
  return {
    ...current,
    ...(patch.pollIntervalMinutes !== undefined ? { pollIntervalMinutes: patch.pollIntervalMinutes } : {}),
    ...(patch.thresholds !== undefined ? { thresholds: [...patch.thresholds] } : {}),
    ...(patch.launchAtLogin !== undefined ? { launchAtLogin: patch.launchAtLogin } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
    ...(patch.monthlyApiBudget !== undefined ? { monthlyApiBudget: patch.monthlyApiBudget } : {}),
    ...(patch.claudeWebOrganization !== undefined ? { claudeWebOrganization: patch.claudeWebOrganization } : {}),
    ...(patch.shortcut !== undefined ? { shortcut: patch.shortcut } : {}),
    notifications: { ...current.notifications, ...patch.notifications },
    tray: { ...current.tray, ...patch.tray },
    accounts: { ...current.accounts, ...patch.accounts },
    pace: { ...current.pace, ...patch.pace },
    ui: { ...current.ui, ...patch.ui },
    sources,
  };
}
