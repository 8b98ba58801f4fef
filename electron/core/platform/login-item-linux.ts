/**
 * Launch at login on Linux: an XDG autostart entry (`$XDG_CONFIG_HOME/autostart/brimline.desktop`),
 * which GNOME, KDE, Xfce and most other desktops honour. Electron's setLoginItemSettings does
 * nothing on Linux.
 */
import { promises as fsp, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './fs/atomic';
import type { Env } from './paths';

export const AUTOSTART_FILE_NAME = 'brimline.desktop';

export function autostartFile(env: Env = process.env, home = os.homedir()): string {
  const base = env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config');
  return path.join(base, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: reserved characters force double quotes,
 * inside which `"`, `` ` ``, `$` and `\` are backslash-escaped; a literal `%` is written `%%`.
 */
export function quoteExecArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new Error('An autostart command cannot contain a line break');
  const pct = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(pct)) return pct;
  return `"${pct.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The command to start this copy: the AppImage itself when running from one (its mount point changes every run). */
export function launchCommand(execPath: string, env: Env = process.env, args: readonly string[] = []): string[] {
  const appImage = env.APPIMAGE?.trim();
  return [appImage || execPath, ...args];
}

export function desktopEntry(command: readonly string[]): string {
  if (command.length === 0) throw new Error('An autostart entry needs a command');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Brimline',
    'Comment=Shows how close you are to your Claude usage limits',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** On when the entry exists and is not switched off by `Hidden=true` or `X-GNOME-Autostart-enabled=false`. */
export async function isLinuxLoginItemEnabled(file: string): Promise<boolean> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  return entryIsOn(text);
}

function entryIsOn(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (!lines.includes('[Desktop Entry]')) return false;
  return !lines.some((l) => /^Hidden\s*=\s*true$/i.test(l) || /^X-GNOME-Autostart-enabled\s*=\s*false$/i.test(l));
}

/** The program an entry's `Exec=` line starts, unquoted per the Desktop Entry spec; null when there is none. */
export function execProgram(text: string): string | null {
  const line = text.split(/\r?\n/).find((l) => /^Exec\s*=/.test(l.trim()));
  if (!line) return null;
  const value = line.trim().replace(/^Exec\s*=\s*/, '');
  const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(value);
  const first = quoted ? quoted[1]!.replace(/\\(["`$\\])/g, '$1') : value.split(/\s+/)[0]!;
  return first.replace(/%%/g, '%') || null;
}

/**
 * An AppImage update names the new file after its version and deletes the old one, so an enabled
 * entry would start nothing at the next login while Settings still shows the switch on. When the
 * entry is on, its program is gone and this copy runs from an AppImage, point the entry here.
 * Returns whether it was rewritten.
 */
export async function followLinuxLoginItem(file: string, command: readonly string[], env: Env = process.env): Promise<boolean> {
  if (!env.APPIMAGE?.trim() || !(await isLinuxLoginItemEnabled(file))) return false;
  const program = execProgram(await fsp.readFile(file, 'utf8'));
  if (program === command[0]) return false;
  if (
    program !== null &&
    (await fsp.stat(program).then(
      () => true,
      () => false,
    ))
  )
    return false;
  await writeFileAtomic(file, desktopEntry(command), 0o644);
  return true;
}

/**
 * electron-updater installing an AppImage at quit (or at shutdown) deletes the old file, moves the
 * new one beside it under its versioned name and runs it only to install, never as the app: the
 * repair in followLinuxLoginItem, which runs when a copy starts, would come too late for the next
 * login. It announces the new path synchronously just before the process exits, so the entry is
 * rewritten synchronously here. Only an entry that is switched on is touched. Returns whether it
 * was rewritten.
 */
export function pointLinuxLoginItemAt(file: string, program: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (!entryIsOn(text) || execProgram(text) === program) return false;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, desktopEntry([program]), { mode: 0o644 });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return true;
}

export async function setLinuxLoginItem(enabled: boolean, file: string, command: readonly string[]): Promise<void> {
  if (enabled) {
    await writeFileAtomic(file, desktopEntry(command), 0o644);
  } else {
    await fsp.rm(file, { force: true });
  }
}
