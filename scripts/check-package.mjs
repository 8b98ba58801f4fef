#!/usr/bin/env node
/**
 * `npm run check:package`: packages Brimline for Linux (`--linux deb dir`) the way `npm run dist`
 * does, but offline, and checks what came out.
 *
 * - Electron's binary cannot be downloaded here, so electron-builder gets a stand-in Electron dist
 *   (`-c.electronDist`): an `electron` executable carrying the fuse wire, so the real fuse flipping
 *   runs, plus `resources/` and the license files.
 * - `fpm` (which electron-builder downloads) is replaced through USE_SYSTEM_FPM=true by a fake one
 *   on PATH that records its arguments and creates the package file.
 * - `-c.npmRebuild=false`: keytar stays built for Node; only its place in the package is checked.
 *
 * Prints one pass/fail table; exits 1 when a check fails (or packaging does).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const asar = require('@electron/asar');
const yaml = require('js-yaml');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const FpmTarget = require('app-builder-lib/out/targets/FpmTarget.js').default;
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants.js');

const started = Date.now();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
/** Packages bundled into the renderer by electron-vite: shipping them in app.asar too is dead weight. */
const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand'];

const work = mkdtempSync(path.join(os.tmpdir(), 'brimline-check-package-'));
const keep = process.env.BRIMLINE_CHECK_PACKAGE_KEEP === '1';

function run(label, cmd, args, env = process.env) {
  const t = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - t;
  return { label, status: res.status ?? 1, output: `${res.stdout ?? ''}${res.stderr ?? ''}`, ms, error: res.error };
}

/** An Electron dist with a fuse wire of 8 fuses, every one "enabled", which electron-builder must flip. */
function makeStandInElectron(dir) {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, 8]), Buffer.alloc(8, FuseState.ENABLE)]);
  const exe = Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in Electron for check:package: '), wire, Buffer.from('\nexit 0\n')]);
  writeFileSync(path.join(dir, 'electron'), exe, { mode: 0o755 });
  writeFileSync(path.join(dir, 'chrome-sandbox'), '', { mode: 0o755 });
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), 'stand-in');
  writeFileSync(path.join(dir, 'version'), pkgVersion('electron'));
}

function pkgVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

