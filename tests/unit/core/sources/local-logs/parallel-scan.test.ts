/**
 * The cold scan on worker threads gives exactly what one thread gives: the same rows in the same
 * order (so the same dedup decisions), the same counters, the same saved scan state, and the same
 * state again after appends. A worker that dies leaves the saved state as it was, and the next
 * scan starts over cleanly.
 */
import { appendFileSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dailyReport } from '../../../../../electron/core/sources/local-logs/reports';
import { LocalLogsScanner } from '../../../../../electron/core/sources/local-logs/scanner';
import { setScanWorkerScript, workerCount } from '../../../../../electron/core/sources/local-logs/scan-workers';
import type { EntryStore } from '../../../../../electron/core/sources/local-logs/entry-store';
import { generateTree, removeDir, tempDir } from './helpers';

const END = '2026-07-10T12:00:00Z';
const dirs: string[] = [];
afterAll(() => {
  setScanWorkerScript(null);
  for (const d of dirs) removeDir(d);
});

function rows(store: EntryStore): unknown[] {
  return Array.from({ length: store.count }, (_, i) => store.row(i));
}

function jsonl(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.jsonl')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

async function scanWith(tree: string, workers: number) {
  const data = tempDir(`par-data-${workers}`);
  dirs.push(data);
  const scanner = new LocalLogsScanner({ configDirs: [tree], dataDir: data, workers });
  const report = await scanner.scan();
  return { scanner, data, report };
}

describe('parallel cold scan', () => {
  // Resumed sessions (lines replayed across files), streamed duplicates and subagent files are in every generated tree.
  const { dir: tree } = generateTree({ lines: 6000, files: 24, seed: 7, end: END });
  dirs.push(tree);

  it('builds the same store, counters, report and saved state with 2 and 3 workers as with one thread', async () => {
    const one = await scanWith(tree, 1);
    expect(one.report.workers).toBe(1);
    for (const n of [2, 3]) {
      const many = await scanWith(tree, n);
      expect(many.report.workers).toBe(n);
      expect(rows(many.scanner.store)).toEqual(rows(one.scanner.store));
      expect([many.report.usageLines, many.report.malformedLines, many.report.bytesRead, many.report.filesRead]).toEqual([
        one.report.usageLines,
        one.report.malformedLines,
        one.report.bytesRead,
        one.report.filesRead,
      ]);
      expect(dailyReport(many.scanner.store, { timeZone: 'UTC' })).toEqual(dailyReport(one.scanner.store, { timeZone: 'UTC' }));
      const manifest = (d: string) => JSON.parse(readFileSync(path.join(d, 'local-logs-scan.json'), 'utf8')).files as unknown;
      expect(manifest(many.data)).toEqual(manifest(one.data));
    }
  });

  it('stays equal after lines are appended and the scans resume', async () => {
    const copy = tempDir('par-tree');
    dirs.push(copy);
    cpSync(tree, copy, { recursive: true });
    const one = await scanWith(copy, 1);
    const many = await scanWith(copy, 2);
    const files = jsonl(copy);
    // Append a copy of each file's last usage line under a new id, and replay one line of another file (a resumed session).
    for (const [i, f] of files.slice(0, 6).entries()) {
      const last = readFileSync(f, 'utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => l.includes('"usage"'))
        .at(-1)!;
      const other = readFileSync(files[(i + 7) % files.length]!, 'utf8')
        .split('\n')
        .find((l) => l.includes('"usage"'))!;
      appendFileSync(f, `${last.replace(/"id":"msg_/, `"id":"msg_appended${i}_`)}\n${other}\n`);
    }
    await one.scanner.scan();
    await many.scanner.scan();
    expect(rows(many.scanner.store)).toEqual(rows(one.scanner.store));
  });

  it('a worker that dies leaves the saved state as it was, and the next scan starts over cleanly', async () => {
    const broken = tempDir('par-broken');
    dirs.push(broken);
    const script = path.join(broken, 'dies.mjs');
    // Takes its first file, then exits as if killed.
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(7));\n");
    setScanWorkerScript({ url: new URL(`file://${script}`) });
    const data = tempDir('par-data-dies');
    dirs.push(data);
    const scanner = new LocalLogsScanner({ configDirs: [tree], dataDir: data, workers: 2 });
    await expect(scanner.scan()).rejects.toThrow(/scan worker stopped \(exit code 7\)/);
    expect(readdirSync(data).filter((f) => f.startsWith('local-logs-scan') || f.startsWith('local-logs-entries'))).toEqual([]);
    setScanWorkerScript(null);
    await scanner.scan();
    const one = await scanWith(tree, 1);
    expect(rows(scanner.store)).toEqual(rows(one.scanner.store));
  });

  it('reports progress to the last byte, and a cancelled scan (the app quitting) stops its workers and saves nothing', async () => {
    const data = tempDir('par-data-progress');
    dirs.push(data);
    const seen: number[] = [];
    let total = 0;
    const scanner = new LocalLogsScanner({ configDirs: [tree], dataDir: data, workers: 2 });
    const report = await scanner.scan({
      onProgress: (p) => {
        seen.push(p.bytesDone);
        total = p.bytesTotal;
      },
    });
    expect(seen.at(-1)).toBe(total);
    expect(total).toBe(report.bytesRead);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const cancelledData = tempDir('par-data-cancel');
    dirs.push(cancelledData);
    const ac = new AbortController();
    const cancelled = new LocalLogsScanner({ configDirs: [tree], dataDir: cancelledData, workers: 2 });
    const run = cancelled.scan({ signal: ac.signal, onProgress: (p) => p.bytesDone > 0 && ac.abort() });
    await expect(run).rejects.toThrow();
    expect(readdirSync(cancelledData).filter((f) => f.startsWith('local-logs-scan'))).toEqual([]);
  });

  it('uses one worker per core as the bytes are worth it, and one thread for a small tree', () => {
    const MB = 1024 * 1024;
    expect(workerCount(5 * MB, 40, undefined, 8)).toBe(1);
    expect(workerCount(690 * MB, 400, undefined, 2)).toBe(2);
    expect(workerCount(690 * MB, 400, undefined, 16)).toBe(14);
    expect(workerCount(690 * MB, 3, undefined, 16)).toBe(3);
    expect(workerCount(1 * MB, 10, 4, 2)).toBe(4);
  });
});
