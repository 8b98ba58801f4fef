/**
 * Is this folder's Claude Code signed in some other way than its credentials file? Claude Code
 * inside Claude Desktop logs in with a token Desktop injects (`CLAUDE_CODE_OAUTH_TOKEN`) and never
 * writes `.credentials.json`, so the file there may have expired long ago while Claude Code works.
 *
 * The evidence is data from the same folder observed after the file's token expired, and recently:
 * the status line Brimline recorded for this folder, or the usage Claude Code cached in this
 * folder's global config. Either proves Claude Code ran there without the expired file's login.
 * Reads files only, never asks a server, and never quarantines what it reads (the status-line and
 * cache sources own their files).
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { observationFile, parseObservation } from '../../statusline/observation-store';

/** How recent the other data must be to count as "fresh". */
export const SIBLING_FRESH_MS = 60 * 60_000;
/** Claude Code's global config grows with project history; past this it is not read here. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

export interface DesktopLoginProbe {
  /** Brimline's data folder (where the status line's observations are). */
  dataDir: string;
  /** The Claude Code config folder. */
  folder: string;
  home: string;
}

/** The config files whose `cachedUsageUtilization` belongs to this folder (see claude-cache/locate.ts). */
export function folderConfigFiles(folder: string, home: string): string[] {
  const own = [path.join(folder, '.config.json'), path.join(folder, '.claude.json')];
  return path.resolve(folder) === path.resolve(home, '.claude') ? [...own, path.join(home, '.claude.json')] : own;
}

async function statusLineSeenAt(probe: DesktopLoginProbe): Promise<number | null> {
  try {
    const parsed = parseObservation(JSON.parse(await readFile(observationFile(probe.dataDir, probe.folder), 'utf8')));
    if (!parsed.ok) return null;
    const at = Date.parse(parsed.value.observedAt);
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

async function cacheSeenAt(file: string, notBefore: number): Promise<number | null> {
  try {
    const st = await stat(file);
    // Not written since the token expired: its cache cannot be newer (and the big file is not read).
    if (!st.isFile() || st.mtimeMs < notBefore || st.size > MAX_CONFIG_BYTES) return null;
    const root: unknown = JSON.parse(await readFile(file, 'utf8'));
    const cache = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).cachedUsageUtilization : null;
    const at = typeof cache === 'object' && cache !== null ? (cache as Record<string, unknown>).fetchedAtMs : null;
    return typeof at === 'number' && Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

/** True when the folder's status line or cache saw data after `expiredAt` and within SIBLING_FRESH_MS of `now`. */
export async function signedInElsewhere(probe: DesktopLoginProbe, expiredAt: number, now: number): Promise<boolean> {
  const fresh = (at: number | null): boolean => at !== null && at > expiredAt && at <= now && now - at < SIBLING_FRESH_MS;
  if (fresh(await statusLineSeenAt(probe))) return true;
  for (const file of folderConfigFiles(probe.folder, probe.home)) {
    if (fresh(await cacheSeenAt(file, expiredAt))) return true;
  }
  return false;
}
