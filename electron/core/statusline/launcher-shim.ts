/**
 * The stable launcher Claude Code's settings.json points at: `<dataDir>/bin/brimline` (and
 * `brimline.cmd` on Windows). App updates move the real CLI (a new app bundle, a new Node, a
 * rebuilt checkout), so the settings file never names it; Brimline rewrites this small script to
 * point at whatever runs the CLI now, each time the app starts or `statusline install` runs.
 *
 * The script also pins `BRIMLINE_DATA_DIR` to the folder it lives in, so observations land where the
 * app that installed it reads them, whatever Claude Code's environment says.
 */
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../platform/fs/atomic';
import { FILES } from '../platform/paths';

/** How to start the CLI: `executable ...args <user args>`, with `env` added. */
export interface LaunchTarget {
  executable: string;
  args: string[];
  env?: Record<string, string>;
}

export function shimPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(dataDir, FILES.bin, platform === 'win32' ? 'brimline.cmd' : 'brimline');
}

/** POSIX sh single quotes: nothing inside is special except the quote itself. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** cmd.exe: double quotes, and `%` doubled so no variable is expanded inside a path. */
function cmdQuote(s: string): string {
  return `"${s.replace(/%/g, '%%').replace(/"/g, '')}"`;
}

export function shimText(dataDir: string, target: LaunchTarget, platform: NodeJS.Platform = process.platform): string {
  const env: Record<string, string> = { BRIMLINE_DATA_DIR: dataDir, ...target.env };
  if (platform === 'win32') {
    const sets = Object.entries(env).map(([k, v]) => `set "${k}=${v.replace(/%/g, '%%')}"`);
    const cmd = [target.executable, ...target.args].map(cmdQuote).join(' ');
    return [
      '@echo off',
      'rem Written by Brimline, rewritten when it starts; Claude Code runs this.',
      'setlocal',
      ...sets,
      `${cmd} %*`,
      '',
    ].join('\r\n');
  }
  const exports = Object.entries(env).map(([k, v]) => `${k}=${shQuote(v)}; export ${k}`);
  const cmd = [target.executable, ...target.args].map(shQuote).join(' ');
  return ['#!/bin/sh', '# Written by Brimline, rewritten when it starts; Claude Code runs this.', ...exports, `exec ${cmd} "$@"`, ''].join(
    '\n',
  );
}

/** (Re)writes the launcher atomically, executable; returns its path. */
export async function writeLauncherShim(
  dataDir: string,
  target: LaunchTarget,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const file = shimPath(dataDir, platform);
  await writeFileAtomic(file, shimText(dataDir, target, platform), 0o700);
  return file;
}

/** The packaged app: its own binary run as Node (the `runAsNode` fuse) on the CLI bundle in resources. */
export function packagedAppTarget(execPath: string, resourcesPath: string): LaunchTarget {
  return { executable: execPath, args: [path.join(resourcesPath, 'cli', 'brimline.mjs')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}

/**
 * What runs the CLI in this process: the Electron binary in Node mode, Node on the built bundle,
 * or, from a checkout run through tsx, the built bundle when there is one (tsx is ~10× slower to
 * start, and this runs after every Claude Code response) and tsx otherwise.
 */
export function currentCliTarget(
  entry: string,
  execPath: string = process.execPath,
  versions: NodeJS.ProcessVersions = process.versions,
  platform: NodeJS.Platform = process.platform,
): LaunchTarget {
  const script = safeRealpath(entry);
  if (versions.electron) return { executable: execPath, args: [script], env: { ELECTRON_RUN_AS_NODE: '1' } };
  if (!script.endsWith('.ts')) return { executable: execPath, args: [script] };
  const root = path.resolve(path.dirname(script), '..');
  const built = path.join(root, 'out', 'cli', 'brimline.mjs');
  if (existsSync(built)) return { executable: execPath, args: [built] };
  const tsx = path.join(root, 'node_modules', '.bin', platform === 'win32' ? 'tsx.cmd' : 'tsx');
  return { executable: tsx, args: [script] };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
