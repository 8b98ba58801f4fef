#!/usr/bin/env node
// The real Claude Code (and ccusage, for the log comparison) for the end-to-end suite in
// tests/e2e/claude-code/. Both are large and only that suite needs them, so they are installed from
// the npm registry into a cache folder outside the project's dependencies, on first use only:
//   ${XDG_CACHE_HOME:-~/.cache}/brimline/claude-code-<version>/
//
//   node scripts/claude-code.mjs            installs if absent, prints the `claude` binary's path
//   node scripts/claude-code.mjs --ccusage  same for ccusage's bin
//   node scripts/claude-code.mjs --test     installs both, builds the CLI, and runs the suite in a
//                                           network namespace that has only loopback
//
// The wrapper package `@anthropic-ai/claude-code` only picks a platform package in a postinstall,
// which npm 11 blocks; the platform package (`@anthropic-ai/claude-code-linux-x64`, …) carries the
// `claude` binary itself, so that is what is installed, with scripts off.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Claude Code release the suite is pinned to; bump it deliberately and rerun the suite. */
export const CLAUDE_CODE_VERSION = '2.1.332';
/** The ccusage release the daily totals are compared with. */
export const CCUSAGE_VERSION = '20.0.24';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function cacheDir() {
  const base = process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'brimline', `claude-code-${CLAUDE_CODE_VERSION}`);
}

function platformPackage() {
  const arch = process.arch;
  if (process.platform === 'linux') {
    // musl systems (Alpine) have no glibc version in the report.
    const report = /** @type {{header?: {glibcVersionRuntime?: string}}} */ (process.report?.getReport() ?? {});
    const musl = !report.header?.glibcVersionRuntime;
    return `@anthropic-ai/claude-code-linux-${arch}${musl ? '-musl' : ''}`;
  }
  if (process.platform === 'darwin') return `@anthropic-ai/claude-code-darwin-${arch}`;
  if (process.platform === 'win32') return `@anthropic-ai/claude-code-win32-${arch}`;
  throw new Error(`claude-code: no Claude Code package for ${process.platform}-${arch}`);
}

function npmCli() {
  // The npm that runs this script (npm_execpath) when there is one, else `npm` on PATH.
  const execpath = process.env['npm_execpath'];
  return execpath && execpath.endsWith('.js') ? [process.execPath, execpath] : ['npm'];
}

/** Installs both packages into the cache folder once; a half-done install never counts as done. */
export function ensureInstalled() {
  const dir = cacheDir();
  const marker = path.join(dir, '.installed');
  if (existsSync(marker)) return dir;
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'brimline-claude-code-cache', private: true }) + '\n');
  const [cmd, ...pre] = npmCli();
  const args = [
    ...pre,
    'install',
    '--prefix',
    staging,
    '--no-save',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `${platformPackage()}@${CLAUDE_CODE_VERSION}`,
    `ccusage@${CCUSAGE_VERSION}`,
  ];
  process.stderr.write(`claude-code: installing Claude Code ${CLAUDE_CODE_VERSION} and ccusage ${CCUSAGE_VERSION} into ${dir}\n`);
  const run = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`claude-code: npm install failed (exit ${run.status ?? run.signal})`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  // Scripts were off, so the bins' modes are whatever the tarballs carried.
  for (const bin of [claudeBinIn(dir), ccusageBinIn(dir)]) chmodSync(bin, 0o755);
  writeFileSync(marker, `${CLAUDE_CODE_VERSION} ${CCUSAGE_VERSION}\n`);
  return dir;
}

function claudeBinIn(dir) {
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  return path.join(dir, 'node_modules', platformPackage(), exe);
}

function ccusageBinIn(dir) {
  const pkgDir = path.join(dir, 'node_modules', 'ccusage');
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.ccusage;
  return path.join(pkgDir, bin);
}

/** Runs the suite inside `unshare -n` (root) or `unshare -rn`, with loopback up and nothing else. */
function runSuite() {
  // Before any download: a machine that cannot run the suite fetches nothing.
  const asRoot = process.getuid?.() === 0;
  const unshare = ['unshare', asRoot ? '-n' : '-rn'];
  const cannot =
    process.platform !== 'linux'
      ? `the suite runs the real client in a Linux network namespace (unshare -n), which ${process.platform} does not have`
      : namespaceProblem(unshare);
  if (cannot) {
    if (process.env['CI'] === 'true') {
      console.error(`claude-code: FAILED: ${cannot}; CI must run this suite, not skip it`);
      process.exit(1);
    }
    console.log(`claude-code: SKIPPED: ${cannot}`);
    return;
  }
  const dir = ensureInstalled();
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const env = {
    ...process.env,
    BRIMLINE_CLAUDE_BIN: claudeBinIn(dir),
    BRIMLINE_CCUSAGE_BIN: ccusageBinIn(dir),
    BRIMLINE_CLAUDE_CODE_VERSION: CLAUDE_CODE_VERSION,
  };
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const inner = `ip link set lo up && exec "${process.execPath}" "${vitest}" run --config tests/e2e/claude-code/vitest.config.ts ${process.argv
    .slice(3)
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ')}`;
  const ns = spawnSync(unshare[0], [...unshare.slice(1), 'sh', '-c', inner], { cwd: root, env, stdio: 'inherit' });
  if (ns.error) {
    console.error(`claude-code: could not start the suite in a network namespace: ${ns.error.message}`);
    process.exit(1);
  }
  process.exit(ns.status ?? 1);
}

/** Why a loopback-only namespace cannot be made here, or null when it can. */
function namespaceProblem(unshare) {
  const probe = spawnSync(unshare[0], [...unshare.slice(1), 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
  if (probe.error) return `\`${unshare.join(' ')}\` cannot run (${probe.error.message}); install util-linux and iproute2`;
  if (probe.status !== 0)
    return `\`${unshare.join(' ')}\` could not make a network namespace with loopback up (${(probe.stderr || '').trim() || `exit ${probe.status}`}); run as root or allow unprivileged user namespaces`;
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--test') runSuite();
  else {
    const dir = ensureInstalled();
    console.log(process.argv[2] === '--ccusage' ? ccusageBinIn(dir) : claudeBinIn(dir));
  }
}
