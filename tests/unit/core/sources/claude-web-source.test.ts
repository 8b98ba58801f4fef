import { failure, rateLimited } from '../../../support/poll-result';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostOf } from '../../../../electron/core/platform/net/http';
import { claudeWebBase } from '../../../../electron/core/platform/paths';
import { createNodeClaudeWebFetch } from '../../../../electron/core/sources/claude-web/fetch-port';
import { classifyWebFailure, parseOrganizations, parseOverage } from '../../../../electron/core/sources/claude-web/parsers';
import {
  BROWSER_CHECK_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  createClaudeWebSource,
  type ClaudeWebOptions,
} from '../../../../electron/core/sources/claude-web/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import {
  API_ORG,
  CHALLENGE,
  CHALLENGE_HTML,
  CHAT_ORG,
  INVALID_ORG,
  SESSION_EXPIRED_403,
  SESSION_KEY,
  startFakeClaudeWeb,
  type FakeClaudeWeb,
} from '../../../support/fake-claude-web';
import { fixtureText } from '../../../support/fake-anthropic';

const NOW = Date.parse('2026-07-02T20:00:00Z');
let server: FakeClaudeWeb;
beforeEach(async () => {
  server = await startFakeClaudeWeb();
});
afterEach(async () => {
  await server.close();
});

function source(over: Partial<ClaudeWebOptions> = {}) {
  return createClaudeWebSource({
    baseUrl: server.url,
    fetch: createNodeClaudeWebFetch({ extraHosts: hostOf(server.url), timeoutMs: 2000 }),
    getSecret: async () => SESSION_KEY,
    ...over,
  });
}

const poll = (s: ReturnType<typeof source>, now = NOW): Promise<PollResult> =>
  s.poll({ signal: new AbortController().signal, now: () => now });

const TWO_CHAT_ORGS = [
  { uuid: CHAT_ORG, name: 'Personal', capabilities: ['chat', 'claude_max'], rate_limit_tier: 'default_claude_max_5x' },
  {
    uuid: 'b0b0b0b0-1111-2222-3333-444455556666',
    name: 'Acme Team',
    capabilities: ['chat', 'claude_team'],
    rate_limit_tier: 'default_team',
  },
  { uuid: API_ORG, name: 'API', capabilities: ['api'], rate_limit_tier: null },
];

