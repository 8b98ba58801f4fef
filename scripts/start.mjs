#!/usr/bin/env node
/**
 * `npm start`: build with electron-vite, then launch Electron on the build.
 *
 * Electron's package downloads its binary lazily on first `require('electron')`, which hangs or
 * throws a stack trace on a machine with no route to the download host. So the binary is located
 * here without requiring the package: ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron's
 * path.txt + dist/. When it is missing, one download attempt runs with a time limit and its output
 * hidden; if that fails, a short message says what to do instead, and the exit code is 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const DOWNLOAD_TIMEOUT_MS = Number(process.env.HEADROOM_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable, or null when it is not on disk. Never triggers a download. */
export function findElectronBinary(env = process.env, dir = electronDir()) {
  if (!dir) return null;
  const pathFile = path.join(dir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const p = path.join(dir, 'dist', rel);
  return existsSync(p) ? p : null;
}

function tryDownload(dir) {
  if (!dir || process.env.HEADROOM_SKIP_ELECTRON_DOWNLOAD === '1') return false;
  process.stderr.write('Electron binary not found; trying to download it once…\n');
  const res = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    cwd: dir,
    stdio: 'pipe',
    timeout: DOWNLOAD_TIMEOUT_MS,
    env: process.env,
  });
  return res.status === 0;
}

function explainMissing() {
  process.stderr.write(
    [
      '',
      'Headroom cannot start: the Electron binary is not installed and could not be downloaded.',
      '',
      'To fix it, either:',
      '  • point Electron at a mirror you can reach and reinstall it:',
      '      ELECTRON_MIRROR=https://your-mirror.example/electron/ npx install-electron',
      '  • or use an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
      '',
      'Without Electron you can still see your usage from the terminal:',
      '  npm run --silent headroom -- status',
      '',
    ].join('\n'),
  );
}

function build() {
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const res = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write('\nThe build failed (see above); Headroom was not started.\n');
    process.exit(res.status ?? 1);
  }
}

function launch(binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: process.env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

function main() {
  let binary = findElectronBinary();
  if (!binary) {
    if (tryDownload(electronDir())) binary = findElectronBinary();
    if (!binary) {
      explainMissing();
      process.exit(1);
    }
  }
  // HEADROOM_START_NO_BUILD=1 launches the existing out/ build as it is.
  if (process.env.HEADROOM_START_NO_BUILD !== '1') build();
  launch(binary);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
