/**
 * `brimline status --watch` as a real process (the built bin): signals, a reader that goes away,
 * and how soon a status-line write reaches its output.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../statusline/helpers';
import { until, watchDirs, writeStatusline } from './watch-helpers';

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 60_000);

interface Watcher {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWatcher(env: Record<string, string>, args: string[]): Watcher {
  const child = spawn(process.execPath, [bin, 'status', '--watch', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, out: () => out, err: () => err, exited };
}

describe('brimline status --watch, a real process', () => {
  it('exits 0 on SIGTERM and on SIGINT, without a word on stderr', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const w = startWatcher(env, ['--format', 'text']);
      await until(() => w.out().includes('\n'), 15_000);
      w.child.kill(signal);
      expect(await w.exited).toEqual({ code: 0, signal: null });
      expect(w.err()).toBe('');
    }
  }, 40_000);

  it('a status-line write reaches its output within 1.5 s', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    const w = startWatcher(env, ['--format', 'waybar']);
    await until(() => w.out().includes('\n'), 15_000);
    const written = Date.now();
    await writeStatusline(env, 77, 60);
    await until(() => w.out().includes('"5h 77%"'), 1500);
    const latency = Date.now() - written;
    expect(latency).toBeLessThan(1500);
    w.child.kill('SIGTERM');
    expect((await w.exited).code).toBe(0);
  }, 30_000);

  it('piped into `head -n 1`: ends quietly at its next write once head has gone', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    const script = `set -o pipefail; "${process.execPath}" "${bin}" status --watch --format text | head -n 1`;
    const child = spawn('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => out.includes('\n'), 15_000);
    // head has its line and has gone; the watcher learns it at its next write (here, a change).
    await writeStatusline(env, 70, 60);
    const started = Date.now();
    const code = await exited;
    expect(Date.now() - started).toBeLessThan(5000);
    // pipefail: the watcher's own exit status, 0.
    expect(code).toBe(0);
    expect(out).toBe('7d 60%\n');
    expect(err).toBe('');
  }, 30_000);
});
