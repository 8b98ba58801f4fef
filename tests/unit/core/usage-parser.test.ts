import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { normaliseTimestamp, parseUsageResponse } from '../../../electron/core/sources/claude-oauth/usage-parser';
import { FIXTURES, fixtureText } from '../../support/fake-anthropic';

const parse = (rel: string) => parseUsageResponse(JSON.parse(fixtureText(rel)));

describe('OAuth usage parser', () => {
  it('reads the legacy flat shape with extra usage in cents', () => {
    const r = parse('oauth-usage/usage.200.legacy-2026-05.extra-enabled.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows).toEqual([
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 11, resetsAt: '2026-05-18T04:10:00.000Z' },
      { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: 15, resetsAt: '2026-05-22T02:00:00.000Z' },
      { id: 'weekly_model:sonnet', kind: 'weekly_model', label: 'Weekly Sonnet', usedPercent: 11, resetsAt: '2026-05-22T02:00:00.000Z' },
    ]);
    // 14000 minor units = 140.00 USD; 4752 = 47.52.
    expect(r.value.extraUsage).toEqual({ enabled: true, used: 47.52, limit: 140, currency: 'USD', percent: 33.94285714285714 });
  });

  it('reads the limits[] shape and reports each window once', () => {
    const r = parse('oauth-usage/usage.200.limits-array-2026-07.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows.map((w) => [w.id, w.kind, w.label, w.usedPercent])).toEqual([
      ['five_hour', 'session', 'Session (5 h)', 11],
      ['seven_day', 'weekly', 'Weekly (all models)', 9],
      ['weekly_model:fable', 'weekly_model', 'Weekly Fable', 5],
    ]);
    expect(r.value.extraUsage).toBeNull();
  });

  it('parses every usage-shaped fixture', () => {
    const files = [
      ...readdirSync(path.join(FIXTURES, 'oauth-usage'))
        .filter((f) => f.startsWith('usage.'))
        .map((f) => `oauth-usage/${f}`),
      'claude-ai/org-usage.200.2026-07.json',
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = parse(f);
      expect(r.ok, f).toBe(true);
      if (r.ok)
        expect(
          r.value.windows.find((w) => w.kind === 'session'),
          f,
        ).toBeDefined();
    }
  });

  it('lets limits[] win over flat keys and fills gaps from the flat keys', () => {
    const r = parseUsageResponse({
      five_hour: { utilization: 99, resets_at: '2026-07-03T00:30:00Z' },
      seven_day_opus: { utilization: 40, resets_at: '2026-07-08T09:00:00Z' },
      limits: [
        { kind: 'session', percent: 12, resets_at: '2026-07-03T00:30:00Z' },
        { kind: 'weekly_scoped', percent: 41, resets_at: '2026-07-08T09:00:00Z', scope: { model: { display_name: 'Opus' } } },
      ],
    });
    expect(r.ok && r.value.windows.map((w) => [w.id, w.usedPercent])).toEqual([
      ['five_hour', 12],
      ['weekly_model:opus', 41],
    ]);
  });

  it('ignores codenames without real utilisation and keeps those with it as kind other', () => {
    const r = parseUsageResponse({
      five_hour: { utilization: 1, resets_at: null },
      seven_day_omelette: { utilization: 0, resets_at: null },
      iguana_necktie: { utilization: 37.5, resets_at: '2026-07-08T09:00:00Z' },
      tangelo: null,
      limits: [{ kind: 'brand_new_kind', percent: 12, resets_at: null }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const other = r.value.windows.filter((w) => w.kind === 'other');
    expect(other.map((w) => [w.id, w.usedPercent])).toEqual([
      ['limit:brand-new-kind', 12],
      ['other:iguana-necktie', 37.5],
    ]);
    expect(r.value.windows.some((w) => w.id.includes('omelette'))).toBe(false);
  });

  it('keeps usage over 100 exactly as reported and a null reset as not started', () => {
    const r = parseUsageResponse({ five_hour: { utilization: 117.5, resets_at: null } });
    expect(r.ok && r.value.windows[0]).toEqual({
      id: 'five_hour',
      kind: 'session',
      label: 'Session (5 h)',
      usedPercent: 117.5,
      resetsAt: null,
    });
  });

  it('survives null anywhere and wrong types', () => {
    for (const body of [
      { five_hour: null, seven_day: null, limits: null, extra_usage: null },
      { five_hour: { utilization: null, resets_at: null } },
      { five_hour: { utilization: 'lots', resets_at: 5 }, limits: [null, 3, 'x', { kind: null }] },
      { five_hour: {}, extra_usage: { is_enabled: null, monthly_limit: null, used_credits: null, currency: null } },
    ]) {
      const r = parseUsageResponse(body);
      expect(r.ok).toBe(true);
    }
  });

  it('rejects bodies that are not usage', () => {
    for (const body of [null, [], 'text', 42, { type: 'error', error: { type: 'x' } }]) {
      const r = parseUsageResponse(body);
      expect(r.ok).toBe(false);
    }
  });

  it('honours decimal_places and currency for extra usage', () => {
    const r = parseUsageResponse({
      five_hour: null,
      extra_usage: { is_enabled: true, monthly_limit: 2000, used_credits: 763, currency: 'eur' },
    });
    expect(r.ok && r.value.extraUsage).toEqual({ enabled: true, used: 7.63, limit: 20, currency: 'EUR', percent: 38.15 });
    const jpy = parseUsageResponse({
      five_hour: null,
      extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1250, currency: 'JPY', decimal_places: 0 },
    });
    expect(jpy.ok && jpy.value.extraUsage).toMatchObject({ used: 1250, limit: 5000, currency: 'JPY', percent: 25 });
  });

  it('normalises timestamps to UTC minutes so jitter between polls does not change the cycle key', () => {
    expect(normaliseTimestamp('2026-07-03T00:30:00.282668+00:00')).toBe('2026-07-03T00:30:00.000Z');
    expect(normaliseTimestamp('2026-07-03T00:30:00.440012+00:00')).toBe('2026-07-03T00:30:00.000Z');
    expect(normaliseTimestamp('2026-07-03T02:30:00+02:00')).toBe('2026-07-03T00:30:00.000Z');
    expect(normaliseTimestamp('not a date')).toBeNull();
    expect(normaliseTimestamp(null)).toBeNull();
  });
});
