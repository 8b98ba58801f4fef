import { describe, expect, it } from 'vitest';
import type { SourceSnapshot } from '../../../shared/domain';
import { mergeSnapshots } from '../../../shared/merge';
import { HOUR, T0, snap, win } from '../shell/fixtures';

const MIN = 60_000;
const RESET = T0 + 2 * HOUR;

describe('mergeSnapshots: one entry per account and window', () => {
  it('keeps the freshest observation when two sources report the same window, and says which and when', () => {
    const poll = snap(
      [win('five_hour', 'session', 40, RESET), win('seven_day', 'weekly', 20, T0 + 90 * HOUR)],
      'ok',
      'claude-oauth',
      T0 - 5 * MIN,
    );
    const line = snap([win('five_hour', 'session', 46, RESET)], 'ok', 'local-logs', T0 - MIN);
    const view = mergeSnapshots([poll, line]);
    expect(view.windows.map((w) => [w.id, w.usedPercent, w.sourceId, w.observedAt])).toEqual([
      ['session', 46, 'local-logs', new Date(T0 - MIN).toISOString()],
      ['weekly', 20, 'claude-oauth', new Date(T0 - 5 * MIN).toISOString()],
    ]);
    // The order of the inputs does not change who wins.
    expect(mergeSnapshots([line, poll]).windows.find((w) => w.id === 'session')?.sourceId).toBe('local-logs');
  });

  it('gives a window the same identity whatever the source calls it; model windows are case-folded', () => {
    const a = snap(
      [win('five_hour', 'session', 10, RESET), win('weekly_model:Opus', 'weekly_model', 30, RESET)],
      'ok',
      'claude-oauth',
      T0 - 2 * MIN,
    );
    const b = snap([win('session-5h', 'session', 12, RESET), win('weekly_model:opus', 'weekly_model', 31, RESET)], 'ok', 'local-logs', T0);
    const view = mergeSnapshots([a, b]);
    expect(view.windows.map((w) => `${w.id}=${w.usedPercent}`)).toEqual(['session=12', 'weekly_model:opus=31']);
  });

  it('never merges windows of different accounts', () => {
    const work = snap([win('five_hour', 'session', 80, RESET)], 'ok', 'claude-oauth', T0, 'account:work');
    const home = snap([win('five_hour', 'session', 5, RESET)], 'ok', 'local-logs', T0 + MIN, 'account:home');
    const view = mergeSnapshots([work, home]);
    expect(view.windows.map((w) => `${w.accountId}/${w.id}=${w.usedPercent}`)).toEqual([
      'account:work/session=80',
      'account:home/session=5',
    ]);
    expect(view.accounts.map((a) => a.id)).toEqual(['account:work', 'account:home']);
  });

  it('a source in error never erases good data from another source', () => {
    const good = snap([win('five_hour', 'session', 33, RESET)], 'ok', 'claude-oauth', T0 - 10 * MIN);
    const failed: SourceSnapshot = { ...snap([], 'error', 'local-logs', T0), fetchedAt: null };
    const view = mergeSnapshots([good, failed]);
    expect(view.windows).toHaveLength(1);
    expect(view.windows[0]).toMatchObject({ usedPercent: 33, sourceId: 'claude-oauth', stale: false });
  });

  it('keeps a stale source data, marked stale, until fresher data replaces it; a fresh tie beats a stale one', () => {
    const stale = snap([win('five_hour', 'session', 70, RESET)], 'stale', 'claude-oauth', T0 - 20 * MIN);
    expect(mergeSnapshots([stale]).windows[0]).toMatchObject({ usedPercent: 70, stale: true });
    const fresh = snap([win('five_hour', 'session', 72, RESET)], 'ok', 'local-logs', T0 - MIN);
    expect(mergeSnapshots([stale, fresh]).windows[0]).toMatchObject({ usedPercent: 72, stale: false, sourceId: 'local-logs' });
    const sameTime = snap([win('five_hour', 'session', 71, RESET)], 'ok', 'local-logs', T0 - 20 * MIN);
    expect(mergeSnapshots([stale, sameTime]).windows[0]).toMatchObject({ usedPercent: 71, stale: false });
  });

  it('keeps one window when the reset time jitters between sources, with the winner’s reset time', () => {
    const a = snap([win('five_hour', 'session', 50, RESET)], 'ok', 'claude-oauth', T0 - MIN);
    const b = snap([win('five_hour', 'session', 51, RESET + 37_000)], 'ok', 'local-logs', T0);
    const view = mergeSnapshots([a, b]);
    expect(view.windows).toHaveLength(1);
    expect(view.windows[0]!.resetsAt).toBe(new Date(RESET + 37_000).toISOString());
  });

  it('merges extra usage per account, the freshest first, and names accounts from the plan', () => {
    const old: SourceSnapshot = {
      ...snap([], 'ok', 'claude-oauth', T0 - 30 * MIN, 'account:x'),
      plan: { name: 'Max 5x', email: 'ada@example.com' },
      extraUsage: { enabled: true, used: 1, limit: 20, currency: 'EUR', percent: 5 },
    };
    const newer: SourceSnapshot = {
      ...snap([], 'ok', 'local-logs', T0, 'account:x'),
      extraUsage: { enabled: true, used: 2, limit: 20, currency: 'EUR', percent: 10 },
    };
    const view = mergeSnapshots([old, newer]);
    expect(view.extraUsage).toEqual([expect.objectContaining({ used: 2, sourceId: 'local-logs', accountId: 'account:x' })]);
    expect(view.accounts).toEqual([{ id: 'account:x', label: 'ada@example.com', email: 'ada@example.com', plan: 'Max 5x' }]);
  });

  it('collects each warning once, whichever sources carry it', () => {
    const w = { code: 'claude_code_api_key_billing', message: 'billed to API credits' };
    const view = mergeSnapshots([
      { ...snap([], 'ok', 'claude-oauth'), warnings: [w] },
      { ...snap([], 'ok', 'local-logs'), warnings: [w] },
    ]);
    expect(view.warnings).toEqual([w]);
  });
});
