import { describe, expect, it } from 'vitest';
import type { ResetGrant, SourceSnapshot } from '../../../shared/domain';
import { mergeSnapshots } from '../../../shared/merge';
import { T0, snap } from '../shell/fixtures';

const grant = (label: string): ResetGrant => ({
  label,
  resetsTotal: 1,
  resetsLeft: 1,
  startsAt: null,
  endsAt: '2026-07-22T16:00:00.000Z',
  clears: ['five_hour'],
  usableNow: true,
});
const at = (s: SourceSnapshot, over: Partial<SourceSnapshot>): SourceSnapshot => ({ ...s, ...over });

describe('merging reset grants and the member’s spend', () => {
  it('takes each account’s freshest report, never mixing accounts', () => {
    const view = mergeSnapshots([
      at(snap([], 'ok', 'claude-oauth', T0, 'account:a'), { resets: [grant('older')] }),
      at(snap([], 'ok', 'claude-web', T0 + 60_000, 'account:a'), {
        resets: [grant('newer')],
        memberSpend: { state: 'ok', amount: 5, currency: 'USD', periodStart: null, periodEnd: null },
      }),
      at(snap([], 'ok', 'claude-oauth', T0, 'account:b'), { resets: [grant('b')] }),
    ]);
    expect(view.resets?.map((r) => [r.accountId, r.grants[0]!.label, r.sourceId])).toEqual([
      ['account:a', 'newer', 'claude-web'],
      ['account:b', 'b', 'claude-oauth'],
    ]);
    expect(view.memberSpend).toEqual([expect.objectContaining({ accountId: 'account:a', spend: expect.objectContaining({ amount: 5 }) })]);
  });

  it('a fresher report of no grants clears older grants; a source in error never does', () => {
    const cleared = mergeSnapshots([
      at(snap([], 'ok', 'claude-oauth', T0, 'account:a'), { resets: [grant('used')] }),
      at(snap([], 'ok', 'claude-web', T0 + 60_000, 'account:a'), { resets: [] }),
    ]);
    expect(cleared.resets).toEqual([]);
    const errored = mergeSnapshots([
      at(snap([], 'ok', 'claude-oauth', T0, 'account:a'), { resets: [grant('kept')] }),
      at(snap([], 'error', 'claude-web', T0 + 60_000, 'account:a'), { fetchedAt: null, resets: [] }),
    ]);
    expect(errored.resets?.map((r) => r.grants[0]!.label)).toEqual(['kept']);
  });
});
