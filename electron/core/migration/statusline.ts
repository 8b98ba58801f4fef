/**
 * After the data folder moved, Claude Code's settings.json files still run the former launcher
 * (`<old data>/bin/headroom statusline`), which is gone: Claude Code's status line would go blank
 * without a word. Every install recorded in `statusline-installs.json` whose settings.json still
 * names a former command is repointed at the new launcher, keeping the chained command and the
 * record uninstall restores from. Safe to run at every start: it only reads when nothing is left.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { FILES } from '../platform/paths';
import { isBrimlineCommand, isRecord, loadInstallState, statuslineCommandPattern } from '../statusline/install-state';
import { shimPath, writeLauncherShim, type LaunchTarget } from '../statusline/launcher-shim';
import { brimlineCommand, installStatusline } from '../statusline/settings-file';
import { LEGACY, LEGACY_COMMAND_NAMES } from './legacy-names';

const LEGACY_COMMAND = statuslineCommandPattern(LEGACY_COMMAND_NAMES);

/** A status-line command written by a development build under the former name. */
export function isLegacyStatuslineCommand(command: unknown): boolean {
  return typeof command === 'string' && LEGACY_COMMAND.test(command.trim());
}

/** A launcher inside the former data folder (`…/Headroom/bin/…`), written there while its move had failed. */
const IN_FORMER_FOLDER = new RegExp(`[\\\\/]${LEGACY.folder}[\\\\/]${FILES.bin}[\\\\/]`);

/** What repointing replaces: a former command, or Brimline's own naming a launcher in the former folder. */
function needsRepoint(command: unknown, current: string): boolean {
  if (typeof command !== 'string' || command === current) return false;
  return isLegacyStatuslineCommand(command) || (isBrimlineCommand(command) && IN_FORMER_FOLDER.test(command));
}

export interface RepointOptions {
  dataDir: string;
  /** What runs the CLI now, for the new launcher. */
  target: LaunchTarget;
  now: () => number;
  platform?: NodeJS.Platform;
}

export interface RepointResult {
  /** settings.json files that now run the new launcher. */
  repointed: string[];
  /** One message per file left as it was, with what to do. */
  problems: string[];
}

async function statusLineCommand(file: string): Promise<unknown> {
  try {
    const text = await fsp.readFile(file, 'utf8');
    const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return isRecord(value) && isRecord(value.statusLine) ? value.statusLine.command : undefined;
  } catch {
    return undefined;
  }
}

export async function repointStatuslineInstalls(opts: RepointOptions): Promise<RepointResult> {
  const state = await loadInstallState(opts.dataDir, opts.now);
  const files: string[] = [];
  const current = brimlineCommand(shimPath(opts.dataDir, opts.platform), opts.platform);
  for (const file of Object.keys(state.installs)) if (needsRepoint(await statusLineCommand(file), current)) files.push(file);
  const result: RepointResult = { repointed: [], problems: [] };
  if (files.length > 0) {
    try {
      await writeLauncherShim(opts.dataDir, opts.target, opts.platform);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      result.problems.push(
        `Claude Code's status line still runs Brimline's launcher from before its rename, which has moved; the new launcher could not be written (${why}). Run \`brimline statusline install\` to repair it.`,
      );
      return result;
    }
  }
  for (const file of files) {
    try {
      const res = await installStatusline({
        env: {},
        dataDir: opts.dataDir,
        launcher: shimPath(opts.dataDir, opts.platform),
        now: opts.now,
        platform: opts.platform,
        settingsFile: file,
      });
      if (res.ok) result.repointed.push(file);
      else result.problems.push(res.message);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      result.problems.push(
        `Claude Code's status line in ${file} still runs Brimline's launcher from before its rename, which has moved, so it shows nothing. ${file} was left as it was: ${why} Make it writable (or free some space), then run \`brimline statusline install\` or start Brimline again.`,
      );
    }
  }
  if (result.problems.length === 0) await removeLegacyLaunchers(opts.dataDir);
  return result;
}

/** The former launchers: nothing runs them once every settings.json is repointed. */
async function removeLegacyLaunchers(dataDir: string): Promise<void> {
  for (const name of [LEGACY.launcher, `${LEGACY.launcher}.cmd`])
    await fsp.rm(path.join(dataDir, FILES.bin, name), { force: true }).catch(() => undefined);
}
