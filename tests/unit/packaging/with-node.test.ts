/**
 * scripts/with-node, run for real in a copy of the repository with its own .nvmrc and a stand-in
 * `npm` on PATH that "packs" a tiny fake Node, so nothing is downloaded and the test does not
 * depend on the Node or npm of this machine.
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve(__dirname, '../../../scripts/with-node');

const FAKE_NPM = `#!/bin/sh
echo "$*" >> "$FAKE_NPM_LOG"
case "$1" in
  pack)
    [ -n "$FAKE_NPM_FAIL" ] && exit 1
    for spec; do :; done
    name="\${spec%@*}"; version="\${spec##*@}"
    mkdir -p stage/package/bin
    # A stand-in Node: its version, the rename with-node asks it for (node -e CODE FROM TO), or what it ran.
    printf '#!/bin/sh\\ncase "$1" in --version) echo v%s ;; -e) mv "$3" "$4" ;; *) echo "node v%s ran $*" ;; esac\\n' "$version" "$version" > stage/package/bin/node
    chmod +x stage/package/bin/node
    mkdir -p stage/package/include/node
    tar -czf "$name-$version.tgz" -C stage package && rm -rf stage
    echo "$name-$version.tgz" ;;
  root) echo "$FAKE_NPM_ROOT" ;;
  *) exit 2 ;;
esac
`;

describe.skipIf(process.platform === 'win32')('scripts/with-node', () => {
  let dir: string;
  let cache: string;
  let log: string;
  let npmRoot: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-with-node-'));
    mkdirSync(path.join(dir, 'repo', 'scripts'), { recursive: true });
    copyFileSync(script, path.join(dir, 'repo', 'scripts', 'with-node'));
    chmodSync(path.join(dir, 'repo', 'scripts', 'with-node'), 0o755);
    writeFileSync(path.join(dir, 'repo', '.nvmrc'), '26.12.1\n');
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'npm'), FAKE_NPM, { mode: 0o755 });
    npmRoot = path.join(dir, 'global');
    mkdirSync(path.join(npmRoot, 'npm', 'bin'), { recursive: true });
    for (const f of ['npm-cli.js', 'npx-cli.js']) writeFileSync(path.join(npmRoot, 'npm', 'bin', f), '');
    cache = path.join(dir, 'cache');
    log = path.join(dir, 'npm.log');
    env = {
      PATH: [path.join(dir, 'bin'), '/usr/bin', '/bin'].join(':'),
      HOME: dir,
      BRIMLINE_NODE_CACHE: cache,
      FAKE_NPM_LOG: log,
      FAKE_NPM_ROOT: npmRoot,
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function withNode(args: string[], extra: NodeJS.ProcessEnv = {}) {
    try {
      const r = await run(path.join(dir, 'repo', 'scripts', 'with-node'), args, { env: { ...env, ...extra }, timeout: 20_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const packs = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('pack'))
      : [];

  it('fetches the Node of .nvmrc once into the cache with npm pack, then runs commands with it', async () => {
    const first = await withNode(['node', '--version']);
    expect(first).toMatchObject({ code: 0, stdout: 'v26.12.1\n' });
    expect(first.stderr).toMatch(/^with-node: fetching node-(linux|darwin)-(x64|arm64)@26\.12\.1 into .*\/cache\/node-26\.12\.1\n$/);
    expect(packs()).toEqual([expect.stringMatching(/^pack --silent node-(linux|darwin)-(x64|arm64)@26\.12\.1$/)]);
    const second = await withNode(['node', '--version']);
    expect(second).toEqual({ code: 0, stdout: 'v26.12.1\n', stderr: '' });
    expect(packs()).toHaveLength(1);
    // Nothing half-fetched is left beside it.
    expect(readdirSync(cache)).toEqual(['node-26.12.1']);
  });

  it('puts npm shims and that Node first on PATH, and points node-gyp at its headers', async () => {
    const home = path.join(cache, 'node-26.12.1');
    const r = await withNode(['sh', '-c', 'command -v npm; command -v node; echo "$npm_config_nodedir"; npm ci --no-audit']);
    expect(r.stdout.split('\n')).toEqual([
      path.join(home, 'shims', 'npm'),
      path.join(home, 'package', 'bin', 'node'),
      path.join(home, 'package'),
      `node v26.12.1 ran ${path.join(npmRoot, 'npm', 'bin', 'npm-cli.js')} ci --no-audit`,
      '',
    ]);
  });

  it('--env prints the same PATH and nodedir for eval', async () => {
    const r = await withNode(['--env']);
    const home = path.join(cache, 'node-26.12.1');
    expect(r.stdout).toContain(`export PATH=${path.join(home, 'shims')}:${path.join(home, 'package', 'bin')}:`);
    expect(r.stdout).toContain(`export npm_config_nodedir=${path.join(home, 'package')}\n`);
  });

  it('fetches again a cached Node that does not run or is another version', async () => {
    await withNode(['node', '--version']);
    writeFileSync(path.join(cache, 'node-26.12.1', 'package', 'bin', 'node'), '#!/bin/sh\necho v20.0.0\n');
    const r = await withNode(['node', '--version']);
    expect(r).toMatchObject({ code: 0, stdout: 'v26.12.1\n' });
    expect(packs()).toHaveLength(2);
  });

  it('takes another exact version from BRIMLINE_NODE_VERSION (CI on the oldest supported Node)', async () => {
    const r = await withNode(['node', '--version'], { BRIMLINE_NODE_VERSION: '22.12.0' });
    expect(r).toMatchObject({ code: 0, stdout: 'v22.12.0\n' });
  });

  it('refuses a version that is not exact, and says when npm pack fails, leaving no half copy', async () => {
    writeFileSync(path.join(dir, 'repo', '.nvmrc'), '26\n');
    const loose = await withNode(['node', '--version']);
    expect(loose.code).toBe(1);
    expect(loose.stderr).toBe("with-node: the Node version must be exact, such as 26.12.1, not '26' (.nvmrc, BRIMLINE_NODE_VERSION)\n");
    writeFileSync(path.join(dir, 'repo', '.nvmrc'), '26.12.1\n');
    const failed = await withNode(['node', '--version'], { FAKE_NPM_FAIL: '1' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/with-node: npm pack node-\w+-\w+@26\.12\.1 failed\n$/);
    expect(readdirSync(cache)).toEqual([]);
  });
});
