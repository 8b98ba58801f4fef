import { failure, rateLimited } from '../../../support/poll-result';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundaries } from '../../../../electron/core/sources/admin-api/calendar';
import { addDecimal, formatDecimal, parseDecimal, shiftDecimal, ZERO } from '../../../../electron/core/sources/admin-api/decimal';
import { envSecrets } from '../../../../electron/core/cli/env-secrets';
import { SOURCES } from '../../../../electron/core/sources/registry';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { parseCostPage } from '../../../../electron/core/sources/admin-api/reports';
import { ADMIN_MIN_INTERVAL_MS, createAdminApiSource, type AdminApiOptions } from '../../../../electron/core/sources/admin-api/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import { fixtureText } from '../../../support/fake-anthropic';
import { ADMIN_KEY, INDIVIDUAL_ACCOUNT, PERMISSION, costPage, startFakeAdminApi, type FakeAdminApi } from '../../../support/fake-admin-api';

// 13:00 on 2 July in Los Angeles (PDT, UTC-7).
const NOW = Date.parse('2026-07-02T20:00:00Z');
let server: FakeAdminApi;
beforeEach(async () => {
  server = await startFakeAdminApi();
});
afterEach(async () => {
  await server.close();
});

function source(over: Partial<AdminApiOptions> = {}) {
  return createAdminApiSource({
    baseUrl: server.url,
    getSecret: async () => ADMIN_KEY,
    timeZone: () => 'America/Los_Angeles',
    timeoutMs: 2000,
    ...over,
  });
}
const poll = (s: { poll: ReturnType<typeof source>['poll'] }, now = NOW): Promise<PollResult> =>
  s.poll({ signal: new AbortController().signal, now: () => now });
function ok(r: PollResult) {
  if (!r.ok) throw new Error(`expected data, got ${r.kind}: ${r.kind === 'rate_limited' ? '429' : r.error.message}`);
  return r.data;
}
const PAGES = [['123.78912', '0.1', '0.2'], ['0.00001', '99999.99999'], ['7']];

