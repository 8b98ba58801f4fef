/**
 * The release guard (scripts/require-keytar.mjs), run for real against temporary projects whose
 * keytar is missing, unbuilt, broken or fine, so the result does not depend on this machine's keytar.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const script = path.join(root, 'scripts', 'require-keytar.mjs');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

type Keytar = 'absent' | 'unbuilt' | 'missing-library' | 'built-for-electron' | 'built';

/** node_modules/keytar as npm leaves it in each case; index.js stands in for keytar's loader. */
function makeKeytar(project: string, state: Keytar): void {
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fixture', private: true }));
  if (state === 'absent') return;
  const dir = path.join(project, 'node_modules', 'keytar');
  mkdirSync(path.join(dir, 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'keytar', version: '7.9.0', main: 'index.js' }));
  const loader: Record<Exclude<Keytar, 'absent'>, string> = {
    unbuilt: `require('./build/Release/keytar.node');`,
    'missing-library': `throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');`,
    'built-for-electron': `throw new Error("The module 'keytar.node'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 140.");`,
    built: `module.exports = { getPassword() {} };`,
  };
  writeFileSync(path.join(dir, 'index.js'), loader[state]);
  if (state !== 'unbuilt') writeFileSync(path.join(dir, 'build', 'Release', 'keytar.node'), 'native');
}

async function exec(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const r = await run(cmd, args, { ...opts, timeout: 20_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const guard = (project: string) => exec(process.execPath, [script, '--project', project]);

describe('scripts/require-keytar.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-keytar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a project without keytar: names the package and the command that fixes it', async () => {
    makeKeytar(dir, 'absent');
    const r = await guard(dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      "Refusing to package: keytar is not installed (npm skips this optional dependency when its native module fails to build). A release without keytar would keep every user's keys in memory only.",
    );
    if (process.platform === 'linux') {
      expect(lines[1]).toBe(
        'Fix: install libsecret’s development files (Debian/Ubuntu: sudo apt-get install libsecret-1-dev; Fedora: sudo dnf install libsecret-devel), then run npm ci again.',
      );
    } else expect(lines[1]).toMatch(/^Fix: .*, then run npm ci again\.$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses keytar whose native module was never built, naming the missing file', async () => {
    makeKeytar(dir, 'unbuilt');
    const r = await guard(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `keytar's native module was not built (${path.join('node_modules', 'keytar', 'build', 'Release', 'keytar.node')} is missing)`,
    );
  });

  it('refuses a native module that is there but does not load, with the loader’s reason', async () => {
    makeKeytar(dir, 'missing-library');
    const r = await guard(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("keytar's native module does not load (libsecret-1.so.0: cannot open shared object file");
  });

  it('accepts a module built for Electron by an earlier dist (it does not load in Node, but it is built)', async () => {
    makeKeytar(dir, 'built-for-electron');
    expect(await guard(dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('accepts a built keytar that loads', async () => {
    makeKeytar(dir, 'built');
    expect(await guard(dir)).toMatchObject({ code: 0, stderr: '' });
  });
});

// The package.json scripts themselves, run by sh in a copy of the project whose electron-builder,
// electron-vite and check-package only record that they ran: the guard must stop them all.
describe.skipIf(process.platform === 'win32')('npm run dist / check:package without keytar', () => {
  let dir: string;
  let ran: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-dist-'));
    ran = path.join(dir, 'ran.log');
    mkdirSync(path.join(dir, 'scripts'));
    copyFileSync(script, path.join(dir, 'scripts', 'require-keytar.mjs'));
    writeFileSync(
      path.join(dir, 'scripts', 'check-package.mjs'),
      `import { appendFileSync } from 'node:fs'; appendFileSync(${JSON.stringify(ran)}, 'check-package\\n');`,
    );
    mkdirSync(path.join(dir, 'bin'));
    for (const tool of ['electron-builder', 'electron-vite', 'npm']) {
      writeFileSync(path.join(dir, 'bin', tool), `#!/bin/sh\necho "${tool} $*" >> "${ran}"\n`);
      chmodSync(path.join(dir, 'bin', tool), 0o755);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runScript = (name: string) =>
    exec('sh', ['-c', pkg.scripts[name]!], {
      cwd: dir,
      env: { ...process.env, PATH: [path.join(dir, 'bin'), path.dirname(process.execPath), process.env.PATH].join(path.delimiter) },
    });

  for (const name of ['dist', 'check:package']) {
    it(`${name} stops before anything else runs, with the guard's message`, async () => {
      makeKeytar(dir, 'absent');
      const r = await runScript(name);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^Refusing to package: keytar is not installed/);
      expect(existsSync(ran)).toBe(false);
    });

    it(`${name} goes on to packaging when keytar is built`, async () => {
      makeKeytar(dir, 'built');
      const r = await runScript(name);
      expect(r.code).toBe(0);
      const steps = readFileSync(ran, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.trim());
      expect(steps).toEqual(
        name === 'dist' ? ['electron-builder install-app-deps', 'npm run build', 'electron-builder'] : ['check-package'],
      );
    });
  }
});
