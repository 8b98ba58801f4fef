/**
 * A lock file so that the app and a CLI run sharing one data dir do not interleave their scans.
 * A lock older than `staleMs` (a crashed holder) is broken.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

export async function withLock<T>(
  file: string,
  fn: () => Promise<T>,
  opts: { waitMs?: number; staleMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<T> {
  const waitMs = opts.waitMs ?? 30_000;
  const staleMs = opts.staleMs ?? 120_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const started = now();
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      const fh = await fsp.open(file, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const st = await fsp.stat(file).catch(() => null);
      if (st && Date.now() - st.mtimeMs > staleMs) {
        await fsp.rm(file, { force: true });
        continue;
      }
      if (now() - started > waitMs)
        throw new LockTimeoutError(`Another Brimline process is scanning the Claude Code logs (lock ${file}); try again in a moment.`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(file, { force: true }).catch(() => undefined);
  }
}
