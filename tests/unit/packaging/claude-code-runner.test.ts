/**
 * `npm run test:claude-code` where it cannot run: it says why and downloads nothing, and under CI
 * it fails instead of skipping (the real-client suite itself lives in tests/e2e/claude-code/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const SCRIPT = path.resolve(__dirname, '../../../scripts/claude-code.mjs');
const AS_DARWIN = `data:text/javascript,Object.defineProperty(process,'platform',{value:'darwin'})`;

function runOnDarwin(env: Record<string, string>): { status: number | null; out: string; cache: string } {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'brimline-cc-cache-'));
  const r = spawnSync(process.execPath, ['--import', AS_DARWIN, SCRIPT, '--test'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: cache, XDG_CACHE_HOME: cache, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: r.status, out: r.stdout + r.stderr, cache };
}

describe('scripts/claude-code.mjs --test without a Linux network namespace', () => {
  test('a contributor gets a clear skip and no download', () => {
    const r = runOnDarwin({});
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/SKIPPED: .*network namespace.*darwin/);
    expect(readdirSync(r.cache)).toEqual([]);
  });

  test('CI fails rather than skip', () => {
    const r = runOnDarwin({ CI: 'true' });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAILED: .*CI must run this suite/);
    expect(readdirSync(r.cache)).toEqual([]);
  });
});
