/**
 * Team and Enterprise through claude.ai with a session key, over loopback HTTP against the fake
 * claude.ai: the organisation's credits, the member's own spend (or why claude.ai does not serve
 * it), reset grants and the plan label.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostOf } from '../../../../electron/core/platform/net/http';
import { createNodeClaudeWebFetch } from '../../../../electron/core/sources/claude-web/fetch-port';
import { memberSpendRefusal, parseMemberSpend } from '../../../../electron/core/sources/claude-web/parsers';
import { createClaudeWebSource } from '../../../../electron/core/sources/claude-web/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import { fixtureText } from '../../../support/fake-anthropic';
import { SESSION_KEY, startFakeClaudeWeb, type FakeClaudeWeb } from '../../../support/fake-claude-web';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const TEAM_ORG = '0f9d1e7a-3c2b-4e5f-8a9b-c1d2e3f4a5b6';
let server: FakeClaudeWeb;
beforeEach(async () => {
  server = await startFakeClaudeWeb();
  server.route('/api/organizations', { kind: 'fixture', file: 'claude-ai/organizations.200.team.constructed.json' });
  server.route(`/api/organizations/${TEAM_ORG}/usage`, {
    kind: 'fixture',
    file: 'claude-ai/org-usage.200.spend-billed-with-grant.constructed-2026-12.json',
  });
});
afterEach(async () => {
  await server.close();
});

async function poll(): Promise<Extract<PollResult, { ok: true }>['data']> {
  const source = createClaudeWebSource({
    baseUrl: server.url,
    fetch: createNodeClaudeWebFetch({ extraHosts: hostOf(server.url), timeoutMs: 2000 }),
    getSecret: async () => SESSION_KEY,
  });
  const r = await source.poll({ signal: new AbortController().signal, now: () => NOW });
  expect(server.cookieProblems).toEqual([]);
  if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r)}`);
  return r.data;
}

describe('a spend-billed organisation on claude.ai', () => {
  it('shows the organisation credits, the member’s own spend beside them, the reset grant and the Team plan', async () => {
    server.route(`/api/organizations/${TEAM_ORG}/usage/spend`, {
      kind: 'fixture',
      file: 'claude-ai/usage-spend.200.constructed-2026-12.json',
    });
    const data = await poll();
    expect(data.windows).toMatchObject([
      { id: 'org_credits', scope: 'organisation', usedPercent: 61.7, money: { used: 1234, limit: 2000 } },
    ]);
    expect(data.memberSpend).toEqual({
      state: 'ok',
      amount: 87.35,
      currency: 'USD',
      periodStart: '2026-12-01T00:00:00.000Z',
      periodEnd: '2027-01-01T00:00:00.000Z',
    });
    expect(data.resets).toHaveLength(1);
    expect(data.resets![0]).toMatchObject({ resetsLeft: 1, endsAt: '2026-12-22T16:00:00.000Z' });
    expect(data.plan).toEqual({ name: 'Team', email: null });
    const usage = server.requests.find((q) => q.path === `/api/organizations/${TEAM_ORG}/usage`)!;
    expect(usage.search).toBe('?cedar_ember=1');
    expect(String(usage.headers['user-agent'])).toMatch(/^Brimline\/\d+\.\d+\.\d+ /);
    // The overage limit is the same organisation money: not asked for again.
    expect(server.requests.some((q) => q.path.endsWith('/overage_spend_limit'))).toBe(false);
  });

  it('says individual analytics is off when claude.ai refuses the member’s spend for that reason', async () => {
    server.route(`/api/organizations/${TEAM_ORG}/usage/spend`, {
      kind: 'text',
      status: 403,
      body: fixtureText('claude-ai/usage-spend.403.analytics-off.derived.json'),
      contentType: 'application/json',
    });
    const data = await poll();
    expect(data.memberSpend).toEqual({ state: 'unavailable', reason: 'analytics_off' });
    // The refusal is about the spend only: the organisation's data is still there.
    expect(data.windows).toHaveLength(1);
  });

  it('says claude.ai does not serve it on a plain 404, and shows nothing on a server error', async () => {
    const data404 = await poll(); // the fake answers 404 for routes it does not know
    expect(data404.memberSpend).toEqual({ state: 'unavailable', reason: 'not_served' });
    server.route(`/api/organizations/${TEAM_ORG}/usage/spend`, { kind: 'json', status: 502, body: {} });
    const data502 = await poll();
    expect(data502.memberSpend).toBeUndefined();
  });
});

describe('member spend parsing', () => {
  it('reads flat minor units with decimal places too', () => {
    expect(parseMemberSpend({ used_credits: 12345, decimal_places: 3, currency: 'eur' })).toEqual({
      ok: true,
      value: { state: 'ok', amount: 12.345, currency: 'EUR', periodStart: null, periodEnd: null },
    });
  });

  it('refuses a body without an amount, and a negative one', () => {
    expect(parseMemberSpend({ period_start: '2026-12-01T00:00:00Z' }).ok).toBe(false);
    expect(parseMemberSpend({ amount_minor: -5 }).ok).toBe(false);
    expect(parseMemberSpend([]).ok).toBe(false);
  });

  it('reads a Cloudflare page as no answer rather than a refusal', () => {
    const headers = new Headers({ 'cf-mitigated': 'challenge', 'content-type': 'text/html' });
    expect(memberSpendRefusal(403, '<html>Just a moment...</html>', headers)).toBeNull();
  });
});
