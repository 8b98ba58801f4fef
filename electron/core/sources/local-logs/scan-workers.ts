/**
 * Where the scan worker's code is, and how many workers a scan is worth. The entry points say
 * where their built worker lives (the CLI bundle's `scan-worker.mjs`, which the app also ships in
 * resources/cli, outside app.asar); run from the TypeScript sources (tests, tsx), the worker is
 * its source loaded through tsx. Without a worker file a scan simply stays on one thread.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WorkerScript } from './parallel-read';

/** A worker is worth starting for this much to read; a small tree stays on one thread. */
export const BYTES_PER_WORKER = 48 * 1024 * 1024;

let registered: WorkerScript | null = null;

export function setScanWorkerScript(script: WorkerScript | null): void {
  registered = script;
}

export function scanWorkerScript(): WorkerScript | null {
  const script =
    registered ??
    (import.meta.url.endsWith('.ts') ? { url: new URL('./scan-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] } : null);
  return script && existsSync(fileURLToPath(script.url)) ? script : null;
}

/**
 * Workers for a read of `bytes` over `files` files: one per core, no more than the files, and only
 * as many as the bytes are worth. `requested` (tests, the benchmark) overrides the byte rule.
 */
export function workerCount(bytes: number, files: number, requested?: number, cores = os.availableParallelism()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  return Math.max(1, Math.min(cores, files, Math.floor(bytes / BYTES_PER_WORKER)));
}