/** A fake fpm: records argv (and the .desktop file and after-install script it is given) as JSON, then writes the --package file. */
function makeFakeFpm(binDir, recordFile) {
  mkdirSync(binDir, { recursive: true });
  const script = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const files = {};
for (const a of args) {
  const m = /^(.+)=(\\/usr\\/share\\/applications\\/.+\\.desktop)$/.exec(a);
  if (m) files[m[2]] = fs.readFileSync(m[1], 'utf8');
}
// The after-install script: it links /usr/bin/<name> to the app, which \`brimline --toggle\` relies on.
const at = args.indexOf('--after-install');
const afterInstall = at === -1 ? null : fs.readFileSync(args[at + 1], 'utf8');
fs.writeFileSync(${JSON.stringify(recordFile)}, JSON.stringify({ args, files, afterInstall }));
const out = args[args.indexOf('--package') + 1];
fs.writeFileSync(out, 'fake deb made by check:package\\n');
`;
  writeFileSync(path.join(binDir, 'fpm'), script);
  chmodSync(path.join(binDir, 'fpm'), 0o755);
}

/** Values following each occurrence of `flag` in an argv. */
function flagValues(args, flag) {
  const out = [];
  for (let i = 0; i < args.length - 1; i++) if (args[i] === flag) out.push(args[i + 1]);
  return out;
}

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok: Boolean(ok), detail });
}

function main() {
  const dist = path.join(work, 'electron-dist');
  const bin = path.join(work, 'bin');
  const outDir = path.join(work, 'release');
  const record = path.join(work, 'fpm-args.json');
  makeStandInElectron(dist);
  makeFakeFpm(bin, record);

  const build = run('electron-vite build', process.execPath, [
    path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
    'build',
  ]);
  check('electron-vite build exits 0', build.status === 0, `${(build.ms / 1000).toFixed(1)} s`);
  if (build.status !== 0) return build.output;
  const cli = run('build-cli', process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')]);
  check('the CLI builds (scripts/build-cli.mjs)', cli.status === 0, `${(cli.ms / 1000).toFixed(1)} s`);
  if (cli.status !== 0) return cli.output;

  const builderArgs = [
    require.resolve('electron-builder/cli.js'),
    '--linux',
    'deb',
    'dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${dist}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${outDir}`,
  ];
  const env = {
    ...process.env,
    USE_SYSTEM_FPM: 'true',
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    ELECTRON_BUILDER_OFFLINE: 'true',
  };
  delete env.GH_TOKEN;
  delete env.GITHUB_TOKEN;
  const pack = run('electron-builder', process.execPath, builderArgs, env);
  check('electron-builder --linux deb dir exits 0', pack.status === 0, `${(pack.ms / 1000).toFixed(1)} s`);
  if (pack.status !== 0) return pack.output;

  // The deb, as fpm was asked to make it.
  const recorded = existsSync(record) ? JSON.parse(readFileSync(record, 'utf8')) : null;
  check('fpm was run for the deb', recorded !== null);
  if (recorded) {
    const { args, files, afterInstall } = recorded;
    const depends = flagValues(args, '-d');
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    const missingDefaults = defaults.filter((d) => !depends.includes(d));
    check(
      "deb depends on electron-builder's defaults",
      missingDefaults.length === 0,
      missingDefaults.length ? `missing ${missingDefaults.join(', ')}` : `${defaults.length} packages`,
    );
    const wanted = ['libsecret-1-0', 'libgbm1', 'libgtk-3-0', 'xdg-utils', 'libasound2 | libasound2t64'];
    const missing = wanted.filter((d) => !depends.includes(d));
    check(
      'deb depends on libsecret-1-0, libgbm1, libgtk-3-0, xdg-utils, libasound2',
      missing.length === 0,
      missing.length ? `missing ${missing.join(', ')}` : '',
    );
    check(
      'deb lists exactly electron-builder.yml deb.depends',
      JSON.stringify(depends) === JSON.stringify(config.deb.depends),
      depends.join(' '),
    );
    const debFile = flagValues(args, '--package')[0];
    check('deb file written', debFile && existsSync(debFile), debFile ? path.basename(debFile) : '');
    check(
      'deb has a homepage and maintainer',
      flagValues(args, '--url')[0] === pkg.homepage && flagValues(args, '--maintainer').length === 1,
    );
    check('package.json sets desktopName (Electron derives WM_CLASS from it)', typeof pkg.desktopName === 'string');
    const desktopFile = typeof pkg.desktopName === 'string' ? pkg.desktopName : `${pkg.name}.desktop`;
    const desktopName = desktopFile.replace(/\.desktop$/, '');
    const desktop = files[`/usr/share/applications/${desktopFile}`];
    check(`installs /usr/share/applications/${desktopFile}`, typeof desktop === 'string', Object.keys(files).join(', '));
    check(
      `its StartupWMClass is ${desktopName} (Electron's WM_CLASS)`,
      typeof desktop === 'string' && new RegExp(`^StartupWMClass=${desktopName}$`, 'm').test(desktop),
    );
    // A launch with arguments (`--toggle`, from a desktop's own shortcut) must reach the app.
    check(
      'its Exec line passes arguments to the app (%U)',
      typeof desktop === 'string' && new RegExp(`^Exec=/opt/${pkg.productName}/${pkg.name} %U$`, 'm').test(desktop),
    );
    const link = afterInstall;
    check(
      `the after-install script puts /usr/bin/${pkg.name} on PATH (for \`${pkg.name} --toggle\`)`,
      typeof link === 'string' && link.includes(`'/usr/bin/${pkg.name}'`) && link.includes(`/opt/${pkg.productName}/${pkg.name}`),
    );
  }

  // The unpacked app (shared by the dir target and the deb).
  const appDir = path.join(outDir, 'linux-unpacked');
  const resources = path.join(appDir, 'resources');
  const asarPath = path.join(resources, 'app.asar');
  check('resources/app.asar exists', existsSync(asarPath));
  if (existsSync(asarPath)) {
    const files = new Set(asar.listPackage(asarPath, { isPack: false }).map((f) => f.split(path.sep).join('/')));
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'])
      check(`app.asar holds ${f}`, files.has(f));
    const rendererJs = [...files].filter((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f));
    check('app.asar holds the renderer bundle', rendererJs.length > 0, rendererJs.join(' '));
    const leaked = [...files].filter((f) => f.startsWith('/out/renderer-e2e') || f.startsWith('/out/renderer-web'));
    check('app.asar holds no test or web build', leaked.length === 0, leaked.slice(0, 3).join(' '));
    const dup = RENDERER_PACKAGES.filter((p) => files.has(`/node_modules/${p}`));
    check('no renderer package (react, react-dom, zustand) in app.asar', dup.length === 0, dup.join(', '));
    for (const p of Object.keys(pkg.dependencies)) check(`app.asar holds dependency ${p}`, files.has(`/node_modules/${p}/package.json`));
    // zod is bundled into the main process (a devDependency), and the CLI ships once, as a resource.
    const zodFiles = [...files].filter((f) => f.startsWith('/node_modules/zod/'));
    check('zod is bundled, not shipped as a package in app.asar', zodFiles.length === 0, `${zodFiles.length} files`);
    const cliInAsar = [...files].filter((f) => f.startsWith('/out/cli/'));
    check('the CLI is not in app.asar (it ships in resources/cli)', cliInAsar.length === 0, cliInAsar.slice(0, 2).join(' '));
    const keytarNode = '/node_modules/keytar/build/Release/keytar.node';
    let unpacked = false;
    try {
      unpacked = Boolean(asar.statFile(asarPath, keytarNode.slice(1)).unpacked);
    } catch {
      unpacked = false;
    }
    const onDisk = path.join(`${asarPath}.unpacked`, ...keytarNode.split('/'));
    check(
      'keytar.node is unpacked next to app.asar',
      unpacked && existsSync(onDisk) && statSync(onDisk).size > 0,
      path.relative(appDir, onDisk),
    );
  }
  check('resources/cli/brimline.mjs (the CLI, once)', existsSync(path.join(resources, 'cli', 'brimline.mjs')));
  // Worker threads load the local-logs scan worker by path: it must sit outside app.asar.
  check('resources/cli/scan-worker.mjs (the scan worker, outside app.asar)', existsSync(path.join(resources, 'cli', 'scan-worker.mjs')));
  // The legacy AppImage runtime needs libfuse.so.2, missing on Ubuntu 22.04+ and Debian 13; 1.0.0 and later are static.
  const appimageToolset = String(config.toolsets?.appimage ?? '0.0.0');
  check('AppImage uses the static runtime (toolsets.appimage >= 1.0.0)', Number(appimageToolset.split('.')[0]) >= 1, appimageToolset);
  for (const f of ['trayTemplate.png', 'trayTemplate@2x.png'])
    check(`resources/assets/${f}`, existsSync(path.join(resources, 'assets', f)));
  // Ubuntu 24.04 restricts user namespaces: the deb's after-install script loads this profile so Electron's sandbox starts.
  check('resources/apparmor-profile (for the deb on Ubuntu 24.04)', existsSync(path.join(resources, 'apparmor-profile')));
  const packageType = path.join(resources, 'package-type');
  check(
    'resources/package-type is deb (how the updater knows)',
    existsSync(packageType) && readFileSync(packageType, 'utf8').trim() === 'deb',
  );
  const updateYml = path.join(resources, 'app-update.yml');
  const feed = existsSync(updateYml) ? yaml.load(readFileSync(updateYml, 'utf8')) : null;
  check(
    'resources/app-update.yml points at GitHub',
    feed?.provider === 'github' && typeof feed.owner === 'string' && feed.repo === 'brimline',
    feed ? `${feed.owner}/${feed.repo}` : '',
  );

  // Fuses: the stand-in had every fuse on; electron-builder.yml's values must now be in the binary.
  const exe = path.join(appDir, pkg.name);
  check(`executable is named ${pkg.name}`, existsSync(exe));
  if (existsSync(exe)) {
    const wire = getCurrentFuseWire(exe);
    return wire.then((w) => {
      const names = {
        runAsNode: FuseV1Options.RunAsNode,
        enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
        enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
        enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
        enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
        onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
        loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
        grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
      };
      const wrong = Object.entries(names).filter(([k, i]) => w[i] !== (config.electronFuses[k] ? FuseState.ENABLE : FuseState.DISABLE));
      check('fuses flipped as electron-builder.yml says', wrong.length === 0, wrong.map(([k]) => k).join(', '));
      return null;
    });
  }
  return null;
}

function report(failureOutput) {
  const width = Math.max(...checks.map((c) => c.name.length));
  console.log('\ncheck:package (electron-builder --linux deb dir, offline)\n');
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  if (failureOutput) console.log(`\n--- output of the failing step ---\n${failureOutput.slice(-6000)}`);
  console.log(
    `\n${checks.length - failed}/${checks.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s${keep ? `; kept ${work}` : ''}`,
  );
  if (!keep) rmSync(work, { recursive: true, force: true });
  process.exit(failed > 0 || failureOutput ? 1 : 0);
}

Promise.resolve()
  .then(main)
  .then(
    (out) => report(typeof out === 'string' ? out : null),
    (err) => {
      check('check:package ran to the end', false, err instanceof Error ? err.message : String(err));
      report(null);
    },
  );