describe('claude.ai session-key source over loopback HTTP', () => {
  it('follows the chat organisation: usage windows, extra usage from the overage limit, plan from the tier', async () => {
    const r = await poll(source());
    expect(server.cookieProblems).toEqual([]);
    expect(server.requests.map((q) => q.path)).toEqual([
      '/api/organizations',
      `/api/organizations/${CHAT_ORG}/usage`,
      `/api/organizations/${CHAT_ORG}/overage_spend_limit`,
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.windows.map((w) => [w.id, w.kind, w.usedPercent])).toEqual([
      ['five_hour', 'session', 16],
      ['seven_day', 'weekly', 10],
      ['weekly_model:fable', 'weekly_model', 5],
    ]);
    // 5000 and 1200 minor units: $50 limit, $12 used.
    expect(r.data.extraUsage).toEqual({ enabled: true, used: 12, limit: 50, currency: 'USD', percent: 24 });
    expect(r.data.plan).toEqual({ name: 'Max 5x', email: null });
    expect(JSON.stringify(r)).not.toContain(SESSION_KEY);
  });

  it('asks for the organisation list once in a while, not on every poll', async () => {
    const s = source();
    for (let i = 0; i < 3; i++) expect((await poll(s, NOW + i * 5 * 60_000)).ok).toBe(true);
    expect(server.requests.filter((q) => q.path === '/api/organizations')).toHaveLength(1);
    await poll(s, NOW + 7 * 3600_000);
    expect(server.requests.filter((q) => q.path === '/api/organizations')).toHaveLength(2);
  });

  it('lets the user choose between several chat organisations and reports the list for Settings', async () => {
    server.route('/api/organizations', { kind: 'json', body: TWO_CHAT_ORGS });
    const seen: string[][] = [];
    const s = source({ onOrganizations: (list) => seen.push(list.map((o) => o.name)) });
    const r = failure(await poll(s));
    expect(r.kind).toBe('needs_user');
    expect(r.error.message).toMatch(/2 organisations with chat: choose the organisation/);
    expect(r.error.action).toEqual({ kind: 'open_settings' });
    expect(s.organizations().map((o) => [o.uuid, o.chat, o.planName])).toEqual([
      [CHAT_ORG, true, 'Max 5x'],
      ['b0b0b0b0-1111-2222-3333-444455556666', true, 'Team'],
      [API_ORG, false, null],
    ]);
    expect(seen).toEqual([['Personal', 'Acme Team', 'API']]);
    expect(server.requests.some((q) => q.path.endsWith('/usage'))).toBe(false);

    let chosen: string | null = CHAT_ORG;
    const picked = source({ organizationUuid: () => chosen });
    expect((await poll(picked)).ok).toBe(true);
    chosen = 'ffffffff-0000-0000-0000-000000000000';
    const gone = failure(await poll(picked));
    expect(gone.error.message).toMatch(/no longer on this account: choose the organisation/);
    // The list shown in Settings stays, and is read afresh on the next poll.
    expect(picked.organizations()).toHaveLength(3);
    const lists = server.requests.filter((q) => q.path === '/api/organizations').length;
    chosen = CHAT_ORG;
    expect((await poll(picked)).ok).toBe(true);
    expect(server.requests.filter((q) => q.path === '/api/organizations')).toHaveLength(lists + 1);
  });

  it('says when the account has no chat organisation', async () => {
    server.route('/api/organizations', { kind: 'json', body: [TWO_CHAT_ORGS[2]] });
    const r = failure(await poll(source()));
    expect(r.kind).toBe('needs_user');
    expect(r.error.message).toMatch(/no organisation with chat/);
  });

  it('tells a Cloudflare browser check apart from a login problem', async () => {
    const variants = [
      CHALLENGE,
      // Without the cf-mitigated header: recognised by the page itself, even with a 200 or a 503.
      { kind: 'text', status: 200, body: CHALLENGE_HTML, contentType: 'text/html' } as const,
      {
        kind: 'text',
        status: 503,
        body: '<html><head><title>Just a moment...</title></head><body></body></html>',
        contentType: 'text/html',
      } as const,
    ];
    for (const [i, b] of variants.entries()) {
      server.route('/api/organizations', b);
      const r = failure(await poll(source()));
      expect(r.kind, `variant ${i}`).toBe('needs_user');
      expect(r.error.message).toBe(BROWSER_CHECK_MESSAGE);
      expect(r.error.action).toEqual({ kind: 'open_url', url: 'https://claude.ai' });
    }
    server.route('/api/organizations', { kind: 'fixture', file: 'claude-ai/organizations.200.json' });
    server.route(`/api/organizations/${CHAT_ORG}/usage`, CHALLENGE);
    expect(failure(await poll(source())).error.message).toBe(BROWSER_CHECK_MESSAGE);
  });

  it('says the session key expired, with a way to paste a new one, and re-reads the organisations after it', async () => {
    const wrongKey = failure(await poll(source({ getSecret: async () => 'sk-ant-sid01-an-old-revoked-key' })));
    expect(server.cookieProblems).toHaveLength(1);
    expect(wrongKey.kind).toBe('needs_user');
    expect(wrongKey.error).toEqual({ code: 'login_expired', message: SESSION_EXPIRED_MESSAGE, action: { kind: 'open_settings' } });
    expect(JSON.stringify(wrongKey)).not.toContain('an-old-revoked-key');

    const listsBefore = server.requests.filter((q) => q.path === '/api/organizations').length;
    const s = source();
    expect((await poll(s)).ok).toBe(true);
    server.route(`/api/organizations/${CHAT_ORG}/usage`, SESSION_EXPIRED_403);
    expect(failure(await poll(s, NOW + 60_000)).error.message).toBe(SESSION_EXPIRED_MESSAGE);
    server.route(`/api/organizations/${CHAT_ORG}/usage`, { kind: 'fixture', file: 'claude-ai/org-usage.200.2026-07.json' });
    expect((await poll(s, NOW + 120_000)).ok).toBe(true);
    expect(server.requests.filter((q) => q.path === '/api/organizations')).toHaveLength(listsBefore + 2);
  });

  it('asks to choose the organisation again on "Invalid authorization for organization"', async () => {
    server.route(`/api/organizations/${CHAT_ORG}/usage`, INVALID_ORG);
    const r = failure(await poll(source({ organizationUuid: () => CHAT_ORG })));
    expect(r.kind).toBe('needs_user');
    expect(r.error.code).toBe('login_required');
    expect(r.error.message).toMatch(/not valid for the chosen claude.ai organisation: choose the organisation to follow in Settings/);
    expect(r.error.action).toEqual({ kind: 'open_settings' });
  });

  it('asks for a key when none is stored, and for the right kind of key', async () => {
    const none = failure(await poll(source({ getSecret: async () => null })));
    expect(none.kind).toBe('unconfigured');
    expect(none.error.action).toEqual({ kind: 'open_settings' });
    const apiKey = failure(await poll(source({ getSecret: async () => 'sk-ant-api03-not-a-session' })));
    expect(apiKey.error.message).toMatch(/should start with "sk-ant-sid"/);
    expect(JSON.stringify(apiKey)).not.toContain('not-a-session');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the usage when the overage limit fails, and passes the rate limit on', async () => {
    server.route(`/api/organizations/${CHAT_ORG}/overage_spend_limit`, {
      kind: 'json',
      status: 404,
      body: { error: { type: 'not_found_error' } },
    });
    const r = await poll(source());
    expect(r.ok && r.data.extraUsage).toBeNull();
    expect(r.ok && r.data.windows).toHaveLength(3);

    server.route(`/api/organizations/${CHAT_ORG}/usage`, {
      kind: 'json',
      status: 429,
      body: { error: { type: 'rate_limit_error', message: 'Rate limited' } },
      headers: { 'retry-after': '900' },
    });
    const limited = rateLimited(await poll(source()));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(900_000);
    server.route(`/api/organizations/${CHAT_ORG}/usage`, { kind: 'text', status: 200, body: '{"five_hour": {"utiliz' });
    expect(failure(await poll(source())).kind).toBe('bad_response');
  });

  it('refuses hosts other than claude.ai and the override', async () => {
    const r = failure(await poll(source({ fetch: createNodeClaudeWebFetch() })));
    expect(r.error.message).toMatch(/only claude.ai and BRIMLINE_CLAUDE_WEB_URL/);
    expect(server.requests).toHaveLength(0);
    expect(claudeWebBase({})).toBe('https://claude.ai');
    expect(claudeWebBase({ BRIMLINE_CLAUDE_WEB_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
  });
});

describe('claude.ai parsers', () => {
  it('reads the captured organisation list and overage limit', () => {
    const orgs = parseOrganizations(JSON.parse(fixtureText('claude-ai/organizations.200.json')));
    expect(orgs.ok && orgs.value.map((o) => [o.uuid, o.chat])).toEqual([
      [CHAT_ORG, true],
      [API_ORG, false],
    ]);
    expect(parseOverage(JSON.parse(fixtureText('claude-ai/overage_spend_limit.200.json')))).toEqual({
      ok: true,
      value: { enabled: true, used: 12, limit: 50, currency: 'USD', percent: 24 },
    });
  });

  it('skips odd organisations and rejects what is not a list', () => {
    const r = parseOrganizations([null, 3, { uuid: '' }, { uuid: 'x', capabilities: 'chat' }, { uuid: 'y', capabilities: [1, 'chat'] }]);
    expect(r.ok && r.value.map((o) => [o.uuid, o.chat])).toEqual([['y', true]]);
    expect(parseOrganizations({ orgs: [] }).ok).toBe(false);
    expect(parseOverage([]).ok).toBe(false);
    expect(parseOverage({ is_enabled: false, monthly_credit_limit: null, used_credits: 0 })).toEqual({
      ok: true,
      value: { enabled: false, used: 0, limit: null, currency: 'USD', percent: null },
    });
  });

  it('never reports infinite money or an infinite percentage from the overage limit', () => {
    // 400 digits pass the digit check but are Infinity as a number: the body is not one we can read.
    expect(parseOverage({ is_enabled: true, monthly_credit_limit: 5000, used_credits: '9'.repeat(400) }).ok).toBe(false);
    expect(parseOverage({ is_enabled: true, monthly_credit_limit: 1, used_credits: 1e308 })).toEqual({
      ok: true,
      value: { enabled: true, used: 1e306, limit: 0.01, currency: 'USD', percent: null },
    });
  });

  it('classifies failures', () => {
    const json = new Headers({ 'content-type': 'application/json' });
    expect(classifyWebFailure(403, '{"error":{"message":"Invalid authorization for organization"}}', json)).toBe('invalid_org');
    expect(classifyWebFailure(401, 'not json', json)).toBe('session_expired');
    expect(classifyWebFailure(500, '{}', json)).toBe('other');
    expect(classifyWebFailure(403, '<html>Sorry, you have been blocked</html>', new Headers({ 'content-type': 'text/html' }))).toBe(
      'browser_check',
    );
  });
});
