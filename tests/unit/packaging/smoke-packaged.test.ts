/**
 * The packaged-build smoke test (scripts/smoke-packaged.mjs) against a stand-in app: a small
 * program that polls the fake usage API, saves a snapshot and keeps a helper process, as the real
 * app keeps its renderer and GPU processes. The real app runs it on the GitHub workflow.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { parsePs, processTree, smoke } from '../../../scripts/smoke-packaged.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-smoke-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function standIn(behaviour: 'polls' | 'dies'): string {
  const exe = path.join(tmp, `stand-in-${behaviour}`);
  const body =
    behaviour === 'dies'
      ? 'process.exit(3);'
      : `const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
fetch(process.env.BRIMLINE_ANTHROPIC_API_URL + '/api/oauth/usage').then((r) => r.json()).then((usage) => {
  fs.mkdirSync(process.env.BRIMLINE_DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(process.env.BRIMLINE_DATA_DIR, 'snapshots.json'), JSON.stringify(usage));
});
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));`;
  writeFileSync(exe, `#!${process.execPath}\n${body}\n`);
  chmodSync(exe, 0o755);
  return exe;
}

describe('packaged smoke test', () => {
  it('waits for the poll and the saved snapshot, then counts the process tree and its memory', async () => {
    const figures = await smoke(standIn('polls'), { idleSeconds: 1 });
    expect(figures.snapshotSaved).toBe(true);
    expect(figures.requests).toBeGreaterThanOrEqual(1);
    // The stand-in and its helper.
    expect(figures.processes).toBe(2);
    expect(figures.rssMiB).toBeGreaterThan(10);
  });

  it('fails, with what the app printed, when the app dies before polling', async () => {
    await expect(smoke(standIn('dies'), { idleSeconds: 1 })).rejects.toThrow(/exited .*before polling/);
  });

  it('walks the tree from the app down, and nothing else', () => {
    const rows = parsePs('  1 0 100\n 10 1 2000\n 11 10 3000\n 12 11 500\n 20 1 9999\n garbage\n');
    expect(processTree(rows, 10).map((p: { pid: number }) => p.pid)).toEqual([10, 11, 12]);
  });
});
