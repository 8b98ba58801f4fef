/**
 * Where Brimline keeps its files. `BRIMLINE_DATA_DIR` (or its former twin, see migration/env.ts) wins; otherwise the OS app-data folder,
 * computed here without Electron so the CLI and the app agree.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { envValue } from '../migration/env';

export type Env = Readonly<Record<string, string | undefined>>;

export function dataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const override = envValue(env, 'BRIMLINE_DATA_DIR')?.trim();
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Brimline');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Brimline');
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'Brimline');
}

/**
 * Chromium's profile (cookies, caches, local storage and the single-instance lock), for
 * `app.setPath('userData', …)` before the lock is taken. Electron would otherwise put it in
 * `<appData>/<productName>`, which is exactly `dataDir()`, among Brimline's own files. A dev run
 * (`npm start`) gets a profile of its own, so it does not share the installed app's lock.
 */
export function chromiumProfileDir(appData: string, packaged: boolean): string {
  return path.join(appData, packaged ? 'Brimline' : 'Brimline (dev)', 'Chromium');
}

/** Claude config dirs: `CLAUDE_CONFIG_DIR` (comma-separated; when set, only those), else the defaults. */
export function claudeConfigDirs(env: Env = process.env, home = os.homedir()): string[] {
  const raw = env.CLAUDE_CONFIG_DIR?.trim();
  if (raw) {
    return raw
      .split(',')
      .map((d) => d.trim())
      .filter((d) => d.length > 0)
      .map((d) => path.resolve(d.startsWith('~') ? path.join(home, d.slice(1)) : d));
  }
  return [path.join(home, '.config', 'claude'), path.join(home, '.claude')];
}

/**
 * The config folder a Claude Code session uses, which its login and its status line belong to: the
 * first `CLAUDE_CONFIG_DIR` entry, else `~/.claude`. Data keyed by this folder meets the same
 * account whichever program recorded it.
 */
export function primaryConfigDir(env: Env = process.env, home = os.homedir()): string {
  const first = env.CLAUDE_CONFIG_DIR?.split(',')
    .map((d) => d.trim())
    .find((d) => d.length > 0);
  if (first) return path.resolve(first.startsWith('~') ? path.join(home, first.slice(1)) : first);
  return path.join(home, '.claude');
}

export const DEFAULT_API_BASE = 'https://api.anthropic.com';

export function apiBase(env: Env = process.env): string {
  const raw = envValue(env, 'BRIMLINE_ANTHROPIC_API_URL')?.trim();
  return (raw || DEFAULT_API_BASE).replace(/\/+$/, '');
}

export const DEFAULT_CLAUDE_WEB_BASE = 'https://claude.ai';

/** claude.ai, or `BRIMLINE_CLAUDE_WEB_URL` (tests point it at a loopback fake). */
export function claudeWebBase(env: Env = process.env): string {
  const raw = envValue(env, 'BRIMLINE_CLAUDE_WEB_URL')?.trim();
  return (raw || DEFAULT_CLAUDE_WEB_BASE).replace(/\/+$/, '');
}

export const FILES = {
  settings: 'settings.json',
  snapshots: 'snapshots.json',
  /** Which Claude account each Claude Code folder and organisation belongs to (electron/core/usage/account-directory.ts). */
  accounts: 'accounts.json',
  alerts: 'alert-state.json',
  /** Which forecast alerts ("runs out before reset", "unused at reset") fired in which cycle. */
  forecastAlerts: 'forecast-alert-state.json',
  scanState: 'local-logs-scan.json',
  /** Prefix of the local-logs entry files (`local-logs-entries-<n>.bin`), listed in scanState. */
  localLogsEntries: 'local-logs-entries',
  log: 'brimline.log',
  /** Folder of the usage history: day segments `samples-YYYY-MM-DD.jsonl` and `historyDaily`. */
  historyDir: 'history',
  /** Inside historyDir: the local-log totals per day. */
  historyDaily: 'daily-totals.json',
  /** A folder: one status-line observation per Claude Code config dir (`<hash>.json`). */
  statusline: 'statusline',
  /** What `brimline statusline install` changed in which Claude Code settings.json (to undo it exactly). */
  statuslineInstalls: 'statusline-installs.json',
  /** A folder for the stable launcher (`bin/brimline`, `bin/brimline.cmd`) that settings.json points at. */
  bin: 'bin',
} as const;
