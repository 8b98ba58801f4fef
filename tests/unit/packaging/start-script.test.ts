import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve(__dirname, '../../../scripts/start.mjs');

interface NamespaceFacts {
  platform: NodeJS.Platform;
  apparmorRestrictUserns: string | null;
  usernsClone: string | null;
  sandbox: { uid: number; mode: number } | null;
  sandboxPath: string;
  args: string[];
}
interface StartModule {
  electronExecutable(platform: NodeJS.Platform): string;
  findElectronBinary(env: NodeJS.ProcessEnv, dir: string | null, platform: NodeJS.Platform, exists: (p: string) => boolean): string | null;
  userNamespaceProblem(facts: NamespaceFacts): string | null;
  isMainModule(argv1: string | undefined, moduleUrl: string): boolean;
}
const load = async (): Promise<StartModule> => (await import(pathToFileURL(script).href)) as StartModule;

async function start(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  scriptPath = script,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [scriptPath, ...args], { env: { ...process.env, ...env }, timeout: 20_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without an Electron binary: a clear message naming ELECTRON_MIRROR and the CLI, exit 1, no stack trace', async () => {
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'nothing-here'), BRIMLINE_SKIP_ELECTRON_DOWNLOAD: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the Electron binary is not installed and could not be downloaded');
    expect(r.stderr).toContain('ELECTRON_MIRROR=');
    expect(r.stderr).toContain('npm run --silent brimline -- status');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('with a binary: launches it on the project with the arguments given, and passes its exit code on', async () => {
    // Electron's path.txt names the executable inside the dist folder.
    const pathTxt = path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt');
    let exe = 'electron';
    try {
      exe = readFileSync(pathTxt, 'utf8').trim() || exe;
    } catch {
      /* not installed: the default name is used */
    }
    const fake = path.join(dir, exe);
    const record = path.join(dir, 'args.txt');
    writeFileSync(fake, `#!/bin/sh\necho "$@" > "${record}"\nexit 7\n`);
    chmodSync(fake, 0o755);
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: dir, BRIMLINE_START_NO_BUILD: '1' }, ['--flag']);
    expect(r.code).toBe(7);
    expect(readFileSync(record, 'utf8').trim()).toBe(`${path.resolve(__dirname, '../../..')} --flag`);
  });
});

describe('npm start: pure decisions', () => {
  it('finds an override dist laid out for macOS, Windows or Linux when there is no path.txt', async () => {
    const m = await load();
    const dist = path.join(path.sep, 'opt', 'electron-dist');
    const present = (wanted: string) => (p: string) => p === wanted;
    const mac = path.join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
    expect(m.findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, null, 'darwin', present(mac))).toBe(mac);
    const win = path.join(dist, 'electron.exe');
    expect(m.findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, null, 'win32', present(win))).toBe(win);
    const linux = path.join(dist, 'electron');
    expect(m.findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, null, 'linux', present(linux))).toBe(linux);
    // The Linux name on macOS is not an Electron binary.
    expect(m.findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist }, null, 'darwin', present(linux))).toBeNull();
  });

  const ubuntu2404: NamespaceFacts = {
    platform: 'linux',
    apparmorRestrictUserns: '1\n',
    usernsClone: null,
    sandbox: { uid: 1000, mode: 0o100755 },
    sandboxPath: '/home/me/brimline/node_modules/electron/dist/chrome-sandbox',
    args: [],
  };

  it('on Ubuntu 24.04 with a chrome-sandbox that is not setuid root: explains and prints both fixes', async () => {
    const m = await load();
    const msg = m.userNamespaceProblem(ubuntu2404);
    expect(msg).toContain('kernel.apparmor_restrict_unprivileged_userns = 1');
    expect(msg).toContain(`sudo chown root:root '${ubuntu2404.sandboxPath}' && sudo chmod 4755 '${ubuntu2404.sandboxPath}'`);
    expect(msg).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
    expect(m.userNamespaceProblem({ ...ubuntu2404, sandbox: null })).toContain('chrome-sandbox is missing');
  });

  it('on a kernel with unprivileged_userns_clone = 0: the matching sysctl', async () => {
    const m = await load();
    const msg = m.userNamespaceProblem({ ...ubuntu2404, apparmorRestrictUserns: null, usernsClone: '0\n' });
    expect(msg).toContain('kernel.unprivileged_userns_clone = 0');
    expect(msg).toContain('sudo sysctl -w kernel.unprivileged_userns_clone=1');
  });

  it('says nothing when Electron will start', async () => {
    const m = await load();
    // setuid root helper
    expect(m.userNamespaceProblem({ ...ubuntu2404, sandbox: { uid: 0, mode: 0o104755 } })).toBeNull();
    // root-owned but not setuid is still a problem
    expect(m.userNamespaceProblem({ ...ubuntu2404, sandbox: { uid: 0, mode: 0o100755 } })).not.toBeNull();
    // namespaces allowed, or the knobs absent (most distributions)
    expect(m.userNamespaceProblem({ ...ubuntu2404, apparmorRestrictUserns: '0\n' })).toBeNull();
    expect(m.userNamespaceProblem({ ...ubuntu2404, apparmorRestrictUserns: null, usernsClone: '1' })).toBeNull();
    expect(m.userNamespaceProblem({ ...ubuntu2404, apparmorRestrictUserns: null })).toBeNull();
    // other platforms, or the sandbox switched off
    expect(m.userNamespaceProblem({ ...ubuntu2404, platform: 'darwin' })).toBeNull();
    expect(m.userNamespaceProblem({ ...ubuntu2404, args: ['--no-sandbox'] })).toBeNull();
  });

  it('recognises itself when run through a symlink', async () => {
    const m = await load();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-start-link-'));
    try {
      const link = path.join(dir, 'start.mjs');
      symlinkSync(script, link);
      expect(m.isMainModule(link, pathToFileURL(script).href)).toBe(true);
      expect(m.isMainModule(script, pathToFileURL(script).href)).toBe(true);
      expect(m.isMainModule(path.join(dir, 'other.mjs'), pathToFileURL(script).href)).toBe(false);
      expect(m.isMainModule(undefined, pathToFileURL(script).href)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start: end to end', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('run through a symlink, it does not exit silently', async () => {
    const link = path.join(dir, 'start-link.mjs');
    symlinkSync(script, link);
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'nothing-here'), BRIMLINE_SKIP_ELECTRON_DOWNLOAD: '1' }, [], link);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the Electron binary is not installed');
  });

  it.runIf(process.platform === 'linux')(
    'prints the user-namespace fix before launching Electron (read from the /proc files)',
    async () => {
      const proc = path.join(dir, 'proc');
      mkdirSync(proc);
      writeFileSync(path.join(proc, 'apparmor_restrict_unprivileged_userns'), '1\n');
      const fake = path.join(dir, 'electron');
      writeFileSync(fake, '#!/bin/sh\necho launched >&2\nexit 0\n');
      chmodSync(fake, 0o755);
      writeFileSync(path.join(dir, 'chrome-sandbox'), '');
      const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: dir, BRIMLINE_START_NO_BUILD: '1', BRIMLINE_PROC_SYS_KERNEL: proc });
      expect(r.code).toBe(0);
      const fix = r.stderr.indexOf(`sudo chmod 4755 '${path.join(dir, 'chrome-sandbox')}'`);
      expect(fix).toBeGreaterThan(-1);
      expect(r.stderr.indexOf('launched')).toBeGreaterThan(fix);
    },
  );
});
