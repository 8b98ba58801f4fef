/**
 * Where Claude Code keeps its global config (and, in recent versions, its last usage response).
 * Claude Code reads `<config home>/.config.json` when that legacy file exists, else
 * `$CLAUDE_CONFIG_DIR/.claude.json` when the variable is set, else `~/.claude.json`.
 * Brimline's CLAUDE_CONFIG_DIR may list several dirs (comma-separated); each is a candidate.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Env } from '../../platform/paths';

export function claudeGlobalConfigFiles(env: Env = process.env, home = os.homedir()): string[] {
  const raw = env.CLAUDE_CONFIG_DIR?.trim();
  const dirs = raw
    ? raw
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d.length > 0)
        .map((d) => path.resolve(d.startsWith('~') ? path.join(home, d.slice(1)) : d))
    : null;
  if (dirs) return dirs.flatMap((d) => [path.join(d, '.config.json'), path.join(d, '.claude.json')]);
  return [path.join(home, '.claude', '.config.json'), path.join(home, '.claude.json')];
}

/**
 * The config folder a global config file belongs to: with CLAUDE_CONFIG_DIR, the file's own
 * folder; without it, `~/.claude` (for `~/.claude.json` as for `~/.claude/.config.json`).
 */
export function configDirOfGlobalFile(file: string, env: Env = process.env, home = os.homedir()): string {
  if (env.CLAUDE_CONFIG_DIR?.trim()) return path.dirname(file);
  return path.join(home, '.claude');
}
