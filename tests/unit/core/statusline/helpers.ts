import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../../../..');
export const FIXTURE = path.join(root, 'tests/fixtures/statusline/stdin.rate-limits.v2.1.80.json');

/** Builds the real bin into a private temp dir (the same script `npm run build` runs). */
export function buildCli(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'hr-cli-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs'), '--outdir', out], { cwd: root });
  return path.join(out, 'brimline.mjs');
}

/** The fixture with its reset times moved to `fiveHourInMs` / `sevenDayInMs` from now (the CLI reads the real clock). */
export function fixtureAt(now: number, fiveHourInMs = 72 * 60_000, sevenDayInMs = 3 * 86_400_000): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { rate_limits: Record<string, { resets_at: number }> };
  raw.rate_limits.five_hour!.resets_at = Math.floor((now + fiveHourInMs) / 1000);
  raw.rate_limits.seven_day!.resets_at = Math.floor((now + sevenDayInMs) / 1000);
  return raw;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env: Record<string, string>;
  /** Written to stdin, then stdin is closed; `null` leaves stdin open (a writer that never finishes). */
  input?: string | Buffer | null;
  /** Close our end of stdout at once, so the CLI's first write meets EPIPE. */
  closeStdout?: boolean;
  timeoutMs?: number;
}

/** Runs `node <bin> ...args` with only the given environment (plus PATH), never the developer's. */
export function runBin(bin: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...opts.env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    if (opts.closeStdout) child.stdout.destroy();
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${args.join(' ')}`));
    }, opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    if (opts.input === null) return;
    child.stdin.end(opts.input ?? '');
  });
}

/** Every file under `dir`, with its text, for "this value appears nowhere" checks. */
export function allFiles(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const f = path.join(d, name);
      if (statSync(f).isDirectory()) walk(f);
      else out.push({ file: f, text: readFileSync(f, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

export function tempDirs(): { home: string; data: string; config: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hr-sl-'));
  const home = path.join(base, 'home');
  const data = path.join(base, 'data');
  const config = path.join(base, 'claude-config');
  for (const d of [home, data, config]) mkdirSync(d, { recursive: true });
  return { home, data, config };
}
