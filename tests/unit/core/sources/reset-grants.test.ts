import { describe, expect, it } from 'vitest';
import { parseResetGrants, resetsOf } from '../../../../electron/core/sources/claude-oauth/reset-grants';
import { openGrants } from '../../../../shared/resets';
import { fixtureText } from '../../../support/fake-anthropic';

const published = JSON.parse(fixtureText('oauth-usage/usage.200.cedar-ember-grant.published-2026-09.json')) as { cedar_ember: unknown };
const grant = (over: Record<string, unknown> = {}) => ({
  label: 'x',
  resets_total: 2,
  resets_left: 1,
  starts_at: '2026-09-22T16:00:00+00:00',
  ends_at: '2026-10-22T16:00:00+00:00',
  clears: ['five_hour'],
  paused: false,
  usable_now: false,
  ...over,
});

describe('the cedar_ember block', () => {
  it('keeps grants with resets left, soonest to expire first, and skips malformed, paused and used-up ones', () => {
    const info = parseResetGrants({
      eligible: true,
      grants: [
        grant({ ends_at: '2026-11-01T00:00:00Z', label: 'later' }),
        grant({ label: 'sooner' }),
        grant({ resets_left: 0, label: 'used up' }),
        grant({ paused: true, label: 'paused' }),
        { id: 'broken' },
        'not a grant',
        grant({ resets_left: -1 }),
        grant({ clears: ['five_hour', 7, ''], label: 'odd clears' }),
      ],
    });
    expect(info.kind).toBe('grants');
    if (info.kind !== 'grants') return;
    expect(info.grants.map((g) => g.label)).toEqual(['sooner', 'odd clears', 'later']);
    expect(info.grants[1]!.clears).toEqual(['five_hour']);
  });

  it('reads eligible: false as ineligible with its reason, and anything else as absent', () => {
    expect(parseResetGrants({ eligible: false, ineligible_reason: 'surface', grants: [] })).toEqual({
      kind: 'ineligible',
      reason: 'surface',
    });
    expect(parseResetGrants({ eligible: false })).toEqual({ kind: 'ineligible', reason: 'unspecified' });
    for (const raw of [null, undefined, 42, 'x', [], {}, { eligible: 'yes' }]) expect(parseResetGrants(raw)).toEqual({ kind: 'absent' });
  });

  it('keeps a reason fit for one log line', () => {
    const info = parseResetGrants({ eligible: false, ineligible_reason: 'surface\nInjected: line' });
    expect(info).toEqual({ kind: 'ineligible', reason: 'surfaceInjected: line' });
  });

  it('the published block gives one open grant until its end', () => {
    const grants = resetsOf({ cedar_ember: published.cedar_ember });
    expect(grants).toHaveLength(1);
    expect(openGrants(grants, Date.parse('2026-10-01T00:00:00Z'))).toHaveLength(1);
    expect(openGrants(grants, Date.parse('2026-10-22T16:00:00Z'))).toHaveLength(0);
    expect(openGrants(grants, Date.parse('2026-09-01T00:00:00Z'))).toHaveLength(0);
    expect(resetsOf({ five_hour: null })).toBeNull();
  });
});
