#!/usr/bin/env node
/**
 * `node scripts/require-keytar.mjs [--project <dir>]`: the first step of `npm run dist` and
 * `npm run check:package`. keytar is an optional dependency, so `npm ci` succeeds without its
 * native module (no libsecret headers, no compiler), and the app then keeps secrets in memory
 * only. That is right for a contributor, never for a release: this refuses, before anything is
 * built, unless keytar is installed, its native module is built, and it loads.
 *
 * Exits 0 when it is; otherwise prints what is missing and the command that fixes it, exits 1.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NATIVE_MODULE = path.join('node_modules', 'keytar', 'build', 'Release', 'keytar.node');

/** The command that makes keytar build on each platform, then the reinstall that builds it. */
export function keytarFix(platform) {
  if (platform === 'linux') {
    return 'install libsecret\u2019s development files (Debian/Ubuntu: sudo apt-get install libsecret-1-dev; Fedora: sudo dnf install libsecret-devel), then run npm ci again';
  }
  if (platform === 'darwin') return 'install the Xcode command line tools (xcode-select --install), then run npm ci again';
  if (platform === 'win32') return 'install Visual Studio Build Tools with "Desktop development with C++", then run npm ci again';
  return 'install the tools node-gyp needs to build keytar, then run npm ci again';
}

/**
 * Why keytar cannot go into a package built from `projectDir`, or null when it can.
 * A module built for Electron (by an earlier `npm run dist`, whose install-app-deps rebuilds it)
 * does not load in Node, with a NODE_MODULE_VERSION error: it is built, which is what packaging needs.
 */
export function keytarProblem(projectDir) {
  const nativeFile = path.join(projectDir, NATIVE_MODULE);
  if (!existsSync(path.join(projectDir, 'node_modules', 'keytar', 'package.json'))) {
    return 'keytar is not installed (npm skips this optional dependency when its native module fails to build)';
  }
  if (!existsSync(nativeFile)) return `keytar's native module was not built (${NATIVE_MODULE} is missing)`;
  try {
    createRequire(path.join(projectDir, 'package.json'))('keytar');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/NODE_MODULE_VERSION/.test(message)) return null;
    return `keytar's native module does not load (${message.split('\n')[0]})`;
  }
  return null;
}

function main(argv) {
  const at = argv.indexOf('--project');
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const projectDir = at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]) : here;
  const problem = keytarProblem(projectDir);
  if (problem === null) return 0;
  process.stderr.write(
    `Refusing to package: ${problem}. A release without keytar would keep every user's keys in memory only.\n` +
      `Fix: ${keytarFix(process.platform)}.\n`,
  );
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
