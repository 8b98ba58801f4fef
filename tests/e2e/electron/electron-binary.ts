/** Finds the Electron executable without requiring the `electron` package (which would try to download it). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || (rel ? path.join(dir, 'dist') : null);
  if (!distDir) return null;
  // Without a download there is no path.txt: use the platform's layout (as electron/install.js writes it).
  const platformExe =
    process.platform === 'darwin'
      ? path.join('Electron.app', 'Contents', 'MacOS', 'Electron')
      : process.platform === 'win32'
        ? 'electron.exe'
        : 'electron';
  const exe = path.join(distDir, rel || platformExe);
  return existsSync(exe) ? exe : null;
}
