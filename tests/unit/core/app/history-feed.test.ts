/** The history feed on its own: the real history service on a temp dir; without one, an empty history. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHistoryFeed, type HistoryFeed } from '../../../../electron/core/app/history-feed';
import { HistoryService } from '../../../../electron/core/history/history-service';
import { UsageStore } from '../../../../electron/core/usage/usage-store';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const quiet = { log() {}, info() {}, warn() {}, error() {} };

describe('history feed', () => {
  let dir: string;
  let usage: UsageStore;
  let changes: number;
  let work: Promise<unknown>[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-history-feed-'));
    usage = new UsageStore((err) => {
      throw err;
    });
    changes = 0;
    work = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function feed(history?: HistoryService): HistoryFeed {
    return createHistoryFeed({
      history,
      dataDir: dir,
      snapshots: () => usage.snapshots(),
      settings: () => DEFAULT_SETTINGS,
      timeZone: 'UTC',
      now: () => T0,
      logger: quiet,
      changed: () => void changes++,
      onForecast: () => undefined,
      track: (w) => void work.push(w),
    });
  }

  it('without a history reads an empty payload for the asked days and records nothing', async () => {
    const f = feed();
    usage.update([snap([win('five_hour', 'session', 40, T0 + HOUR)])]);
    f.record(usage.view());
    expect(work).toEqual([]);
    expect(await f.read(7)).toEqual({
      generatedAt: new Date(T0).toISOString(),
      days: 7,
      sinceMs: T0 - 7 * 86_400_000,
      windows: [],
      daily: [],
    });
    expect(f.outlook()).toEqual({});
  });

  it('records a view, redraws when it is recorded, and forgets an account', async () => {
    const history = new HistoryService(dir, { now: () => T0, desktopHistoryFile: null });
    const f = feed(history);
    usage.update([snap([win('five_hour', 'session', 40, T0 + HOUR)], 'ok', 'claude-oauth', T0, 'acct-a')]);
    f.record(usage.view());
    expect(work).toHaveLength(1);
    await Promise.all(work);
    await f.settled();
    expect(changes).toBe(1);
    expect((await history.store.read({ sinceMs: 0 })).map((s) => s.usedPercent)).toEqual([40]);
    expect(Object.keys(f.outlook())).toEqual(['acct-a/session']);
    await f.forget('acct-a');
    expect(await history.store.read({ sinceMs: 0 })).toEqual([]);
  });
});
