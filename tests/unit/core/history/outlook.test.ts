import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import { computeOutlooks } from '../../../../electron/core/history/outlook';
import type { HistorySample } from '../../../../electron/core/history/types';

const MIN = 60_000;
const NOW = Date.parse('2026-07-03T14:00:00Z');
const RESET = Date.parse('2026-07-03T17:00:00Z');

describe('outlooks for merged windows', () => {
  it('pace and forecast per account and window, from samples of every source, never across accounts', async () => {
    const store = new HistoryStore(mkdtempSync(path.join(os.tmpdir(), 'hr-outlook-')), { now: () => NOW });
    await store.open();
    const samples: HistorySample[] = [];
    for (let m = 0; m <= 115; m += 5) {
      // Account A: 30 %/h, alternately from the status line and the OAuth poll.
      samples.push({
        t: NOW - 120 * MIN + m * MIN,
        accountId: 'A',
        windowId: 'five_hour',
        kind: 'session',
        sourceId: m % 10 ? 'statusline' : 'claude-oauth',
        usedPercent: m / 2,
        resetsAt: RESET,
        imported: false,
      });
      // Account B: barely used.
      samples.push({
        t: NOW - 120 * MIN + m * MIN,
        accountId: 'B',
        windowId: 'five_hour',
        kind: 'session',
        sourceId: 'claude-oauth',
        usedPercent: m / 40,
        resetsAt: RESET,
        imported: false,
      });
    }
    await store.append(samples);
    const [a, b, none] = await computeOutlooks(
      store,
      [
        {
          accountId: 'A',
          id: 'five_hour',
          kind: 'session',
          usedPercent: 60,
          resetsAt: new Date(RESET).toISOString(),
          observedAt: new Date(NOW).toISOString(),
        },
        { accountId: 'B', id: 'five_hour', kind: 'session', usedPercent: 3, resetsAt: new Date(RESET).toISOString() },
        { accountId: 'C', id: 'five_hour', kind: 'session', usedPercent: 3, resetsAt: new Date(RESET).toISOString() },
      ],
      NOW,
    );
    expect(a!.pace).toEqual({ expectedPercent: 40, deltaPercent: 20 });
    // The current value (observed now, not yet stored) is the last sample.
    expect(a!.forecast!.observedAtMs).toBe(NOW);
    expect(a!.forecast!.samplesUsed).toBe(25);
    expect(a!.contract!.lastsUntilReset).toBe(false);
    expect(Date.parse(a!.contract!.runsOutAt!)).toBeCloseTo(NOW + 80 * MIN, -5);
    expect(b!.contract).toMatchObject({ runsOutAt: null, lastsUntilReset: true });
    expect(b!.contract!.projectedPercentAtReset!).toBeLessThan(10);
    // No samples for account C: a pace, but not enough data for a forecast.
    expect(none).toEqual({ pace: { expectedPercent: 40, deltaPercent: -37 }, forecast: null, contract: null, cycle: [] });
  });
});
