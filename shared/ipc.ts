/**
 * The one IPC contract between main and the renderer. A channel missing from these maps fails to
 * compile on both sides. Secrets travel renderer → main only (`secret:save`); nothing here carries
 * one back.
 */
import { SOURCE_IDS, type SourceId, type SourceSnapshot, type UsageView } from './domain';
import type { Forecast } from './outlook/forecast';
import type { Pace, PaceStage } from './outlook/pace';
import type { Settings, SettingsPatch, SettingsSection } from './settings';

/** The kinds of key a user saves; the first of each kind is stored under the kind itself. */
export const SECRET_NAMES = ['claudeSessionKey', 'adminApiKey'] as const;
export type SecretKind = (typeof SECRET_NAMES)[number];
/**
 * A saved key's name in the keychain: the kind for the first key of that kind, `<kind>.<slot>`
 * for each further one (another account's session key, another organisation's Admin key).
 */
export type SecretName = SecretKind | `${SecretKind}.${string}`;
export const SECRET_SLOT_PATTERN = /^[a-z0-9]{1,16}$/;
export const MAX_EXTRA_KEYS = 16;

export function slotSecretName(kind: SecretKind, slot: string | null): SecretName {
  return slot === null ? kind : `${kind}.${slot}`;
}

export function parseSecretName(name: unknown): { kind: SecretKind; slot: string | null } | null {
  if (typeof name !== 'string') return null;
  const dot = name.indexOf('.');
  const kind = dot === -1 ? name : name.slice(0, dot);
  const slot = dot === -1 ? null : name.slice(dot + 1);
  if (!(SECRET_NAMES as readonly string[]).includes(kind)) return null;
  if (slot !== null && !SECRET_SLOT_PATTERN.test(slot)) return null;
  return { kind: kind as SecretKind, slot };
}

/** The kind of key each keyed source polls with (the rest need none). */
export const SOURCE_SECRETS: Readonly<Partial<Record<SourceId, SecretKind>>> = {
  'claude-web': 'claudeSessionKey',
  'admin-api': 'adminApiKey',
};

/** The source a kind of key is for. */
export function sourceForKey(kind: SecretKind): SourceId | null {
  return SOURCE_IDS.find((id) => SOURCE_SECRETS[id] === kind) ?? null;
}

export function isSecretName(name: unknown): name is SecretName {
  return parseSecretName(name) !== null;
}

export interface SecretStatus {
  /** Whether a value is stored, for the first key of each kind and each further one in use; the value itself never leaves main. */
  saved: Record<SecretKind, boolean> & Partial<Record<SecretName, boolean>>;
  /** Where secrets live: the OS keychain, or memory for this session only when there is none. */
  backend: 'keychain' | 'memory';
  /** Why the keychain is unavailable, for the settings page. */
  keychainProblem: string | null;
}

export interface ClaudeCodeDetection {
  found: boolean;
  /** Where the login was found ("~/.claude/.credentials.json", "macOS Keychain"), or why not. */
  detail: string;
}

/** What Settings says about notifications (electron/adapters/notifications.ts keeps it). */
export interface NotificationState {
  supported: boolean;
  /** The OS refused the last notification (macOS: not allowed for Brimline; Windows: turned off, Focus). */
  blocked: boolean;
  /** The OS's own words, for the log and the note; null when not blocked. */
  reason: string | null;
}

/** What a test notification came to: shown, refused by the OS, not supported, or no answer (a pending prompt). */
export type NotificationOutcome = 'shown' | 'failed' | 'unsupported' | 'no-answer';

/** Whether the desktop shows tray icons at all (Linux: a StatusNotifierItem host; electron/core/tray/tray-host.ts). */
export interface TrayHostInfo {
  host: 'present' | 'absent' | 'likely-absent';
  /** 'gnome-appindicator': the popover says to install or enable GNOME's AppIndicator extension. */
  note: 'gnome-appindicator' | null;
}

/**
 * The global shortcut that opens and closes the popover (electron/core/app/shortcut.ts): whether
 * the OS gave it, and on Wayland, where apps cannot grab keys, the command to bind instead.
 */
export interface ShortcutState {
  /** off: none set; active: the OS gave it; refused: the OS or another app holds it. */
  status: 'off' | 'active' | 'refused';
  /** The accelerator the status is about (the setting); null when off. */
  accelerator: string | null;
  /** A Wayland session: Settings says to bind the desktop's own shortcut to `toggleCommand`. */
  wayland: boolean;
  /** What a desktop's own shortcut runs to open or close the popover, e.g. `brimline --toggle`. */
  toggleCommand: string;
}

/** A claude.ai organisation the session key can follow; names only, never a secret. */
export interface ChatOrganization {
  uuid: string;
  name: string;
}

