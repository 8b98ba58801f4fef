/**
 * The `brimline` bin on a Node older than it supports: the pure check with made-up
 * `process.versions`, then the built bin under a real old Node (Debian's /usr/bin/node is 20 here).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../../../electron/core/cli/node-version';
import { nodeTooOldMessage } from '../../../../electron/core/cli/node-version-message';
import { buildCli } from '../statusline/helpers';

const run = promisify(execFile);

describe('nodeTooOld', () => {
  it('refuses every version below the minimum, by major, then minor, then patch', () => {
    for (const node of ['20.20.2', '21.99.99', '22.11.0', '22.0.5', '18.0.0']) {
      expect(nodeTooOld({ node }, '22.12.0'), node).toEqual({ needed: '22.12.0', found: node });
    }
    expect(nodeTooOld({ node: '22.12.0' }, '22.12.1')).toEqual({ needed: '22.12.1', found: '22.12.0' });
  });

  it('accepts the minimum itself and anything newer, prereleases included', () => {
    for (const node of ['22.12.0', '22.12.1', '22.13.0', '23.0.0', '24.11.1', '26.12.1', '27.0.0-pre']) {
      expect(nodeTooOld({ node }, '22.12.0'), node).toBeNull();
    }
  });

  it('lets a runtime with an unreadable version through rather than refusing a Node it cannot judge', () => {
    expect(nodeTooOld({}, '22.12.0')).toBeNull();
    expect(nodeTooOld({ node: 'bun' }, '22.12.0')).toBeNull();
  });

  it('says both versions and which node it was, in the system language', () => {
    const problem = { needed: '22.12.0', found: '20.20.2' };
    expect(nodeTooOldMessage(problem, '/usr/bin/node', { LANG: 'en_GB.UTF-8' })).toBe(
      'brimline needs Node.js 22.12.0 or later, and /usr/bin/node is Node.js 20.20.2. Install a current Node.js (26 is recommended).',
    );
    expect(nodeTooOldMessage(problem, '/usr/bin/node', { LC_ALL: 'fr_CA.UTF-8' })).toMatch(
      /^brimline demande Node\.js 22\.12\.0 ou plus récent, et \/usr\/bin\/node est Node\.js 20\.20\.2\./,
    );
  });
});

/** A Node on this machine older than the bin allows, if any (BRIMLINE_TEST_OLD_NODE names one). */
function findOldNode(): string | null {
  for (const candidate of [process.env.BRIMLINE_TEST_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
      if (nodeTooOld({ node: version }, '22.12.0')) return candidate;
    } catch {
      // not a runnable Node: try the next one
    }
  }
  return null;
}

const oldNode = findOldNode();
const REASON = oldNode ? '' : ' (skipped: no Node older than 22.12 here; BRIMLINE_TEST_OLD_NODE=/path/to/node runs it)';

describe.skipIf(!oldNode)(`the built bin under a real old Node${REASON}`, () => {
  let bin: string;
  beforeAll(() => {
    bin = buildCli();
  }, 60_000);
  afterAll(() => rmSync(path.dirname(bin), { recursive: true, force: true }));

  it('prints one line naming the Node it needs and the one it found, exit 1, no stack trace', async () => {
    const version = execFileSync(oldNode!, ['--version'], { encoding: 'utf8' }).trim().slice(1);
    for (const args of [['status'], ['statusline'], []]) {
      const r = await run(oldNode!, [bin, ...args], { env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `brimline needs Node.js 22.12.0 or later, and ${oldNode} is Node.js ${version}. Install a current Node.js (26 is recommended).\n`,
      );
    }
  });

  it('runs as usual on this Node', async () => {
    const r = await run(process.execPath, [bin, 'help']);
    expect(r.stdout).toMatch(/^Usage: brimline <command>/);
  });
});
