#!/usr/bin/env node
/**
 * `npm start`: build with electron-vite, then launch Electron on the build.
 *
 * Electron's package downloads its binary lazily on first `require('electron')`, which hangs or
 * throws a stack trace on a machine with no route to the download host. So the binary is located
 * here without requiring the package: ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron's
 * path.txt + dist/. When it is missing, one download attempt runs with a time limit and its output
 * hidden; if that fails, a short message says what to do instead, and the exit code is 1.
 *
 * On Linux systems that restrict unprivileged user namespaces (Ubuntu 24.04's AppArmor default),
 * Electron aborts at once unless chrome-sandbox is setuid root; that case is detected and the fix
 * printed before launching. The decisions are pure functions, unit-tested with /proc contents passed in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const DOWNLOAD_TIMEOUT_MS = Number(process.env.BRIMLINE_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Where the executable sits inside an Electron dist folder, as electron/install.js lays it out. */
export function electronExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return path.join('Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron executable, or null when it is not on disk. Never triggers a download.
 * path.txt (written by Electron's download) names it; an override dist without a download has no
 * path.txt, so the platform's own layout is used.
 */
export function findElectronBinary(env = process.env, dir = electronDir(), platform = process.platform, exists = existsSync) {
  const pathFile = dir ? path.join(dir, 'path.txt') : null;
  const rel = pathFile && exists(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || electronExecutable(platform));
    return exists(p) ? p : null;
  }
  if (!dir || !rel) return null;
  const p = path.join(dir, 'dist', rel);
  return exists(p) ? p : null;
}

/**
 * Why Electron would abort at start on this Linux system, with the fix, or null when it will not.
 * Chromium needs either unprivileged user namespaces or a setuid-root chrome-sandbox. Ubuntu 24.04
 * restricts the former through AppArmor (kernel.apparmor_restrict_unprivileged_userns = 1), older
 * Debian kernels through kernel.unprivileged_userns_clone = 0.
 *
 * @param {object} facts
 * @param {NodeJS.Platform} facts.platform
 * @param {string | null} facts.apparmorRestrictUserns contents of /proc/sys/kernel/apparmor_restrict_unprivileged_userns, null if absent
 * @param {string | null} facts.usernsClone contents of /proc/sys/kernel/unprivileged_userns_clone, null if absent
 * @param {{ uid: number, mode: number } | null} facts.sandbox stat of chrome-sandbox next to the binary, null if absent
 * @param {string} facts.sandboxPath
 * @param {string[]} facts.args arguments passed on to Electron
 */
export function userNamespaceProblem({ platform, apparmorRestrictUserns, usernsClone, sandbox, sandboxPath, args }) {
  if (platform !== 'linux') return null;
  if (args.includes('--no-sandbox')) return null;
  const apparmor = apparmorRestrictUserns?.trim() === '1';
  const cloneOff = usernsClone?.trim() === '0';
  if (!apparmor && !cloneOff) return null;
  const setuidRoot = sandbox !== null && sandbox.uid === 0 && (sandbox.mode & 0o4000) !== 0;
  if (setuidRoot) return null;
  const cause = apparmor
    ? 'this system restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, the Ubuntu 24.04 default)'
    : 'this system disables unprivileged user namespaces (kernel.unprivileged_userns_clone = 0)';
  const sysctl = apparmor ? 'kernel.apparmor_restrict_unprivileged_userns=0' : 'kernel.unprivileged_userns_clone=1';
  return [
    '',
    `Electron's sandbox cannot start: ${cause}, and ${sandbox === null ? 'chrome-sandbox is missing' : 'chrome-sandbox is not setuid root'}.`,
    'Electron will abort with "The SUID sandbox helper binary was found, but is not configured correctly".',
    '',
    'To fix it, either:',
    '  • make the sandbox helper setuid root (once per Electron install):',
    `      sudo chown root:root '${sandboxPath}' && sudo chmod 4755 '${sandboxPath}'`,
    '  • or allow user namespaces until the next reboot:',
    `      sudo sysctl -w ${sysctl}`,
    '',
    'The deb package is not affected: it installs an AppArmor profile for Brimline.',
    '',
  ].join('\n');
}

function readOrNull(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function sandboxFacts(binary, args) {
  const sandboxPath = path.join(path.dirname(binary), 'chrome-sandbox');
  let sandbox = null;
  try {
    const st = statSync(sandboxPath);
    sandbox = { uid: st.uid, mode: st.mode };
  } catch {
    sandbox = null;
  }
  const proc = process.env.BRIMLINE_PROC_SYS_KERNEL ?? '/proc/sys/kernel';
  return {
    platform: process.platform,
    apparmorRestrictUserns: readOrNull(path.join(proc, 'apparmor_restrict_unprivileged_userns')),
    usernsClone: readOrNull(path.join(proc, 'unprivileged_userns_clone')),
    sandbox,
    sandboxPath,
    args,
  };
}

/** True when this file is the script node was asked to run, also through a symlink (npm bin links, a symlinked checkout). */
export function isMainModule(argv1, moduleUrl, realpath = realpathSync) {
  if (!argv1) return false;
  const self = fileURLToPath(moduleUrl);
  if (path.resolve(argv1) === self) return true;
  try {
    return realpath(path.resolve(argv1)) === realpath(self);
  } catch {
    return false;
  }
}

function tryDownload(dir) {
  if (!dir || process.env.BRIMLINE_SKIP_ELECTRON_DOWNLOAD === '1') return false;
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
      'Brimline cannot start: the Electron binary is not installed and could not be downloaded.',
      '',
      'To fix it, either:',
      '  • point Electron at a mirror you can reach and reinstall it:',
      '      ELECTRON_MIRROR=https://your-mirror.example/electron/ npx install-electron',
      '  • or use an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
      '',
      'Without Electron you can still see your usage from the terminal:',
      '  npm run --silent brimline -- status',
      '',
    ].join('\n'),
  );
}

function build() {
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const res = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write('\nThe build failed (see above); Brimline was not started.\n');
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
  // BRIMLINE_START_NO_BUILD=1 launches the existing out/ build as it is.
  if (process.env.BRIMLINE_START_NO_BUILD !== '1') build();
  // A warning, not a refusal: an AppArmor profile for this Electron would make it start after all.
  const problem = userNamespaceProblem(sandboxFacts(binary, process.argv.slice(2)));
  if (problem) process.stderr.write(problem);
  launch(binary);
}

if (isMainModule(process.argv[1], import.meta.url)) main();
