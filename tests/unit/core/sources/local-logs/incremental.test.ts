import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalLogsScanner } from '../../../../../electron/core/sources/local-logs/scanner';
import { dailyReport } from '../../../../../electron/core/sources/local-logs/reports';
import { FILES } from '../../../../../electron/core/platform/paths';
import { removeDir, tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

let n = 0;
function usageLine(opts: { id?: string; req?: string | null; out?: number; ts?: string; model?: string } = {}): string {
  n++;
  return JSON.stringify({
    type: 'assistant',
    sessionId: 'sess-1',
    message: {
      id: opts.id ?? `msg_${n}`,
      model: opts.model ?? 'claude-sonnet-4-5-20250929',
      usage: { input_tokens: 1, output_tokens: opts.out ?? 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 100 },
    },
    ...(opts.req === null ? {} : { requestId: opts.req ?? `req_${n}` }),
    timestamp: opts.ts ?? '2026-02-01T10:00:00.000Z',
  });
}

function setup() {
  const cfg = tempDir('cfg');
  const data = tempDir('data');
  dirs.push(cfg, data);
  const proj = path.join(cfg, 'projects', '-Users-me-app');
  mkdirSync(proj, { recursive: true });
  const file = path.join(proj, 'sess-1.jsonl');
  const fresh = () => new LocalLogsScanner({ configDirs: [cfg], dataDir: data });
  return { cfg, data, proj, file, fresh };
}

const outputTotal = (s: LocalLogsScanner) => dailyReport(s.store, { timeZone: 'UTC' }).totals.outputTokens;

describe('incremental scanning', () => {
  it('reads only appended bytes, in this process and after a restart', async () => {
    const { file, fresh } = setup();
    writeFileSync(file, [usageLine(), usageLine()].join('\n') + '\n');
    const s = fresh();
    const first = await s.scan();
    expect(first.fullScan).toBe(true);
    expect(outputTotal(s)).toBe(20);

    const idle = await s.scan();
    expect(idle.filesRead).toBe(0);
    expect(idle.bytesRead).toBe(0);

    const extra = usageLine({ out: 5 }) + '\n';
    appendFileSync(file, extra);
    const again = await s.scan();
    expect(again.bytesRead).toBe(Buffer.byteLength(extra));
    expect(outputTotal(s)).toBe(25);

    const restarted = fresh();
    const warm = await restarted.scan();
    expect(warm.bytesRead).toBe(0);
    expect(outputTotal(restarted)).toBe(25);
  });

  it('carries a half-written last line: not counted while cut, counted once when finished', async () => {
    const { file, fresh } = setup();
    const line = usageLine({ out: 7 });
    writeFileSync(file, usageLine() + '\n' + line.slice(0, 40));
    const s = fresh();
    await s.scan();
    expect(outputTotal(s)).toBe(10);
    appendFileSync(file, line.slice(40));
    await s.scan(); // complete but not yet newline-terminated: counted
    expect(outputTotal(s)).toBe(17);
    appendFileSync(file, '\n');
    await s.scan();
    expect(outputTotal(s)).toBe(17);
    const restarted = fresh();
    await restarted.scan();
    expect(outputTotal(restarted)).toBe(17);
  });

  it('keeps the largest observation of a request across files (resumed sessions)', async () => {
    const { proj, file, fresh } = setup();
    writeFileSync(file, [usageLine({ id: 'm1', req: 'r1', out: 3 }), usageLine({ id: 'm1', req: 'r1', out: 300 })].join('\n') + '\n');
    writeFileSync(
      path.join(proj, 'sess-2.jsonl'),
      [usageLine({ id: 'm1', req: 'r1', out: 3 }), usageLine({ id: 'm2', req: null, out: 1 })].join('\n') + '\n',
    );
    const s = fresh();
    await s.scan();
    expect(outputTotal(s)).toBe(301);
  });

  it('keeps usage from transcripts Claude Code deleted, and rereads replaced or shrunk files without double counting', async () => {
    const { proj, file, fresh } = setup();
    const other = path.join(proj, 'old.jsonl');
    writeFileSync(other, usageLine({ out: 1000, ts: '2026-01-01T00:00:00.000Z' }) + '\n');
    writeFileSync(file, [usageLine(), usageLine()].join('\n') + '\n');
    const s = fresh();
    await s.scan();
    expect(outputTotal(s)).toBe(1020);

    rmSync(other);
    await s.scan();
    expect(outputTotal(s)).toBe(1020);
    const reloaded = fresh();
    await reloaded.scan();
    expect(outputTotal(reloaded)).toBe(1020);

    // Replaced by a new file (new inode) holding the same lines plus one: only the new line counts.
    const body = readFileSync(file, 'utf8');
    writeFileSync(file + '.tmp', body + usageLine({ out: 4 }) + '\n');
    renameSync(file + '.tmp', file);
    await s.scan();
    expect(outputTotal(s)).toBe(1024);

    // Shrunk: re-read from the start; nothing it still holds is counted twice.
    writeFileSync(file, body.split('\n')[0] + '\n');
    const shrunk = await s.scan();
    expect(shrunk.filesRead).toBe(1);
    expect(outputTotal(s)).toBe(1024);
  });

  it('counts lines without a message id once even when the file is read again', async () => {
    const { file, fresh } = setup();
    const line = JSON.stringify({
      message: { model: 'claude-haiku-4-5', usage: { input_tokens: 2, output_tokens: 9 } },
      timestamp: '2026-02-01T00:00:00Z',
    });
    writeFileSync(file, line + '\n');
    const s = fresh();
    await s.scan();
    writeFileSync(file, ''); // shrink
    await s.scan();
    writeFileSync(file, line + '\n'); // same bytes again
    await s.scan();
    expect(outputTotal(s)).toBe(9);
  });

  it('sets a corrupt state file aside and scans again instead of failing', async () => {
    const { data, file, fresh } = setup();
    writeFileSync(file, usageLine() + '\n');
    await fresh().scan();
    writeFileSync(path.join(data, FILES.scanState), '{ not json');
    const s = fresh();
    const r = await s.scan();
    expect(r.fullScan).toBe(true);
    expect(r.problems[0]).toMatch(/could not be read/);
    expect(outputTotal(s)).toBe(10);
    expect(readdirSync(data).some((f) => f.startsWith(`${FILES.scanState}.corrupt-`))).toBe(true);
  });

  it('sets a damaged entries file aside with a message, and recovers from the transcripts', async () => {
    const { data, file, fresh } = setup();
    writeFileSync(file, usageLine() + '\n');
    await fresh().scan();
    const bin = readdirSync(data).find((f) => f.endsWith('.bin'))!;
    writeFileSync(path.join(data, bin), 'garbage');
    const s = fresh();
    const r = await s.scan();
    expect(r.problems[0]).toMatch(/could not be read/);
    expect(outputTotal(s)).toBe(10);
  });

  it('folds many small saves into one base file', async () => {
    const { data, file, fresh } = setup();
    writeFileSync(file, Array.from({ length: 200 }, () => usageLine()).join('\n') + '\n');
    const s = fresh();
    await s.scan();
    for (let i = 0; i < 40; i++) {
      appendFileSync(file, usageLine({ out: 1 }) + '\n');
      await s.scan();
    }
    const bins = readdirSync(data).filter((f) => f.endsWith('.bin'));
    expect(bins.length).toBeLessThanOrEqual(17);
    const restarted = fresh();
    await restarted.scan();
    expect(outputTotal(restarted)).toBe(2040);
  });

  it('reports progress from 0 to all bytes on a first scan', async () => {
    const { file, fresh } = setup();
    writeFileSync(file, Array.from({ length: 50 }, () => usageLine()).join('\n') + '\n');
    const seen: number[] = [];
    await fresh().scan({ onProgress: (p) => seen.push(p.bytesDone / p.bytesTotal) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
  });
});
