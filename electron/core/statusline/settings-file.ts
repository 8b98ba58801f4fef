/**
 * `brimline statusline install | uninstall | show` against Claude Code's user settings
 * (`<config dir>/settings.json`, the config dir being `CLAUDE_CONFIG_DIR` or `~/.claude`).
 *
 * Rules: a file that does not parse is refused and left untouched; the file is backed up beside
 * itself before every write and written atomically, keeping every other key in its order; another
 * tool's status line is never dropped: it is chained (Brimline runs it with the same stdin and
 * prints its output before Brimline's segment) and saved in Brimline's data dir, so uninstall puts
 * it back exactly (byte for byte when the file has not changed since).
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../platform/fs/atomic';
import { redact } from '../platform/log';
import type { Env } from '../platform/paths';
import { chainedCommand, claudeSettingsFile, installStateFile, isBrimlineCommand, isRecord, loadInstallState } from './install-state';

export { chainedCommand, claudeSettingsFile, isBrimlineCommand };
import { shQuote } from './launcher-shim';
import { legacyBackupsNote } from '../migration/statusline-backups';

/** The command written into settings.json: the stable launcher, quoted for the shell Claude Code uses. */
export function brimlineCommand(launcher: string, platform: NodeJS.Platform = process.platform): string {
  return `${platform === 'win32' ? `"${launcher}"` : shQuote(launcher)} statusline`;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing settings.json without disturbing it.

type SettingsRead =
  | { kind: 'missing' }
  | { kind: 'ok'; text: string; value: Record<string, unknown>; mode: number }
  | { kind: 'unparseable'; reason: string };

async function readSettings(file: string): Promise<SettingsRead> {
  let text: string;
  let mode = 0o600;
  try {
    text = await fsp.readFile(file, 'utf8');
    mode = (await fsp.stat(file)).mode & 0o777;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unparseable', reason: code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code ?? 'error'})` };
  }
  if (text.trim() === '') return { kind: 'ok', text, value: {}, mode };
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { kind: 'unparseable', reason: `it is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isRecord(value)) return { kind: 'unparseable', reason: 'it is not a JSON object' };
  return { kind: 'ok', text, value, mode };
}

/** Serialises like the original: same indent, same line ending, same final newline. */
function serialiseLike(original: string | null, value: Record<string, unknown>): string {
  const indent = (original ? /^\{\r?\n([ \t]+)"/.exec(original)?.[1] : undefined) ?? 2;
  const crlf = original?.includes('\r\n') ?? false;
  const finalNewline = original === null || original === '' || original.endsWith('\n');
  let out = JSON.stringify(value, null, indent);
  if (crlf) out = out.replace(/\n/g, '\r\n');
  return finalNewline ? out + (crlf ? '\r\n' : '\n') : out;
}

/** Sets `key`, keeping its position when present (every other key stays where it was). */
function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (!(key in obj)) return { ...obj, [key]: value };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = k === key ? value : v;
  return out;
}

function withoutKey(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== key) out[k] = v;
  return out;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

async function backup(file: string, text: string, now: () => number): Promise<string> {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const dest = `${file}.brimline-backup-${stamp}`;
  // 0600: Claude Code's settings may hold secrets in `env`.
  await writeFileAtomic(dest, text, 0o600);
  return dest;
}

// ---------------------------------------------------------------------------------------------

export interface StatuslineSetupContext {
  env: Env;
  dataDir: string;
  /** The stable launcher the command points at (see launcher-shim.ts); the caller writes it. */
  launcher: string;
  now: () => number;
  home?: string;
  platform?: NodeJS.Platform;
  /** The settings.json to change, when not the one of `env` (repointing every recorded install). */
  settingsFile?: string;
}

const settingsFileOf = (ctx: StatuslineSetupContext): string => ctx.settingsFile ?? claudeSettingsFile(ctx.env, ctx.home);

export type SetupResult = { ok: true; changed: boolean; file: string; message: string } | { ok: false; file: string; message: string };

function refuse(file: string, reason: string, verb: string): SetupResult {
  return {
    ok: false,
    file,
    message: `Claude Code's settings file ${file} cannot be read (${reason}). Brimline changed nothing: fix or move the file, then run \`brimline statusline ${verb}\` again.`,
  };
}

const describe = (v: unknown): string =>
  isRecord(v) && typeof v.command === 'string'
    ? `\`${redact(v.command)}\``
    : `a status line of another kind (${redact(JSON.stringify(v))})`;

export async function installStatusline(ctx: StatuslineSetupContext): Promise<SetupResult> {
  const file = settingsFileOf(ctx);
  const read = await readSettings(file);
  if (read.kind === 'unparseable') return refuse(file, read.reason, 'install');
  const command = brimlineCommand(ctx.launcher, ctx.platform);
  const settings = read.kind === 'ok' ? read.value : {};
  const current = settings.statusLine;
  const state = await loadInstallState(ctx.dataDir, ctx.now);

  if (isRecord(current) && isBrimlineCommand(current.command)) {
    if (current.command === command)
      return { ok: true, changed: false, file, message: `Brimline's status line is already installed in ${file}.` };
    // Ours, but for an older launcher path: repoint it, keeping what install saved the first time.
  }
  const ours = isRecord(current) && isBrimlineCommand(current.command);
  const had = 'statusLine' in settings && !ours;
  const padding = isRecord(current) && typeof current.padding === 'number' ? { padding: current.padding } : {};
  const next = withKey(settings, 'statusLine', { type: 'command', command, ...padding });
  const originalText = read.kind === 'ok' ? read.text : null;
  const text = serialiseLike(originalText, next);

  const backupFile = originalText !== null ? await backup(file, originalText, ctx.now) : null;
  const previous = state.installs[file];
  // Saved before settings.json changes, so a crash in between cannot lose the original.
  state.installs[file] =
    ours && previous
      ? // Repointing: the byte-exact restore stays valid only if nothing else changed since install.
        originalText !== null && sha256(originalText) === previous.writtenSha256
        ? { ...previous, command, writtenSha256: sha256(text) }
        : { ...previous, hadFile: true, command, writtenSha256: sha256(text), backup: null, originalSha256: null }
      : {
          hadFile: read.kind === 'ok',
          hadStatusLine: had,
          ...(had ? { original: current } : {}),
          command,
          backup: backupFile,
          originalSha256: originalText !== null ? sha256(originalText) : null,
          writtenSha256: sha256(text),
          installedAt: new Date(ctx.now()).toISOString(),
        };
  await writeJsonAtomic(installStateFile(ctx.dataDir), state);
  try {
    await writeFileAtomic(file, text, read.kind === 'ok' ? read.mode : 0o600);
  } catch (err) {
    // settings.json is unchanged: so is the record, or uninstall could no longer restore it byte for byte.
    if (previous) state.installs[file] = previous;
    else delete state.installs[file];
    await writeJsonAtomic(installStateFile(ctx.dataDir), state).catch(() => undefined);
    throw err;
  }

  const chained = had
    ? ` The existing status line ${describe(current)} is kept: Brimline runs it with the same input and prints its output before Brimline's segment. \`brimline statusline uninstall\` puts it back exactly.`
    : '';
  return {
    ok: true,
    changed: true,
    file,
    message: `Installed Brimline's status line in ${file}${backupFile ? ` (backup: ${backupFile})` : ''}.${chained}`,
  };
}

export async function uninstallStatusline(ctx: StatuslineSetupContext): Promise<SetupResult> {
  const file = settingsFileOf(ctx);
  const read = await readSettings(file);
  if (read.kind === 'unparseable') return refuse(file, read.reason, 'uninstall');
  const state = await loadInstallState(ctx.dataDir, ctx.now);
  const rec = state.installs[file];
  const forget = async (): Promise<void> => {
    if (!rec) return;
    delete state.installs[file];
    await writeJsonAtomic(installStateFile(ctx.dataDir), state);
  };
  if (read.kind === 'missing') {
    await forget();
    return { ok: true, changed: false, file, message: `${file} does not exist: there is no status line to remove.` };
  }
  const current = read.value.statusLine;
  if (!(isRecord(current) && isBrimlineCommand(current.command))) {
    await forget();
    const what = current === undefined ? 'no status line' : `the status line ${describe(current)}, which is not Brimline's`;
    return { ok: true, changed: false, file, message: `${file} has ${what}; it was left as it is.` };
  }

  await backup(file, read.text, ctx.now);
  // Unchanged since install: put the original bytes back (or remove the file install created).
  if (rec && sha256(read.text) === rec.writtenSha256) {
    if (!rec.hadFile) {
      await fsp.rm(file, { force: true });
      await forget();
      return {
        ok: true,
        changed: true,
        file,
        message: `Removed Brimline's status line: ${file} did not exist before install and was removed.`,
      };
    }
    const saved = rec.backup ? await fsp.readFile(rec.backup, 'utf8').catch(() => null) : null;
    if (saved !== null && sha256(saved) === rec.originalSha256) {
      await writeFileAtomic(file, saved, read.mode);
      await forget();
      return { ok: true, changed: true, file, message: `Removed Brimline's status line and restored ${file} exactly as it was.` };
    }
  }
  const restored = rec?.hadStatusLine ? withKey(read.value, 'statusLine', rec.original) : withoutKey(read.value, 'statusLine');
  await writeFileAtomic(file, serialiseLike(read.text, restored), read.mode);
  await forget();
  const back = rec?.hadStatusLine
    ? ` The previous status line ${describe(rec.original)} is back.`
    : rec
      ? ''
      : ` Brimline had no record of what was there before; earlier versions are in ${path.basename(file)}.brimline-backup-* beside it${await legacyBackupsNote(file)}.`;
  return { ok: true, changed: true, file, message: `Removed Brimline's status line from ${file}.${back}` };
}

/** What Claude Code's status line is now, for `show` and for the app's Settings switch. */
export type StatuslineState =
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'none'; file: string }
  | {
      kind: 'brimline';
      file: string;
      command: string;
      /** The other tool's command that runs first, if install chained one. */
      chained: string | null;
      /** False when the command names another launcher (an older data dir): install repoints it. */
      launcherCurrent: boolean;
      launcherExists: boolean;
    }
  | { kind: 'other'; file: string; description: string };

