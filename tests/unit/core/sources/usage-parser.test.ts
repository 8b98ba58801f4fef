import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { normaliseTimestamp, parseUsageResponse } from '../../../../electron/core/sources/claude-oauth/usage-parser';
import { FIXTURES, fixtureText } from '../../../support/fake-anthropic';

const parse = (rel: string) => parseUsageResponse(JSON.parse(fixtureText(rel)));

describe('OAuth usage parser', () => {
  it('reads the legacy flat shape with extra usage in cents', () => {
    const r = parse('oauth-usage/usage.200.legacy-2026-05.extra-enabled.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows).toEqual([
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 11, resetsAt: '2026-05-18T04:10:00.288Z' },
      { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: 15, resetsAt: '2026-05-22T02:00:00.288Z' },
      { id: 'weekly_model:sonnet', kind: 'weekly_model', label: 'Weekly Sonnet', usedPercent: 11, resetsAt: '2026-05-22T02:00:00.288Z' },
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
      // A spend-billed organisation has no session window by design (see team-plans-oauth.test.ts).
      if (r.ok && !f.includes('spend-billed'))
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

  it('never reports an infinite percentage: 400 digits of utilization, or huge credits over a tiny limit (found by the fuzzer)', () => {
    const digits = '1'.repeat(400);
    const r = parseUsageResponse({
      five_hour: { utilization: digits, resets_at: null },
      seven_day: { utilization: 12, resets_at: null },
      extra_usage: { is_enabled: true, monthly_limit: 1, used_credits: 1e308, currency: 'USD' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows.every((w) => w.usedPercent === null || Number.isFinite(w.usedPercent))).toBe(true);
    expect(r.value.windows.find((w) => w.id === 'five_hour')).toBeUndefined();
    expect(r.value.windows.find((w) => w.id === 'seven_day')?.usedPercent).toBe(12);
    expect(r.value.extraUsage).toMatchObject({ used: 1e306, limit: 0.01, percent: null });
  });

  it('rejects bodies that are not usage', () => {
    for (const body of [null, [], 'text', 42, { type: 'error', error: { type: 'x' } }]) {
      const r = parseUsageResponse(body);
      expect(r.ok).toBe(false);
    }
  });

  it('honours decimal_places and currency for extra usage', () => {
    const r = parseUsageResponse({
      five_hour: { utilization: 3, resets_at: null },
      extra_usage: { is_enabled: true, monthly_limit: 2000, used_credits: 763, currency: 'eur' },
    });
    expect(r.ok && r.value.extraUsage).toEqual({ enabled: true, used: 7.63, limit: 20, currency: 'EUR', percent: 38.15 });
    const jpy = parseUsageResponse({
      five_hour: { utilization: 3, resets_at: null },
      extra_usage: { is_enabled: true, monthly_limit: 5000, used_credits: 1250, currency: 'JPY', decimal_places: 0 },
    });
    expect(jpy.ok && jpy.value.extraUsage).toMatchObject({ used: 1250, limit: 5000, currency: 'JPY', percent: 25 });
  });

  it('normalises timestamps to ISO UTC without rounding: the value is what the server said (to the millisecond)', () => {
    expect(normaliseTimestamp('2026-07-03T00:30:00.282668+00:00')).toBe('2026-07-03T00:30:00.282Z');
    expect(normaliseTimestamp('2026-07-03T00:29:59.440012+00:00')).toBe('2026-07-03T00:29:59.440Z');
    expect(normaliseTimestamp('2026-07-03T02:30:41+02:00')).toBe('2026-07-03T00:30:41.000Z');
    expect(normaliseTimestamp('not a date')).toBeNull();
    expect(normaliseTimestamp(null)).toBeNull();
  });

  it('reads limits[] scoped by label and by surface as scoped weekly windows, never a second weekly', () => {
    const r = parse('oauth-usage/usage.200.limits-scopes-severity.constructed-2026-11.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows.map((w) => [w.id, w.kind, w.label, w.usedPercent, w.resetsAt])).toEqual([
      ['five_hour', 'session', 'Session (5 h)', 42, '2026-11-30T14:00:00.512Z'],
      ['seven_day', 'weekly', 'Weekly (all models)', 61, '2026-12-04T09:00:00.512Z'],
      ['weekly_model:fable', 'weekly_model', 'Weekly Fable', 88, '2026-12-04T09:00:00.512Z'],
      // limits[] wins over the stale flat seven_day_cowork (70): both name the same window.
      ['weekly_model:cowork', 'weekly_model', 'Weekly (Cowork)', 73, '2026-12-04T09:00:00.512Z'],
      ['weekly_model:opus', 'weekly_model', 'Weekly Opus', 12, '2026-12-04T09:00:00.512Z'],
    ]);
    expect(r.value.windows.filter((w) => w.kind === 'weekly')).toHaveLength(1);
    expect(r.value.severities).toEqual({
      five_hour: 'normal',
      seven_day: 'warning',
      'weekly_model:fable': 'critical',
      'weekly_model:cowork': 'warning',
      'weekly_model:opus': 'normal',
    });
  });

  it('gives a label scope the same identity as a model scope of that name', () => {
    const byLabel = parseUsageResponse({ limits: [{ kind: 'weekly_scoped', percent: 5, resets_at: null, scope: { label: 'Fable' } }] });
    const byLabelObject = parseUsageResponse({
      limits: [{ kind: 'weekly_scoped', percent: 5, resets_at: null, scope: { label: { label: 'Fable' } } }],
    });
    const byModel = parseUsageResponse({
      limits: [{ kind: 'weekly_scoped', percent: 5, resets_at: null, scope: { model: { id: null, display_name: 'Fable' } } }],
    });
    const ids = [byLabel, byLabelObject, byModel].map((r) => (r.ok ? r.value.windows.map((w) => [w.id, w.kind, w.label]) : r.error));
    expect(ids[0]).toEqual([['weekly_model:fable', 'weekly_model', 'Weekly Fable']]);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
  });

  it('files the flat surface keys as scoped weekly windows that merge with limits[] surfaces', () => {
    const r = parseUsageResponse({
      seven_day: { utilization: 30, resets_at: '2026-12-04T09:00:00Z' },
      seven_day_oauth_apps: { utilization: 4, resets_at: '2026-12-04T09:00:00Z' },
      seven_day_cowork: { utilization: 9, resets_at: '2026-12-04T09:00:00Z' },
      limits: [{ kind: 'weekly_scoped', percent: 10, resets_at: '2026-12-04T09:00:00Z', scope: { surface: { id: 'oauth_apps' } } }],
    });
    expect(r.ok && r.value.windows.map((w) => [w.id, w.kind, w.label, w.usedPercent])).toEqual([
      ['seven_day', 'weekly', 'Weekly (all models)', 30],
      ['weekly_model:oauth-apps', 'weekly_model', 'Weekly (OAuth apps)', 10],
      ['weekly_model:cowork', 'weekly_model', 'Weekly (Cowork)', 9],
    ]);
  });

  it('keys a surface on its id and names it by its display name', () => {
    const r = parseUsageResponse({
      seven_day_cowork: { utilization: 9, resets_at: null },
      limits: [
        { kind: 'weekly_scoped', percent: 11, resets_at: null, scope: { surface: { id: 'cowork', display_name: 'Claude Cowork' } } },
        {
          kind: 'weekly_scoped',
          percent: 3,
          resets_at: null,
          scope: { surface: { id: 'claude_in_chrome', display_name: 'Claude in Chrome' } },
        },
        { kind: 'weekly_scoped', percent: 4, resets_at: null, label: 'Fable', scope: null },
      ],
    });
    expect(r.ok && r.value.windows.map((w) => [w.id, w.label, w.usedPercent])).toEqual([
      ['weekly_model:cowork', 'Weekly (Cowork)', 11],
      ['weekly_model:claude-in-chrome', 'Weekly (Claude in Chrome)', 3],
      ['weekly_model:fable', 'Weekly Fable', 4],
    ]);
  });

  it('keeps a scoped entry under the all-models kind scoped', () => {
    const r = parseUsageResponse({
      limits: [
        { kind: 'weekly_all', percent: 50, resets_at: null, scope: null },
        { kind: 'weekly_all', percent: 80, resets_at: null, scope: { surface: 'cowork' } },
      ],
    });
    expect(r.ok && r.value.windows.map((w) => [w.id, w.kind, w.usedPercent])).toEqual([
      ['seven_day', 'weekly', 50],
      ['weekly_model:cowork', 'weekly_model', 80],
    ]);
  });

  it('ignores is_active: an enforced scoped limit reporting false is still shown', () => {
    const r = parseUsageResponse({
      limits: [{ kind: 'weekly_scoped', percent: 100, is_active: false, resets_at: null, scope: { model: { display_name: 'Opus' } } }],
    });
    expect(r.ok && r.value.windows.map((w) => [w.id, w.usedPercent])).toEqual([['weekly_model:opus', 100]]);
  });

  it('drops an odd severity without losing the window', () => {
    const r = parseUsageResponse({ limits: [{ kind: 'session', percent: 3, resets_at: null, severity: 7 }] });
    expect(r.ok && r.value.windows.map((w) => w.id)).toEqual(['five_hour']);
    expect(r.ok && r.value.severities).toEqual({});
  });

  it('reads spend without a cap as money spent, never as 0 %', () => {
    const r = parse('oauth-usage/usage.200.spend-no-cap.constructed-2026-11.json');
    expect(r.ok && r.value.extraUsage).toEqual({ enabled: true, used: 18.37, limit: null, currency: 'EUR', percent: null });
  });

  it('merges spend and extra_usage, which are the same money in two spellings', () => {
    const r = parse('oauth-usage/usage.200.spend-and-extra-usage.constructed-2026-11.json');
    expect(r.ok && r.value.extraUsage).toEqual({ enabled: true, used: 25.5, limit: 100, currency: 'USD', percent: 25.5 });
    const spendOnly = parseUsageResponse({
      five_hour: { utilization: 3, resets_at: null },
      spend: {
        used: { amount_minor: 1250, currency: 'JPY', exponent: 0 },
        cap: { amount_minor: 5000, currency: 'JPY', exponent: 0 },
        limit: null,
        percent: 25,
      },
    });
    expect(spendOnly.ok && spendOnly.value.extraUsage).toEqual({ enabled: true, used: 1250, limit: 5000, currency: 'JPY', percent: 25 });
    // extra_usage without a limit and spend with a cap: the cap fills the gap and the percent follows it.
    const gap = parseUsageResponse({
      five_hour: { utilization: 3, resets_at: null },
      extra_usage: { is_enabled: true, monthly_limit: null, used_credits: 500, utilization: 0, currency: 'USD' },
      spend: { used: { amount_minor: 500, currency: 'USD', exponent: 2 }, cap: { amount_minor: 2000, currency: 'USD', exponent: 2 } },
    });
    expect(gap.ok && gap.value.extraUsage).toEqual({ enabled: true, used: 5, limit: 20, currency: 'USD', percent: 25 });
  });

  it('survives a malformed spend block', () => {
    for (const spend of [null, 'x', [], { used: 'lots' }, { used: { amount_minor: 'x' } }, { percent: 50 }]) {
      const r = parseUsageResponse({ five_hour: { utilization: 1, resets_at: null }, spend });
      expect(r.ok, JSON.stringify(spend)).toBe(true);
      expect(r.ok && r.value.extraUsage, JSON.stringify(spend)).toBeNull();
    }
  });

  it('reads extra_usage decimal_places and its daily and weekly caps', () => {
    const r = parse('oauth-usage/usage.200.limits-scopes-severity.constructed-2026-11.json');
    expect(r.ok && r.value.extraUsage).toEqual({ enabled: true, used: 3.125, limit: 25, currency: 'USD', percent: 12.5 });
    expect(r.ok && r.value.extraUsagePeriods).toEqual({
      daily: { used: 0.8, limit: 5, percent: 16, resetsAt: '2026-12-01T00:00:00.000Z' },
      // No weekly cap: the 0 the server sends is not a percentage.
      weekly: { used: 3.125, limit: null, percent: null, resetsAt: null },
    });
  });

  it('reads a response with no window but the organisation’s extra usage as a spend-billed organisation', () => {
    const r = parseUsageResponse({
      five_hour: null,
      seven_day: null,
      extra_usage: {
        is_enabled: true,
        monthly_limit: 5000,
        used_credits: 1250,
        currency: 'JPY',
        decimal_places: 0,
        resets_at: '2027-01-01T00:00:00Z',
      },
    });
    expect(r.ok && r.value.windows).toEqual([
      {
        id: 'org_credits',
        kind: 'other',
        label: 'Organisation usage credits',
        usedPercent: 25,
        resetsAt: '2027-01-01T00:00:00.000Z',
        scope: 'organisation',
        money: { used: 1250, limit: 5000, currency: 'JPY' },
      },
    ]);
    expect(r.ok && r.value.extraUsage).toBeNull();
    // Extra usage switched off is not an organisation's credits: it stays what it was.
    const off = parseUsageResponse({ five_hour: null, extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null } });
    expect(off.ok && off.value.windows).toEqual([]);
    expect(off.ok && off.value.extraUsage).toMatchObject({ enabled: false });
    expect(off.ok && off.value.extraUsage?.scope).toBeUndefined();
  });
});
