import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve(__dirname, '../../../scripts/start.mjs');

async function start(env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [script, ...args], { env: { ...process.env, ...env }, timeout: 20_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'headroom-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without an Electron binary: a clear message naming ELECTRON_MIRROR and the CLI, exit 1, no stack trace', async () => {
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'nothing-here'), HEADROOM_SKIP_ELECTRON_DOWNLOAD: '1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the Electron binary is not installed and could not be downloaded');
    expect(r.stderr).toContain('ELECTRON_MIRROR=');
    expect(r.stderr).toContain('npm run --silent headroom -- status');
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
    const r = await start({ ELECTRON_OVERRIDE_DIST_PATH: dir, HEADROOM_START_NO_BUILD: '1' }, ['--flag']);
    expect(r.code).toBe(7);
    expect(readFileSync(record, 'utf8').trim()).toBe(`${path.resolve(__dirname, '../../..')} --flag`);
  });
});
