/**
 * Linux launch at login: a development build's autostart entry (`autostart/headroom.desktop`)
 * starts a program that is no longer there. When it was on, Brimline's own entry takes its place;
 * either way the old one goes.
 */
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { isLinuxLoginItemEnabled, setLinuxLoginItem } from '../platform/login-item-linux';
import { LEGACY } from './legacy-names';

export type AutostartMigration = { kind: 'nothing' } | { kind: 'replaced'; enabled: boolean } | { kind: 'failed'; message: string };

/** `file` is Brimline's entry (login-item-linux.ts `autostartFile`); `command` starts this copy. */
export async function migrateLinuxAutostart(file: string, command: readonly string[]): Promise<AutostartMigration> {
  const legacy = path.join(path.dirname(file), LEGACY.autostartFile);
  if (!existsSync(legacy)) return { kind: 'nothing' };
  try {
    const enabled = await isLinuxLoginItemEnabled(legacy);
    if (enabled && !(await isLinuxLoginItemEnabled(file))) await setLinuxLoginItem(true, file, command);
    await fsp.rm(legacy, { force: true });
    return { kind: 'replaced', enabled };
  } catch (err) {
    return {
      kind: 'failed',
      message: `Launch at login could not be moved to Brimline's own entry (${(err as NodeJS.ErrnoException).code ?? String(err)}): ${legacy} still starts the program of Brimline's former name. Switch Launch at login off and on again in Settings, or delete that file.`,
    };
  }
}