/** Whether Claude Code's status line feeds Brimline (its settings.json), and what the last change said. */
export interface StatuslineSetup {
  /** installed: Brimline's command (chaining `chained` if there was one); other: another tool's, untouched; unreadable: settings.json does not parse. */
  kind: 'installed' | 'none' | 'other' | 'unreadable';
  /** Claude Code's settings.json. */
  file: string;
  chained: string | null;
  /** The other tool's status line, or why the file cannot be read. */
  description: string | null;
  /** What the last install or uninstall did, in a sentence; null before one. */
  message: string | null;
}

/** A Claude Code config folder Brimline reads a login (and a status line) from; each may be a different account. */
export interface ClaudeFolder {
  /** Absolute path. */
  dir: string;
  /** default: `~/.claude`; env: `CLAUDE_CONFIG_DIR`; settings: added by the user; statusline: a Claude Code session reported it. */
  origin: 'default' | 'env' | 'settings' | 'statusline';
}

/** `brimline:remove-account`: forget an account's folders and keys; its history only when asked. */
export interface RemoveAccountRequest {
  accountId: string;
  deleteHistory: boolean;
}

export interface AppState {
  /** Each source instance's own snapshot (one per Claude Code folder for the plan and the status line): its state, error and fix. */
  snapshots: SourceSnapshot[];
  /** The Claude Code config folders in use, in order, after the ones the user removed. */
  claudeFolders: ClaudeFolder[];
  /** The usage store's merged view: what the tray shows and the alerts read. */
  view: UsageView;
  /** Problems found at start-up (a settings file set aside…), each a sentence with its fix. */
  problems: string[];
  settings: Settings;
  secrets: SecretStatus;
  claudeCode: ClaudeCodeDetection;
  /** The chat organisations of the claude.ai session key's account, as last listed (Settings offers a choice when there are several). */
  claudeWebOrganizations: ChatOrganization[];
  /** The status-line setup in Claude Code; null where the app cannot change it (the CLI). */
  statusline: StatuslineSetup | null;
  /** Real launch-at-login state as the OS reports it. */
  launchAtLogin: boolean;
  /** macOS 13+: registered but waiting for approval in System Settings › General › Login Items. */
  loginItemNeedsApproval: boolean;
  notifications: NotificationState;
  trayHost: TrayHostInfo;
  shortcut: ShortcutState;
  /** Earliest time a manual refresh may poll (429 gate); null when now. */
  refreshAllowedAt: string | null;
  appVersion: string;
  /** Where Brimline keeps its settings, history and log (shown in Settings › About). */
  dataFolder: string;
  logFile: string;
  platform: 'darwin' | 'win32' | 'linux' | 'other';
  /**
   * Alert state: for each merged window (`windowKey(accountId, windowIdentity)`), the highest threshold already
   * notified in its current reset cycle. Windows with none are absent.
   */
  alerts: Record<string, number>;
  /** Pace and forecast of each merged window, by `windowKey(accountId, windowIdentity)`, from the usage history. */
  outlook: Record<string, WindowOutlookView>;
}

/** What the tray and the popover show of a window's history: where it should be, where it is heading. */
export interface WindowOutlookView {
  /** Null when pace has no meaning (no reset time, a window without a fixed length). */
  pace: Pace | null;
  /** On track / ahead / behind, with hysteresis kept per window by main. */
  stage: PaceStage | null;
  /** Null until there is enough data ("Not enough data yet"). */
  forecast: Forecast | null;
  /** The current cycle, thinned to at most SPARKLINE_POINTS, for the sparkline. */
  samples: { t: number; usedPercent: number }[];
}

export const SPARKLINE_POINTS = 48;

export const HISTORY_DAY_CHOICES = [7, 30] as const;
export type HistoryDays = (typeof HISTORY_DAY_CHOICES)[number];

/** `brimline:get-history`: the history view's data, thinned for drawing. */
export interface HistoryPayload {
  generatedAt: string;
  days: number;
  sinceMs: number;
  windows: HistoryWindowSeries[];
  /** Local-log totals per calendar day (YYYY-MM-DD), oldest first. */
  daily: { date: string; totalCost: number; totalTokens: number }[];
}

export interface HistoryWindowSeries {
  accountId: string;
  /** `windowIdentity`: `session`, `weekly`, `weekly_model:opus`… */
  windowId: string;
  kind: string;
  /** Peak of each reset cycle in the period, oldest first. */
  peaks: { resetsAt: number | null; peakPercent: number; peakAt: number }[];
  /** Usage over time, thinned to at most HISTORY_POINTS. */
  points: { t: number; usedPercent: number; resetsAt: number | null }[];
}

/**
 * What Export… in the History view came to. The path is the one the user chose in main's save
 * dialog (the renderer never sends one); `failed` says why in a sentence, nothing having changed.
 */
export type HistoryExportResult =
  | { kind: 'saved'; path: string; samples: number; days: number }
  | { kind: 'canceled' }
  | { kind: 'failed'; path: string; reason: ExportFailureReason; message: string };

