/** Backups a development build left beside Claude Code's settings.json, named for the former product. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { LEGACY } from './legacy-names';

/** `settings.json.<former>-backup-<stamp>` files beside `file`, oldest first. */
export async function legacyBackups(file: string): Promise<string[]> {
  const prefix = path.basename(file) + LEGACY.settingsBackupInfix;
  const names = await fsp.readdir(path.dirname(file)).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(prefix))
    .sort()
    .map((n) => path.join(path.dirname(file), n));
}

/** A clause naming those backups for a message, or '' when there are none. */
export async function legacyBackupsNote(file: string): Promise<string> {
  const found = await legacyBackups(file);
  if (found.length === 0) return '';
  return ` (and ${path.basename(file)}${LEGACY.settingsBackupInfix}* from before Brimline's rename, ${found.length === 1 ? 'one file' : `${found.length} files`})`;
}
