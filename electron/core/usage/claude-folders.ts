/**
 * The Claude Code config folders Brimline reads, each a candidate account with its own login:
 * - `~/.claude` when `CLAUDE_CONFIG_DIR` is unset (its login may also live in `~/.config/claude`);
 * - every entry of a comma-separated `CLAUDE_CONFIG_DIR`;
 * - the folders the user added in Settings;
 * - the folders Claude Code sessions reported through the status line. A GUI app does not see the
 *   `CLAUDE_CONFIG_DIR` of the shell that runs `CLAUDE_CONFIG_DIR=~/.claude-work claude`, so this is
 *   how such a folder is found without the user typing it.
 * Folders the user removed stay out, whichever way they were found.
 */
import { readdir } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { tildify } from '../../../shared/folders';
import type { ClaudeFolder } from '../../../shared/ipc';
import type { AccountSettings } from '../../../shared/settings';
import type { Env } from '../platform/paths';
import { loadObservations, observationDir } from '../statusline/observation-store';

/** `~/x` and relative paths made absolute, the way a shell would hand them to Claude Code. */
export function resolveFolder(dir: string, home: string): string {
  const d = dir.trim();
  if (d === '~') return home;
  return path.resolve(d.startsWith('~/') || d.startsWith('~\\') ? path.join(home, d.slice(2)) : d);
}

function envFolders(env: Env, home: string): string[] {
  return (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .map((d) => resolveFolder(d, home));
}

/** The folders from the environment and the settings, without touching the disk. */
export function configuredFolders(env: Env, home: string, prefs: Pick<AccountSettings, 'folders' | 'ignoredFolders'>): ClaudeFolder[] {
  const fromEnv = envFolders(env, home);
  const found: ClaudeFolder[] =
    fromEnv.length > 0 ? fromEnv.map((dir) => ({ dir, origin: 'env' })) : [{ dir: path.join(home, '.claude'), origin: 'default' }];
  for (const f of prefs.folders) found.push({ dir: resolveFolder(f, home), origin: 'settings' });
  return keep(found, prefs.ignoredFolders, home);
}

function keep(folders: readonly ClaudeFolder[], ignored: readonly string[], home: string): ClaudeFolder[] {
  const skip = new Set(ignored.map((f) => resolveFolder(f, home)));
  const seen = new Set<string>();
  return folders.filter((f) => {
    if (skip.has(f.dir) || seen.has(f.dir)) return false;
    seen.add(f.dir);
    return true;
  });
}

/** Every folder in use: the configured ones, then those only the status line has named. */
export function foldersInUse(
  env: Env,
  home: string,
  prefs: Pick<AccountSettings, 'folders' | 'ignoredFolders'>,
  reported: readonly string[],
): ClaudeFolder[] {
  const configured = configuredFolders(env, home, prefs);
  return keep([...configured, ...reported.map((dir): ClaudeFolder => ({ dir, origin: 'statusline' }))], prefs.ignoredFolders, home);
}

/** The folders Claude Code sessions have reported through the status line (never throws). */
export async function reportedFolders(dataDir: string): Promise<string[]> {
  const names = await readdir(observationDir(dataDir)).catch(() => [] as string[]);
  if (names.length === 0) return [];
  const { observations } = await loadObservations(dataDir, Date.now);
  return observations.map((o) => o.configDir).filter((d) => path.isAbsolute(d));
}

/** Same folders in the same order: nothing to rebuild. */
export function sameFolders(a: readonly ClaudeFolder[], b: readonly ClaudeFolder[]): boolean {
  return a.length === b.length && a.every((f, i) => f.dir === b[i]!.dir && f.origin === b[i]!.origin);
}

/** `~/.claude-work` for display, against this user's home. */
export function tildifyHome(dir: string): string {
  return tildify(dir, os.homedir());
}