describe('Admin API source over loopback HTTP', () => {
  it('sums every page of the month-to-date cost report exactly, cents to dollars', async () => {
    server.costPages(PAGES);
    const data = ok(await poll(source()));
    expect(server.headerProblems).toEqual([]);
    const costCalls = server.requests.filter((q) => q.path === '/v1/organizations/cost_report');
    expect(costCalls.map((q) => q.query.get('page'))).toEqual([null, 'page_1', 'page_2']);
    expect(costCalls.every((q) => q.headers['x-api-key'] === ADMIN_KEY)).toBe(true);
    // Brimline names itself to every server.
    expect(costCalls.every((q) => /^Brimline\/\d+\.\d+\.\d+ /.test(String(q.headers['user-agent'])))).toBe(true);
    // 123.78912 + 0.1 + 0.2 + 0.00001 + 99999.99999 + 7 = 100131.08912 cents.
    expect(data.apiSpend).toMatchObject({
      currency: 'USD',
      monthToDateExact: '1001.3108912',
      monthToDateUsd: 1001.3108912,
      budgetUsd: null,
    });
    expect(data.windows).toEqual([]);
    expect(JSON.stringify(data)).not.toContain(ADMIN_KEY);
  });

  it('does not drift where floats would', async () => {
    server.costPages([Array.from({ length: 1000 }, () => '0.1')]);
    const data = ok(await poll(source()));
    // 1000 × 0.1 cents is exactly one dollar; a float accumulator gives 0.99999999999998.
    expect(data.apiSpend?.monthToDateExact).toBe('1');
    expect(data.apiSpend?.monthToDateUsd).toBe(1);
  });

  it('starts the month and the day at local midnight in the user time zone', async () => {
    ok(await poll(source()));
    const cost = server.requests.find((q) => q.path === '/v1/organizations/cost_report')!;
    expect(cost.query.get('starting_at')).toBe('2026-07-01T07:00:00.000Z');
    expect(cost.query.get('bucket_width')).toBe('1d');
    const usage = server.requests.find((q) => q.path === '/v1/organizations/usage_report/messages')!;
    expect(usage.query.get('starting_at')).toBe('2026-07-02T07:00:00.000Z');
    expect(usage.query.getAll('group_by[]')).toEqual(['model']);

    ok(await poll(source({ timeZone: () => 'Pacific/Auckland' })));
    const nz = server.requests.filter((q) => q.path === '/v1/organizations/cost_report').at(-1)!;
    // 08:00 on 3 July in Auckland (UTC+12): the month began at 12:00 UTC on 30 June.
    expect(nz.query.get('starting_at')).toBe('2026-06-30T12:00:00.000Z');
    // An unknown zone falls back to UTC rather than failing the poll.
    ok(await poll(source({ timeZone: () => 'Mars/Olympus_Mons' })));
    expect(
      server.requests
        .filter((q) => q.path === '/v1/organizations/cost_report')
        .at(-1)!
        .query.get('starting_at'),
    ).toBe('2026-07-01T00:00:00.000Z');
  });

  it("reads today's tokens per model across the usage report's pages", async () => {
    const data = ok(await poll(source()));
    expect(server.requests.filter((q) => q.path === '/v1/organizations/usage_report/messages').map((q) => q.query.get('page'))).toEqual([
      null,
      'page_MjAyNS0wNS0xNFQwMDowMDowMFo=',
    ]);
    expect(data.apiSpend?.todayByModel).toEqual([
      { model: 'claude-haiku-4-5', inputTokens: 20000, outputTokens: 1000, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 21000 },
      { model: 'claude-opus-5', inputTokens: 1800, outputTokens: 750, cacheCreationTokens: 1600, cacheReadTokens: 4200, totalTokens: 8350 },
    ]);
    expect(data.apiSpend?.todayStart).toBe('2026-07-02T07:00:00.000Z');
  });

  it('turns spend against a monthly budget into a budget window that resets at the next local month', async () => {
    server.costPages(PAGES);
    const data = ok(await poll(source({ monthlyBudgetUsd: () => 2000 })));
    expect(data.windows).toHaveLength(1);
    const w = data.windows[0]!;
    expect([w.id, w.kind, w.label, w.resetsAt]).toEqual(['budget:api-monthly', 'budget', 'API budget (month)', '2026-08-01T07:00:00.000Z']);
    expect(w.usedPercent).toBeCloseTo(50.06554456, 8);
    expect(data.apiSpend?.budgetUsd).toBe(2000);
    for (const bad of [0, -5, Number.NaN]) expect(ok(await poll(source({ monthlyBudgetUsd: () => bad }))).windows).toEqual([]);
  });

  it('polls at most every 5 minutes', () => {
    expect(source().minIntervalMs).toBe(5 * 60_000);
    expect(ADMIN_MIN_INTERVAL_MS).toBe(300_000);
  });

  it('says the key is invalid or revoked on 401', async () => {
    const r = failure(await poll(source({ getSecret: async () => 'sk-ant-admin01-revoked' })));
    expect(r.kind).toBe('needs_user');
    expect(r.error.message).toMatch(/invalid or has been revoked/);
    expect(r.error.action).toEqual({ kind: 'open_settings' });
    expect(JSON.stringify(r)).not.toContain('sk-ant-admin01-revoked');
  });

  it('asks for an Admin key on 403 and for an API key, without sending the API key', async () => {
    server.route('/v1/organizations/cost_report', () => PERMISSION);
    const denied = failure(await poll(source()));
    expect(denied.error.message).toMatch(/needs an Admin key .* organisation admin creates in the Anthropic Console/);
    expect(denied.error.action).toEqual({ kind: 'open_url', url: 'https://console.anthropic.com/settings/admin-keys' });

    const before = server.requests.length;
    const apiKey = failure(await poll(source({ getSecret: async () => 'sk-ant-api03-an-ordinary-key' })));
    expect(apiKey.error.message).toMatch(/^This is an API key, not an Admin key\. API spend needs an Admin key/);
    expect(server.requests.length).toBe(before);
    expect(JSON.stringify(apiKey)).not.toContain('an-ordinary-key');
  });

  it('says an individual account has no Admin API', async () => {
    server.route('/v1/organizations/cost_report', () => INDIVIDUAL_ACCOUNT);
    const r = failure(await poll(source()));
    expect(r.kind).toBe('needs_user');
    expect(r.error.message).toMatch(/individual account, which has no Admin API/);
  });

  it('is unconfigured without a key', async () => {
    const r = failure(await poll(source({ getSecret: async () => null })));
    expect(r.kind).toBe('unconfigured');
    expect(r.error.message).toMatch(/ANTHROPIC_ADMIN_KEY/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects broken pagination and amounts instead of showing a partial sum', async () => {
    server.route('/v1/organizations/cost_report', () => ({
      kind: 'json',
      body: { ...(costPage(['1'], null) as object), has_more: true, next_page: null },
    }));
    expect(failure(await poll(source())).error.message).toMatch(/has more pages but names no next page/);
    server.route('/v1/organizations/cost_report', () => ({ kind: 'json', body: costPage(['1'], 'same-cursor') }));
    const loop = failure(await poll(source()));
    expect(loop.kind).toBe('bad_response');
    expect(loop.error.message).toMatch(/did not end after 2 pages/);
    server.route('/v1/organizations/cost_report', () => ({ kind: 'json', body: costPage(['1.2e3'], null) }));
    expect(failure(await poll(source())).error.message).toMatch(/not a decimal number/);
    server.route('/v1/organizations/cost_report', (q) => ({
      kind: 'json',
      body: costPage(['1'], q.get('page') ? null : 'p2', q.get('page') ? 'EUR' : 'USD'),
    }));
    expect(failure(await poll(source())).error.message).toMatch(/mixes currencies \(USD, EUR\)/);
  });

  it('passes rate limits and outages on, and keeps the spend when only the usage report fails', async () => {
    server.route('/v1/organizations/cost_report', () => ({
      kind: 'json',
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } },
      headers: { 'retry-after': '120' },
    }));
    const limited = rateLimited(await poll(source()));
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limited', 120_000]);
    server.route('/v1/organizations/cost_report', () => ({
      kind: 'json',
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error' } },
    }));
    expect(failure(await poll(source())).kind).toBe('transient');

    server.costPages(PAGES);
    server.route('/v1/organizations/usage_report/messages', () => ({
      kind: 'json',
      status: 500,
      body: { type: 'error', error: { type: 'api_error' } },
    }));
    const data = ok(await poll(source()));
    expect(data.apiSpend).toMatchObject({ monthToDateExact: '1001.3108912', todayByModel: null });
  });

  it('builds from the environment as the command line does: ANTHROPIC_ADMIN_KEY and the API base override', async () => {
    server.costPages(PAGES);
    const fromEnv = (env: Record<string, string>) => {
      const made = SOURCES['admin-api'].create({
        env,
        dataDir: '/nonexistent',
        now: () => NOW,
        secrets: envSecrets(env),
        settings: () => DEFAULT_SETTINGS,
        folders: [],
      });
      expect(made).toHaveLength(1);
      return made[0]!;
    };
    const s = fromEnv({ ANTHROPIC_ADMIN_KEY: ` ${ADMIN_KEY}\n`, BRIMLINE_ANTHROPIC_API_URL: `${server.url}/`, TZ: 'UTC' });
    const data = ok(await poll(s));
    expect(data.apiSpend?.monthToDateUsd).toBe(1001.3108912);
    expect(await envSecrets({}).get('adminApiKey')).toBeNull();
    expect(await envSecrets({ ANTHROPIC_ADMIN_KEY: '  ' }).get('adminApiKey')).toBeNull();
    const missing = failure(await poll(fromEnv({ BRIMLINE_ANTHROPIC_API_URL: server.url })));
    expect(missing.kind).toBe('unconfigured');
  });
});