export async function statuslineState(ctx: StatuslineSetupContext): Promise<StatuslineState> {
  const file = settingsFileOf(ctx);
  const read = await readSettings(file);
  if (read.kind === 'unparseable') return { kind: 'unreadable', file, reason: read.reason };
  const current = read.kind === 'ok' ? read.value.statusLine : undefined;
  if (current === undefined) return { kind: 'none', file };
  if (isRecord(current) && isBrimlineCommand(current.command)) {
    const command = String(current.command);
    return {
      kind: 'brimline',
      file,
      command,
      chained: chainedCommand(ctx.dataDir, file),
      launcherCurrent: command === brimlineCommand(ctx.launcher, ctx.platform),
      launcherExists: await fsp
        .access(ctx.launcher)
        .then(() => true)
        .catch(() => false),
    };
  }
  return { kind: 'other', file, description: describe(current) };
}

export async function showStatusline(ctx: StatuslineSetupContext): Promise<string> {
  const st = await statuslineState(ctx);
  const lines = [`Claude Code settings: ${st.file}`];
  switch (st.kind) {
    case 'unreadable':
      lines.push(`Status line: unknown, the file cannot be read (${st.reason}).`);
      break;
    case 'none':
      lines.push('Status line: none. Run `brimline statusline install` to add Brimline\u2019s.');
      break;
    case 'other':
      lines.push(
        `Status line: another tool's, ${st.description}. \`brimline statusline install\` would chain it: it keeps running, and Brimline's segment is added after its output.`,
      );
      break;
    case 'brimline':
      lines.push(`Status line: Brimline (${redact(st.command)})`);
      if (st.chained)
        lines.push(`Chained: \`${redact(st.chained)}\` runs first with the same input; its output is printed before Brimline's.`);
      if (!st.launcherCurrent)
        lines.push(`Note: it points at another launcher than ${ctx.launcher}; \`brimline statusline install\` repoints it.`);
      else if (!st.launcherExists)
        lines.push(`Note: the launcher ${ctx.launcher} is missing; \`brimline statusline install\` writes it again.`);
      break;
  }
  lines.push(`Launcher: ${ctx.launcher}`);
  return lines.join('\n') + '\n';
}
