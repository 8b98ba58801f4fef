import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryService } from '../../../../electron/core/history/history-service';
import type { Logger } from '../../../../electron/core/platform/log';

const NOW = Date.parse('2026-07-02T12:00:00Z');
const RESET = '2026-07-02T15:00:00.000Z';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (_l, m) => void lines.push(m),
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(m),
    error: (m) => void lines.push(m),
  };
}

describe('history service', () => {
  it('starts (with the Desktop backfill), records merged windows and answers with outlooks', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-hsvc-'));
    const desktop = path.join(dir, 'plan-usage-history.json');
    copyFileSync(path.join(__dirname, '../../../fixtures/claude-desktop/plan-usage-history.json'), desktop);
    let now = NOW;
    const log = logger();
    const svc = new HistoryService(path.join(dir, 'data'), { now: () => now, logger: log, desktopHistoryFile: desktop });
    await svc.start();
    expect(svc.lastImport).toMatchObject({ kind: 'imported', added: 212 });
    expect(svc.startupProblems()).toEqual([]);
    for (let m = 0; m <= 30; m += 5) {
      now = NOW + m * 60_000;
      await svc.observe('acct', [
        {
          id: 'five_hour',
          kind: 'session',
          usedPercent: 40 + m,
          resetsAt: RESET,
          sourceId: 'statusline',
          observedAt: new Date(now).toISOString(),
        },
      ]);
    }
    const [o] = await svc.outlooks([{ accountId: 'acct', id: 'five_hour', kind: 'session', usedPercent: 70, resetsAt: RESET }]);
    expect(o!.pace).toEqual({ expectedPercent: 50, deltaPercent: 20 });
    expect(o!.contract).not.toBeNull();
    // A second start imports nothing new.
    const again = new HistoryService(path.join(dir, 'data'), { now: () => now, desktopHistoryFile: desktop });
    await again.start();
    expect(again.lastImport).toMatchObject({ kind: 'imported', added: 0 });
  });

  it('a bad Desktop file and a bad segment are reported, and the service still works', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-hsvc-'));
    const desktop = path.join(dir, 'plan-usage-history.json');
    writeFileSync(desktop, '{"version":2,"samples":[{"t":17');
    mkdirSync(path.join(dir, 'data', 'history'), { recursive: true });
    writeFileSync(path.join(dir, 'data', 'history', 'samples-2026-07-01.jsonl'), 'junk');
    const svc = new HistoryService(path.join(dir, 'data'), { now: () => NOW, desktopHistoryFile: desktop });
    await svc.start();
    const problems = svc.startupProblems();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/history file for 2026-07-01 could not be read/);
    expect(problems[1]).toMatch(/ends in the middle/);
    expect(
      await svc.observe('a', [
        { id: 'five_hour', kind: 'session', usedPercent: 1, resetsAt: RESET, sourceId: 's', observedAt: new Date(NOW).toISOString() },
      ]),
    ).toBe(1);
  });

  it('a store it cannot write to is logged, never thrown', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-hsvc-'));
    // A file where the data dir should be: every write fails.
    writeFileSync(path.join(dir, 'data'), 'not a folder');
    const log = logger();
    const svc = new HistoryService(path.join(dir, 'data'), { now: () => NOW, logger: log, desktopHistoryFile: null });
    await svc.start();
    expect(
      await svc.observe('a', [
        { id: 'five_hour', kind: 'session', usedPercent: 1, resetsAt: RESET, sourceId: 's', observedAt: new Date(NOW).toISOString() },
      ]),
    ).toBe(0);
    expect(log.lines.some((l) => l.startsWith('Could not record usage history'))).toBe(true);
    expect(await svc.outlooks([{ accountId: 'a', id: 'five_hour', kind: 'session', usedPercent: 1, resetsAt: RESET }])).toHaveLength(1);
  });
});