describe('Admin API pieces', () => {
  it('adds decimal strings exactly', () => {
    const sum = ['123.78912', '0.00001', '-0.5', '10', '0.1', '0.2'].reduce((acc, s) => addDecimal(acc, parseDecimal(s)!), ZERO);
    expect(formatDecimal(sum)).toBe('133.58913');
    expect(formatDecimal(shiftDecimal(parseDecimal('123.78912')!, 2))).toBe('1.2378912');
    expect(formatDecimal(shiftDecimal(parseDecimal('5')!, 2))).toBe('0.05');
    expect(formatDecimal(parseDecimal('-0.000')!)).toBe('0');
    for (const bad of ['', '1e5', '1.', '.5', 'NaN', '1,5', ' ']) expect(parseDecimal(bad), bad).toBeNull();
  });

  it('reads the documented cost report pages', () => {
    for (const [file, more] of [
      ['admin-api/cost_report.platform-2025.json', true],
      ['admin-api/cost_report.platform-2026.json', false],
    ] as const) {
      const r = parseCostPage(JSON.parse(fixtureText(file)));
      expect(r.ok, file).toBe(true);
      if (!r.ok) continue;
      expect(formatDecimal(r.value.value.cents.get('USD')!)).toBe('123.78912');
      expect(r.value.nextPage !== null).toBe(more);
    }
    expect(parseCostPage({ data: 'x' }).ok).toBe(false);
    expect(parseCostPage(null).ok).toBe(false);
  });

  it('computes month boundaries across a year end and a DST change', () => {
    // 19:00 on 31 December 2025 in Los Angeles (PST, UTC-8).
    expect(boundaries(Date.parse('2026-01-01T03:00:00Z'), 'America/Los_Angeles')).toEqual({
      monthStart: Date.parse('2025-12-01T08:00:00Z'),
      nextMonthStart: Date.parse('2026-01-01T08:00:00Z'),
      todayStart: Date.parse('2025-12-31T08:00:00Z'),
    });
    // March 2026 in Paris: the month starts in winter time (UTC+1), April in summer time (UTC+2).
    const paris = boundaries(Date.parse('2026-03-30T10:00:00Z'), 'Europe/Paris');
    expect(paris.monthStart).toBe(Date.parse('2026-02-28T23:00:00Z'));
    expect(paris.nextMonthStart).toBe(Date.parse('2026-03-31T22:00:00Z'));
    expect(paris.todayStart).toBe(Date.parse('2026-03-29T22:00:00Z'));
  });
});
