/**
 * What `brimline statusline install` changed in which Claude Code settings.json, kept in Brimline's
 * data dir (never in Claude Code's file), so uninstall can undo it exactly and the status line can
 * find the command it chains. Read on the hot path, so it imports nothing heavy (no crypto).
 */
import { readFileSync, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LEGACY_COMMAND_NAMES } from '../migration/legacy-names';
import { FILES, primaryConfigDir, type Env } from '../platform/paths';

/** Claude Code's user settings for this environment's config dir. */
export function claudeSettingsFile(env: Env, home = os.homedir()): string {
  return path.join(primaryConfigDir(env, home), 'settings.json');
}

/** The status-line command of any of `names` (the bin, the launcher), in every form it is written. */
export function statuslineCommandPattern(names: readonly string[]): RegExp {
  return new RegExp(`(^|[\\\\/'"\\s])(${names.join('|')})(\\.cmd|\\.mjs)?['"]?(\\s+--)?\\s+statusline\\s*$`);
}

const OURS = statuslineCommandPattern(['brimline', ...LEGACY_COMMAND_NAMES]);

/**
 * Recognises Brimline's command even when written for another data dir, an older launcher, under
 * the former name, or by hand (`npx brimline statusline`, `npm run --silent brimline -- statusline`),
 * so install never chains Brimline to itself and replaces an older entry in place.
 */
export function isBrimlineCommand(command: unknown): boolean {
  return typeof command === 'string' && OURS.test(command.trim());
}

export interface InstallRecord {
  /** The file did not exist before install. */
  hadFile: boolean;
  hadStatusLine: boolean;
  /** The `statusLine` value before install, exactly as parsed. */
  original?: unknown;
  command: string;
  backup: string | null;
  originalSha256: string | null;
  writtenSha256: string;
  installedAt: string;
}

export interface InstallState {
  version: 1;
  installs: Record<string, InstallRecord>;
}

export const installStateFile = (dataDir: string): string => path.join(dataDir, FILES.statuslineInstalls);

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseInstallState(text: string): InstallState | null {
  try {
    const raw: unknown = JSON.parse(text);
    if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.installs)) return null;
    const installs: Record<string, InstallRecord> = {};
    for (const [file, r] of Object.entries(raw.installs)) {
      if (!isRecord(r) || typeof r.hadStatusLine !== 'boolean' || typeof r.command !== 'string' || typeof r.writtenSha256 !== 'string')
        continue;
      installs[file] = {
        hadFile: r.hadFile !== false,
        hadStatusLine: r.hadStatusLine,
        ...(r.hadStatusLine ? { original: r.original } : {}),
        command: r.command,
        backup: typeof r.backup === 'string' ? r.backup : null,
        originalSha256: typeof r.originalSha256 === 'string' ? r.originalSha256 : null,
        writtenSha256: r.writtenSha256,
        installedAt: typeof r.installedAt === 'string' ? r.installedAt : '',
      };
    }
    return { version: 1, installs };
  } catch {
    return null;
  }
}

/** For install and uninstall. A file that does not parse is set aside (kept for the user), never overwritten. */
export async function loadInstallState(dataDir: string, now: () => number = Date.now): Promise<InstallState> {
  const file = installStateFile(dataDir);
  const text = await fsp.readFile(file, 'utf8').catch(() => null);
  if (text === null) return { version: 1, installs: {} };
  const parsed = parseInstallState(text);
  if (parsed) return parsed;
  await fsp.rename(file, `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`);
  return { version: 1, installs: {} };
}

/**
 * The command install found and chained for this settings file, if any. Synchronous and tiny: it
 * runs on the status-line hot path.
 */
export function chainedCommand(dataDir: string, settingsFile: string): string | null {
  let text: string;
  try {
    text = readFileSync(installStateFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  const rec = parseInstallState(text)?.installs[settingsFile];
  if (!rec?.hadStatusLine || !isRecord(rec.original)) return null;
  const cmd = rec.original.command;
  return typeof cmd === 'string' && cmd.trim() !== '' && !isBrimlineCommand(cmd) ? cmd : null;
}
