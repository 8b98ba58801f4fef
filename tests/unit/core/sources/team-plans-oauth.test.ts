/**
 * Team and Enterprise plans and usage-limit resets through the OAuth usage source, over loopback
 * HTTP against the fake Anthropic API serving the issue-21 fixtures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialsResult } from '../../../../electron/core/platform/credentials/claude-code';
import { createClaudeOAuthSource } from '../../../../electron/core/sources/claude-oauth/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';

const NOW = Date.parse('2026-09-30T12:00:00Z');
const creds =
  (subscriptionType = 'max', rateLimitTier = 'default_claude_max_5x') =>
  async (): Promise<CredentialsResult> => ({
    ok: true,
    credentials: {
      accessToken: DEFAULT_TOKEN,
      expiresAt: NOW + 3600_000,
      scopes: ['user:profile'],
      subscriptionType,
      rateLimitTier,
      origin: 'test',
    },
  });

let server: FakeAnthropic;
beforeEach(async () => {
  server = await startFakeAnthropic();
});
afterEach(async () => {
  await server.close();
});

async function poll(log?: (m: string) => void, c = creds()): Promise<Extract<PollResult, { ok: true }>['data']> {
  const source = createClaudeOAuthSource({ baseUrl: server.url, credentials: c, timeoutMs: 2000, ...(log ? { log } : {}) });
  const r = await source.poll({ signal: new AbortController().signal, now: () => NOW });
  expect(server.headerProblems).toEqual([]);
  if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r)}`);
  return r.data;
}

describe('a spend-billed organisation (null windows, only the organisation extra_usage)', () => {
  it('becomes one organisation-scoped window with its money, not empty bars or an error', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.spend-billed-org.constructed-2026-12.json' });
    server.route('/api/oauth/profile', { kind: 'fixture', file: 'oauth-usage/profile.200.enterprise-spend-billed.constructed.json' });
    const data = await poll(undefined, creds('enterprise', 'default_claude_zero'));
    expect(data.windows).toEqual([
      {
        id: 'org_credits',
        kind: 'other',
        label: 'Organisation usage credits',
        usedPercent: 61.7,
        resetsAt: null,
        scope: 'organisation',
        money: { used: 1234, limit: 2000, currency: 'USD' },
      },
    ]);
    // The same money is not shown twice as "extra usage".
    expect(data.extraUsage).toBeNull();
    expect(data.plan).toEqual({ name: 'Enterprise', email: 'member@enterprise.example' });
  });

  it('without a cap, is extra usage marked as the organisation’s', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.spend-billed-no-cap.constructed-2026-12.json' });
    const data = await poll();
    expect(data.windows).toEqual([]);
    expect(data.extraUsage).toEqual({ enabled: true, used: 42.5, limit: null, currency: 'USD', percent: null, scope: 'organisation' });
  });
});

describe('usage-limit resets (cedar_ember), read-only', () => {
  it('reads the published grant with resets left', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.cedar-ember-grant.published-2026-09.json' });
    const data = await poll();
    expect(server.requests[0]!.search).toBe('?cedar_ember=1');
    expect(data.resets).toEqual([
      {
        label: 'Claude Opus 5.5 launch: one usage-limit reset for Pro and Max',
        resetsTotal: 1,
        resetsLeft: 1,
        startsAt: '2026-09-22T16:00:00.000Z',
        endsAt: '2026-10-22T16:00:00.000Z',
        clears: ['five_hour', 'seven_day', 'seven_day_overage_included'],
        usableNow: true,
      },
    ]);
    // The block is not mistaken for a window.
    expect(data.windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day']);
  });

  it('shows nothing for an ineligible answer and logs its reason once', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.cedar-ember-surface.published-2026-09.json' });
    const logged: string[] = [];
    const log = (m: string): void => void logged.push(m);
    const source = createClaudeOAuthSource({ baseUrl: server.url, credentials: creds(), timeoutMs: 2000, log });
    for (let i = 0; i < 3; i++) {
      const r = await source.poll({ signal: new AbortController().signal, now: () => NOW });
      expect(r.ok && r.data.resets).toBeNull();
    }
    expect(logged).toEqual(['usage-limit resets: not eligible (ineligible_reason: surface)']);
  });

  it('never claims a reset: every request is a GET to the usage or profile endpoint', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.cedar-ember-grant.published-2026-09.json' });
    await poll();
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /api/oauth/usage', 'GET /api/oauth/profile']);
  });
});

describe('plan labels of Team and Enterprise from the profile', () => {
  it('names a Team premium seat Team, even though its tier reads like Max 5x', async () => {
    server.route('/api/oauth/profile', { kind: 'fixture', file: 'oauth-usage/profile.200.team.constructed.json' });
    const data = await poll(undefined, creds('team', 'default_claude_max_5x'));
    expect(data.plan).toEqual({ name: 'Team Premium', email: 'member@team.example' });
  });

  it('falls back to the credentials: an enterprise subscription with a max-like tier is Enterprise', async () => {
    server.route('/api/oauth/profile', { kind: 'json', status: 500, body: {} });
    const data = await poll(undefined, creds('enterprise', 'default_claude_max_20x'));
    expect(data.plan).toEqual({ name: 'Enterprise', email: null });
  });

  it('keeps Max for a Max profile', async () => {
    const data = await poll();
    expect(data.plan).toEqual({ name: 'Max 20x', email: 'user@example.com' });
  });
});
