import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialsResult } from '../../../../electron/core/platform/credentials/claude-code';
import { createClaudeOAuthSource } from '../../../../electron/core/sources/claude-oauth/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import { DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';

const NOW = Date.parse('2026-07-02T20:00:00Z');
const creds =
  (over: Partial<{ expiresAt: number | null; accessToken: string }> = {}): (() => Promise<CredentialsResult>) =>
  async () => ({
    ok: true,
    credentials: {
      accessToken: over.accessToken ?? DEFAULT_TOKEN,
      expiresAt: over.expiresAt === undefined ? NOW + 3600_000 : over.expiresAt,
      scopes: ['user:profile'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_5x',
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

async function pollOnce(
  over: Parameters<typeof createClaudeOAuthSource>[0] extends infer O ? Partial<O> : never = {},
): Promise<PollResult> {
  const source = createClaudeOAuthSource({ baseUrl: server.url, credentials: creds(), timeoutMs: 2000, ...over });
  return source.poll({ signal: new AbortController().signal, now: () => NOW });
}

describe('Claude OAuth usage source over loopback HTTP', () => {
  it('sends the headers real clients send and reads windows, extra usage and the plan', async () => {
    server.route('/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.legacy-2026-05.extra-enabled.json' });
    const r = await pollOnce();
    expect(server.headerProblems).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day', 'weekly_model:sonnet']);
    expect(r.data.extraUsage).toMatchObject({ enabled: true, used: 47.52, limit: 140 });
    expect(r.data.plan).toEqual({ name: 'Max 20x', email: 'user@example.com' });
    expect(server.requests.map((q) => q.path)).toEqual(['/api/oauth/usage', '/api/oauth/profile']);
    expect(String(server.requests[0]!.headers['user-agent'])).toMatch(
      /^Brimline\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/brimline-app\/brimline\)$/,
    );
  });

  it('asks for the profile at most every few hours', async () => {
    let now = NOW;
    const source = createClaudeOAuthSource({ baseUrl: server.url, credentials: creds({ expiresAt: null }) });
    for (let i = 0; i < 4; i++) {
      await source.poll({ signal: new AbortController().signal, now: () => now });
      now += 30 * 60_000;
    }
    expect(server.requests.filter((q) => q.path === '/api/oauth/profile')).toHaveLength(1);
    now += 3 * 3600_000;
    await source.poll({ signal: new AbortController().signal, now: () => now });
    expect(server.requests.filter((q) => q.path === '/api/oauth/profile')).toHaveLength(2);
  });

  it('falls back to the plan in the credentials when the profile fails', async () => {
    server.route('/api/oauth/profile', { kind: 'json', status: 500, body: {} });
    const r = await pollOnce();
    expect(r.ok && r.data.plan).toEqual({ name: 'Max 5x', email: null });
  });

  it('never sends an expired token and says how to fix it', async () => {
    const r = await pollOnce({ credentials: creds({ expiresAt: NOW - 1 }) });
    expect(server.requests).toHaveLength(0);
    expect(r).toMatchObject({
      ok: false,
      kind: 'needs_user',
      error: { code: 'login_expired', action: { kind: 'run_command', command: 'claude' } },
    });
    if (!r.ok && r.kind !== 'rate_limited')
      expect(r.error.message).toBe('Your Claude Code login has expired: run `claude` once and Brimline picks the new login up.');
  });

  const cases: Array<[string, Parameters<FakeAnthropic['route']>[1], Partial<Record<'kind' | 'code', string>>]> = [
    [
      '401',
      { kind: 'fixture', status: 401, file: 'oauth-usage/error.401.token-expired.json' },
      { kind: 'needs_user', code: 'login_expired' },
    ],
    [
      '403 JSON',
      { kind: 'json', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'scope' } } },
      { kind: 'needs_user', code: 'missing_scope' },
    ],
    [
      '403 Cloudflare page',
      { kind: 'text', status: 403, contentType: 'text/html', body: '<!DOCTYPE html><html><title>Just a moment...</title></html>' },
      { kind: 'bad_response', code: 'bad_response' },
    ],
    [
      '429',
      { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json', headers: { 'retry-after': '30' } },
      { kind: 'rate_limited', code: 'rate_limited' },
    ],
    ['500', { kind: 'json', status: 500, body: {} }, { kind: 'transient', code: 'unavailable' }],
    ['503', { kind: 'text', status: 503, body: 'upstream down' }, { kind: 'transient', code: 'unavailable' }],
    [
      'truncated JSON',
      { kind: 'text', status: 200, contentType: 'application/json', body: '{"five_hour": {"utilization": 1' },
      { kind: 'bad_response', code: 'bad_response' },
    ],
    [
      'HTML 200',
      { kind: 'text', status: 200, contentType: 'text/html', body: '<html>login</html>' },
      { kind: 'bad_response', code: 'bad_response' },
    ],
    ['JSON that is not usage', { kind: 'json', status: 200, body: { hello: 'world' } }, { kind: 'bad_response', code: 'bad_response' }],
    ['dropped connection', { kind: 'drop' }, { kind: 'transient', code: 'unavailable' }],
    ['redirect', { kind: 'redirect', location: 'https://evil.example/steal' }, { kind: 'bad_response', code: 'bad_response' }],
  ];
  for (const [name, behaviour, expected] of cases) {
    it(`maps ${name} to a state with a fix`, async () => {
      server.route('/api/oauth/usage', behaviour);
      const r = await pollOnce();
      expect(r.ok).toBe(false);
      if (r.ok) return;
      if (r.kind === 'rate_limited') {
        // A 429 states only the server's facts; the scheduler words the message and the retry time.
        expect({ kind: r.kind, code: 'rate_limited' }).toEqual(expected);
        return;
      }
      expect({ kind: r.kind, code: r.error.code }).toEqual(expected);
      expect(r.error.message.length).toBeGreaterThan(20);
      expect(r.error.action).not.toBeNull();
      expect(JSON.stringify(r)).not.toContain(DEFAULT_TOKEN);
    });
  }

  it('passes Retry-After through for the scheduler', async () => {
    server.route('/api/oauth/usage', { kind: 'json', status: 429, body: {}, headers: { 'retry-after': '1600' } });
    const r = await pollOnce();
    expect(r).toMatchObject({ ok: false, kind: 'rate_limited', retryAfterMs: 1_600_000 });
  });

  it('gives up on a stalled server after the timeout', async () => {
    server.route('/api/oauth/usage', { kind: 'stall' });
    const r = await pollOnce({ timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, kind: 'transient', error: { code: 'unavailable' } });
    if (!r.ok && r.kind !== 'rate_limited') expect(r.error.message).toContain('timed out');
  });

  it('caps a huge body instead of buffering it', async () => {
    server.route('/api/oauth/usage', { kind: 'huge', bytes: 20 * 1024 * 1024 });
    const r = await pollOnce();
    expect(r).toMatchObject({ ok: false, kind: 'bad_response' });
    if (!r.ok && r.kind !== 'rate_limited') expect(r.error.message).toContain('larger than');
  });
});
