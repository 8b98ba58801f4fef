/**
 * Where Headroom keeps its files. `HEADROOM_DATA_DIR` wins; otherwise the OS app-data folder,
 * computed here without Electron so the CLI and the app agree.
 */
import * as os from 'node:os';
import * as path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export function dataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const override = env.HEADROOM_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Headroom');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Headroom');
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'Headroom');
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

export const DEFAULT_API_BASE = 'https://api.anthropic.com';

export function apiBase(env: Env = process.env): string {
  const raw = env.HEADROOM_ANTHROPIC_API_URL?.trim();
  return (raw || DEFAULT_API_BASE).replace(/\/+$/, '');
}

export const FILES = {
  settings: 'settings.json',
  snapshots: 'snapshots.json',
  alerts: 'alert-state.json',
  scanState: 'local-logs-scan.json',
  /** Prefix of the local-logs entry files (`local-logs-entries-<n>.bin`), listed in scanState. */
  localLogsEntries: 'local-logs-entries',
  log: 'headroom.log',
  /** A folder: one status-line observation per Claude Code config dir (`<hash>.json`). */
  statusline: 'statusline',
  /** What `headroom statusline install` changed in which Claude Code settings.json (to undo it exactly). */
  statuslineInstalls: 'statusline-installs.json',
  /** A folder for the stable launcher (`bin/headroom`, `bin/headroom.cmd`) that settings.json points at. */
  bin: 'bin',
} as const;
