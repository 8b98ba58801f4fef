/** Small builders for snapshots used across the shell tests. */
import type { SourceSnapshot, UsageWindow } from '../../../shared/domain';

export const T0 = Date.parse('2026-07-03T10:00:00Z');
export const HOUR = 3_600_000;

export function win(id: string, kind: UsageWindow['kind'], usedPercent: number, resetsAt: number | null, label?: string): UsageWindow {
  return {
    id,
    kind,
    label: label ?? (kind === 'session' ? 'Session' : kind === 'weekly' ? 'Weekly' : id),
    usedPercent,
    resetsAt: resetsAt === null ? null : new Date(resetsAt).toISOString(),
  };
}

export function snap(
  windows: UsageWindow[],
  state: SourceSnapshot['state'] = 'ok',
  sourceId = 'claude-oauth',
  at = T0,
  accountId = 'local',
): SourceSnapshot {
  return {
    sourceId,
    accountId,
    state,
    error:
      state === 'error'
        ? { code: 'unavailable', message: 'The usage service did not answer. Brimline will retry.', action: { kind: 'retry' } }
        : null,
    fetchedAt: new Date(at).toISOString(),
    attemptedAt: new Date(at).toISOString(),
    nextAttemptAt: null,
    plan: null,
    windows,
    extraUsage: null,
  };
}
