/** The short lock beside a shared file: exclusive, taken over when stale, given up on when held. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCK_STALE_MS, withFileLock } from '../../../../electron/core/platform/fs/lock-file';

const lockIn = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'br-lock-')), 'snapshots.json.lock');
const held = (file: string, content: { pid: number; token: string; at: number }) => writeFileSync(file, JSON.stringify(content));

/** A pid that existed and is gone: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('withFileLock', () => {
  it('holds the file while fn runs, naming its holder, and removes it after', async () => {
    const file = lockIn();
    const seen = await withFileLock(file, { token: 'me' }, async () => JSON.parse(readFileSync(file, 'utf8')) as unknown);
    expect(seen).toEqual({ ok: true, value: { pid: process.pid, token: 'me', at: expect.any(Number) } });
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock older than the stale time (a holder that crashed), and leaves nothing behind', async () => {
    const file = lockIn();
    held(file, { pid: process.pid, token: 'crashed', at: Date.now() - LOCK_STALE_MS - 1000 });
    const res = await withFileLock(
      file,
      { token: 'me', waitMs: 100 },
      async () => JSON.parse(readFileSync(file, 'utf8')) as { token: string },
    );
    expect(res).toEqual({ ok: true, value: expect.objectContaining({ token: 'me' }) });
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('takes over at once a lock whose process no longer exists', async () => {
    const file = lockIn();
    held(file, { pid: deadPid(), token: 'gone', at: Date.now() });
    const started = Date.now();
    const res = await withFileLock(file, { token: 'me', waitMs: 5000 }, async () => 'in');
    expect(res).toEqual({ ok: true, value: 'in' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a lock a live process holds is waited for, then given up on: fn never runs and the lock stays theirs', async () => {
    const file = lockIn();
    held(file, { pid: process.pid, token: 'other', at: Date.now() });
    let t = 0;
    const sleeps: number[] = [];
    const res = await withFileLock(
      file,
      { token: 'me', waitMs: 2000, now: () => Date.now() + t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)) },
      async () => 'ran',
    );
    expect(res).toEqual({ ok: false });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ token: 'other' });
  });

  it('a lock released while waiting is taken', async () => {
    const file = lockIn();
    held(file, { pid: process.pid, token: 'other', at: Date.now() });
    setTimeout(() => void import('node:fs').then((fs) => fs.rmSync(file)), 60);
    expect(await withFileLock(file, { token: 'me', waitMs: 2000 }, async () => 'ran')).toEqual({ ok: true, value: 'ran' });
  });

  it('a holder whose lock was taken over (it was too slow) does not remove the new holder’s lock', async () => {
    const file = lockIn();
    await withFileLock(file, { token: 'slow' }, async () => {
      held(file, { pid: process.pid, token: 'newcomer', at: Date.now() });
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ token: 'newcomer' });
  });

  it('two takers of one lock never hold it at once', async () => {
    const file = lockIn();
    let inside = 0;
    let most = 0;
    const work = async (): Promise<void> => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 5));
      inside--;
    };
    const runs = Array.from({ length: 8 }, (_, i) => withFileLock(file, { token: `t${i}` }, work));
    expect((await Promise.all(runs)).every((r) => r.ok)).toBe(true);
    expect(most).toBe(1);
  });
});
