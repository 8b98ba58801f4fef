/** What a restart keeps of Team and Enterprise data: the organisation's credits, reset grants and the member's spend. */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../../../electron/core/usage/snapshot-store';
import type { PersistedSourceState } from '../../../../electron/core/usage/scheduler';
import type { SourceSnapshot } from '../../../../shared/domain';

const snapshot: SourceSnapshot = {
  sourceId: 'claude-web',
  accountId: 'account:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
  state: 'ok',
  error: null,
  fetchedAt: '2026-12-04T12:00:00.000Z',
  attemptedAt: '2026-12-04T12:00:00.000Z',
  nextAttemptAt: null,
  plan: { name: 'Team', email: null },
  windows: [
    {
      id: 'org_credits',
      kind: 'other',
      label: 'Organisation usage credits',
      usedPercent: 61.7,
      resetsAt: null,
      scope: 'organisation',
      money: { used: 1234, limit: 2000, currency: 'USD' },
    },
  ],
  extraUsage: null,
  resets: [
    {
      label: 'launch',
      resetsTotal: 1,
      resetsLeft: 1,
      startsAt: '2026-11-22T16:00:00.000Z',
      endsAt: '2026-12-22T16:00:00.000Z',
      clears: ['five_hour', 'seven_day'],
      usableNow: true,
    },
  ],
  memberSpend: { state: 'unavailable', reason: 'analytics_off' },
};

describe('the snapshot file', () => {
  it('keeps organisation credits, reset grants and the member’s spend across a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bl-snap-'));
    const state: PersistedSourceState = { snapshot, gateUntil: null, rateLimitStreak: 0, lastAttemptAt: null };
    await new SnapshotStore(dir).save([state]);
    const loaded = await new SnapshotStore(path.join(dir)).load();
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.snapshot).toEqual({ ...snapshot, scan: null });
  });
});
