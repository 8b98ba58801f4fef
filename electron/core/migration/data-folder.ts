/**
 * Whether a development build's data folder waits to be moved. Runs at every start of the CLI,
 * `brimline statusline` included (after every Claude Code response), so it costs no file-system
 * call when the data folder is set by a variable (as the status-line launcher does) and one
 * `existsSync` when the new folder is there.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataDir, type Env } from '../platform/paths';
import { envValue } from './env';
import { LEGACY } from './legacy-names';

export interface FolderMovePlan {
  /** The former data folder, beside the new one. */
  from: string;
  /** The data folder Brimline uses by default. */
  to: string;
}

export function pendingFolderMove(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
  exists: (p: string) => boolean = existsSync,
): FolderMovePlan | null {
  // A folder the user chose is never moved.
  if (envValue(env, 'BRIMLINE_DATA_DIR')?.trim()) return null;
  const to = dataDir(env, platform, home);
  if (exists(to)) return null;
  const from = path.join(path.dirname(to), LEGACY.folder);
  return exists(from) ? { from, to } : null;
}
