/**
 * The check the issue describes, on the built bin: an hour of `brimline statusline` calls under
 * faketime (nothing else running meanwhile), then one `brimline status --json`. The status line's
 * trail carries the hour into the history, so pace and forecast are there on the first status call.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, FIXTURE, tempDirs } from './helpers';

const T0 = Date.parse('2026-07-03T10:00:00Z');
const MIN = 60_000;
const SESSION_RESET_S = (T0 + 3 * 60 * MIN) / 1000;
const WEEK_RESET_S = (T0 + 3 * 24 * 60 * MIN) / 1000;

function hasFaketime(): boolean {
  try {
    execFileSync('faketime', ['-f', '@2026-07-03 10:00:00', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `faketime -f @<time> node <bin> ...args`, with only the given environment (plus PATH). */
function runAt(
  at: number,
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('faketime', ['-f', `@${stamp(at)}`, process.execPath, bin, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${args.join(' ')}`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

let bin: string;
beforeAll(() => {
  bin = buildCli();
});

// Skipped only on a contributor's machine without faketime; CI (which installs it) runs it, and fails without it.
describe.skipIf(!hasFaketime() && !process.env.CI)('an hour of status line under faketime, then status --json (built bin)', () => {
  it('gives the session window a pace and a forecast that runs out before the reset', async () => {
    const dirs = tempDirs();
    writeFileSync(
      path.join(dirs.data, 'settings.json'),
      JSON.stringify({
        version: 1,
        sources: {
          'claude-oauth': { enabled: false },
          statusline: { enabled: true },
          'claude-cache': { enabled: false },
          'local-logs': { enabled: false },
        },
      }),
    );
    const env = { HOME: dirs.home, BRIMLINE_DATA_DIR: dirs.data, CLAUDE_CONFIG_DIR: dirs.config, TZ: 'UTC', LANG: 'en_US.UTF-8' };
    const payload = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      rate_limits: Record<string, { used_percentage: number; resets_at: number }>;
    };
    for (let m = 0; m <= 60; m += 5) {
      payload.rate_limits.five_hour = { used_percentage: 40 + m / 2, resets_at: SESSION_RESET_S };
      payload.rate_limits.seven_day = { used_percentage: 50 + m / 60, resets_at: WEEK_RESET_S };
      const r = await runAt(T0 + m * MIN, ['statusline'], env, JSON.stringify(payload));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^5h \d+% /);
    }
    const r = await runAt(T0 + 60 * MIN + 30_000, ['status', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      windows: Array<{ id: string; usedPercent: number; pace: unknown; forecast: Record<string, unknown> | null }>;
    };
    const session = out.windows.find((w) => w.id === 'session')!;
    expect(session.usedPercent).toBe(70);
    expect(session.pace).toMatchObject({ expectedPercent: expect.any(Number), deltaPercent: expect.any(Number) });
    expect(session.forecast).not.toBeNull();
    expect(session.forecast!.lastsUntilReset).toBe(false);
    const runsOut = Date.parse(String(session.forecast!.runsOutAt));
    expect(runsOut).toBeGreaterThan(T0 + 120 * MIN);
    expect(runsOut).toBeLessThan(T0 + 135 * MIN);
    expect(session.forecast!.projectedPercentAtReset).toBeGreaterThan(100);
  });
});
