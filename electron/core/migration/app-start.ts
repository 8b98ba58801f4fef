/**
 * The app's part of the upgrade from a development build, in two steps: the data folder before
 * anything opens a file in it (main.ts, before Chromium's profile and the log), then, once ready,
 * the keychain, the status-line installs and the Linux autostart entry. Each failure becomes a
 * start-up problem the app shows, and is tried again at the next start.
 */
import * as path from 'node:path';
import { dataDir, type Env } from '../platform/paths';
import type { Logger } from '../platform/log';
import type { LaunchTarget } from '../statusline/launcher-shim';
import { migrateLinuxAutostart } from './autostart';
import { pendingFolderMove } from './data-folder';
import { moveDataFolder, type FolderMoveOptions } from './folder-move';
import { migrateKeychain, type KeychainMigrationOptions } from './keychain';
import { repointStatuslineInstalls } from './statusline';

export interface DataFolderAtStart {
  /** The folder to use this run: the former one while its move has not succeeded. */
  dataDir: string;
  /** Set when the former folder is in use; Chromium's profile goes there too, so nothing new appears beside it. */
  chromiumProfile: string | null;
  problems: string[];
  /** What happened, for the log. */
  log: string | null;
}

export function migrateDataFolderAtAppStart(env: Env = process.env, opts: FolderMoveOptions = {}): DataFolderAtStart {
  const plan = pendingFolderMove(env);
  if (!plan) return { dataDir: dataDir(env), chromiumProfile: null, problems: [], log: null };
  const moved = moveDataFolder(plan, opts);
  if (moved.kind === 'failed')
    return { dataDir: moved.from, chromiumProfile: path.join(moved.from, 'Chromium'), problems: [moved.message], log: moved.message };
  return {
    dataDir: moved.to,
    chromiumProfile: null,
    problems: [],
    log: moved.kind === 'moved' ? `Data folder ${moved.how === 'renamed' ? 'moved' : 'copied'} from ${moved.from} to ${moved.to}.` : null,
  };
}

export interface AppReadyMigration {
  dataDir: string;
  /** How the app runs the CLI, for the status-line launcher. */
  target: LaunchTarget;
  /** Linux only: Brimline's autostart entry and the command it runs. */
  autostart: { file: string; command: readonly string[] } | null;
  logger: Logger;
  now: () => number;
  /**
   * Whether the secret store reached the keychain. When it did not, its own message already says
   * to unlock it; the keys are moved at a start where it answers.
   */
  keychainAnswers: boolean;
  keychain?: KeychainMigrationOptions;
}

/** Never throws; returns the problems to show. */
export async function migrateAtAppReady(opts: AppReadyMigration): Promise<string[]> {
  const problems: string[] = [];
  const [keychain, statusline, autostart] = await Promise.all([
    opts.keychainAnswers ? migrateKeychain(opts.keychain) : Promise.resolve({ kind: 'unavailable' as const }),
    repointStatuslineInstalls({ dataDir: opts.dataDir, target: opts.target, now: opts.now }).catch((err: unknown) => ({
      repointed: [] as string[],
      problems: [
        `Claude Code's status line was not repointed at Brimline's launcher (${String(err)}). Run \`brimline statusline install\`.`,
      ],
    })),
    opts.autostart ? migrateLinuxAutostart(opts.autostart.file, opts.autostart.command) : Promise.resolve({ kind: 'nothing' as const }),
  ]);
  if (keychain.kind === 'moved') opts.logger.info(`Moved ${keychain.accounts.length} saved key(s) to Brimline's keychain entries.`);
  if (keychain.kind === 'failed') problems.push(keychain.message);
  for (const file of statusline.repointed) opts.logger.info(`Claude Code's status line in ${file} now runs Brimline's launcher.`);
  problems.push(...statusline.problems);
  if (autostart.kind === 'failed') problems.push(autostart.message);
  for (const p of problems) opts.logger.warn(p);
  return problems;
}