/** Why a file could not be written, for the renderer to say in the user's language; `message` is main's English. */
export const EXPORT_FAILURE_REASONS = [
  'permission',
  'disk-full',
  'read-only',
  'no-folder',
  'not-a-folder',
  'is-a-folder',
  'other',
] as const;
export type ExportFailureReason = (typeof EXPORT_FAILURE_REASONS)[number];

/** 30 days of 5-minute samples thin to one point per 1.5 h: closer than the chart's 3 h gap rule. */
export const HISTORY_POINTS = 480;

export interface RefreshResult {
  started: boolean;
  /** When refused (rate-limit gate or the one-minute floor), when the next attempt is allowed. */
  nextAllowedAt: string | null;
}

export interface OpenSettingsRequest {
  section?: SettingsSection;
}

/** Request/response channels (ipcRenderer.invoke ↔ ipcMain.handle). */
export interface InvokeMap {
  'brimline:get-state': { request: void; response: AppState };
  'brimline:refresh': { request: void; response: RefreshResult };
  'brimline:update-settings': { request: SettingsPatch; response: Settings };
  'brimline:save-secret': { request: { name: SecretName; value: string }; response: SecretStatus };
  'brimline:remove-secret': { request: { name: SecretName }; response: SecretStatus };
  'brimline:open-external': { request: { url: string }; response: boolean };
  /** Opens Settings at a section (the remembered one when none is given). */
  'brimline:open-settings': { request: OpenSettingsRequest | undefined; response: void };
  /** Opens Brimline's data folder in the file manager; main knows the path, the renderer sends none. True when it opened. */
  'brimline:open-data-folder': { request: void; response: boolean };
  'brimline:test-notification': { request: void; response: NotificationOutcome };
  'brimline:set-statusline': { request: { enabled: boolean }; response: StatuslineSetup | null };
  'brimline:quit': { request: void; response: void };
  'brimline:get-history': { request: { days: HistoryDays }; response: HistoryPayload };
  /** Asks where in main's save dialog, then writes every sample and daily total of the period there. */
  'brimline:export-history': { request: { days: HistoryDays }; response: HistoryExportResult };
  'brimline:remove-account': { request: RemoveAccountRequest; response: Settings };
  /** Saves another account's claude.ai session key or another organisation's Admin key under a new slot. */
  'brimline:add-key': { request: { kind: SecretKind; value: string }; response: SecretStatus };
}

/** Main → renderer pushes (webContents.send ↔ ipcRenderer.on). */
export interface PushMap {
  'brimline:state': AppState;
  /**
   * Whether the window is on screen. The popover keeps rendering while hidden (no background
   * throttling), which also keeps `document.visibilityState` at "visible": main says it instead.
   */
  'brimline:visibility': { visible: boolean };
}

export type InvokeChannel = keyof InvokeMap;
export type PushChannel = keyof PushMap;

/** The API the preload exposes as `window.brimline`. The renderer's fake bridge implements it too. */
export interface BrimlineBridge {
  getState(): Promise<AppState>;
  refresh(): Promise<RefreshResult>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  saveSecret(name: SecretName, value: string): Promise<SecretStatus>;
  removeSecret(name: SecretName): Promise<SecretStatus>;
  openExternal(url: string): Promise<boolean>;
  openSettings(section?: SettingsSection): Promise<void>;
  openDataFolder(): Promise<boolean>;
  /** Sends one notification now (macOS: where the permission prompt appears) and says what the OS did. */
  testNotification(): Promise<NotificationOutcome>;
  /** Installs (chaining any existing one) or removes Brimline's status line in Claude Code's settings.json. */
  setStatusline(enabled: boolean): Promise<StatuslineSetup | null>;
  quit(): Promise<void>;
  getHistory(days: HistoryDays): Promise<HistoryPayload>;
  /** Export…: main asks where (its save dialog) and writes the period's history as CSV or JSON. */
  exportHistory(days: HistoryDays): Promise<HistoryExportResult>;
  /** Removes an account: its folders stop being read, its keys leave the keychain, its history goes only if asked. */
  removeAccount(request: RemoveAccountRequest): Promise<Settings>;
  /** Saves one more claude.ai session key or Admin key (another account, another organisation). */
  addKey(kind: SecretKind, value: string): Promise<SecretStatus>;
  /** Returns an unsubscribe function, for React effects. */
  onState(listener: (state: AppState) => void): () => void;
  /** Main says when the window is shown or hidden; returns an unsubscribe function. */
  onVisibility(listener: (visible: boolean) => void): () => void;
}

/** Hosts external links may open; https only. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'claude.ai',
  'console.anthropic.com',
  'platform.claude.com',
  'docs.anthropic.com',
  'docs.claude.com',
  'support.anthropic.com',
  'github.com',
];

export const CLAUDE_USAGE_URL = 'https://claude.ai/settings/usage';

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_HOSTS.includes(url.hostname);
}
