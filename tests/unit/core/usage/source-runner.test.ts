/** The relaxed interval: the plan poll slows down only while the status line of the same folder is live. */
import { describe, expect, it } from 'vitest';
import { relaxedInterval } from '../../../../electron/core/usage/source-runner';
import { SOURCES } from '../../../../electron/core/sources/registry';
import type { UsageSource } from '../../../../electron/core/sources/source';
import type { SourceId } from '../../../../shared/domain';
import { snap, T0, win } from '../../shell/fixtures';

const MIN = 60_000;
const USER = 5 * MIN;
const RELAXED = SOURCES['claude-oauth'].relaxedBy!.intervalMs;

/** An instance as the runner knows it; never polled here. */
function source(id: SourceId, folder: string): UsageSource {
  return { id, folder, poll: () => Promise.reject(new Error('not polled in this test')) };
}

const HOUR = 60 * MIN;
/** A status-line report of the folder; with numbers unless `windows` says otherwise. */
const line = (folder: string, at: number, state: 'ok' | 'stale' = 'ok', windows = [win('five_hour', 'session', 40, T0 + 2 * HOUR)]) => ({
  ...snap(windows, state, 'statusline', at),
  folder,
});

describe('relaxed interval', () => {
  it('relaxes the plan poll while the same folder’s status line reported within the user’s interval', () => {
    const plan = source('claude-oauth', '/home/ada/.claude');
    expect(RELAXED).toBeGreaterThan(USER);
    expect(relaxedInterval(USER, plan, [line('/home/ada/.claude', T0 - MIN)], T0)).toBe(RELAXED);
  });

  it("keeps the user's interval when the status line is older than it, not ok, or another folder's", () => {
    const plan = source('claude-oauth', '/home/ada/.claude');
    expect(relaxedInterval(USER, plan, [line('/home/ada/.claude', T0 - USER - 1)], T0)).toBe(USER);
    expect(relaxedInterval(USER, plan, [line('/home/ada/.claude', T0 - MIN, 'stale')], T0)).toBe(USER);
    expect(relaxedInterval(USER, plan, [line('/home/ada/.claude-work', T0 - MIN)], T0)).toBe(USER);
    // A report without numbers (a session's first payload) is not a live feed.
    expect(relaxedInterval(USER, plan, [line('/home/ada/.claude', T0 - MIN, 'ok', [])], T0)).toBe(USER);
  });

  it("a source nothing relaxes, or an unknown instance, keeps the user's interval", () => {
    expect(relaxedInterval(USER, source('local-logs', '/home/ada/.claude'), [line('/home/ada/.claude', T0 - MIN)], T0)).toBe(USER);
    expect(relaxedInterval(USER, undefined, [], T0)).toBe(USER);
  });
});
