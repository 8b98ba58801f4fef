/**
 * `brimline status` for a spend-billed organisation with a usage-limit reset grant: the organisation's
 * credits are an organisation-scoped window (`scope: "organisation"`), the open grants are in
 * `resets[]`, and the text output says both in sentences. Real HTTP against the loopback fake.
 */
import { writeSettingsWithSources } from '../../../support/settings-file';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { DEFAULT_TOKEN, fixtureText, startFakeAnthropic, type FakeAnthropic } from '../../../support/fake-anthropic';

const NOW = Date.parse('2026-10-01T12:00:00Z');
let server: FakeAnthropic;
let env: Record<string, string>;

beforeEach(async () => {
  server = await startFakeAnthropic();
  const cc = mkdtempSync(path.join(os.tmpdir(), 'bl-cc-'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bl-data-'));
  writeFileSync(
    path.join(cc, '.credentials.json'),
    JSON.stringify({
      claudeAiOauth: {
        accessToken: DEFAULT_TOKEN,
        expiresAt: Date.now() + 3600_000,
        scopes: ['user:profile'],
        subscriptionType: 'enterprise',
      },
    }),
  );
  env = { CLAUDE_CONFIG_DIR: cc, BRIMLINE_ANTHROPIC_API_URL: server.url, BRIMLINE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };
  writeSettingsWithSources(dataDir, ['claude-oauth']);
  // The organisation's credits with the published grant block beside them.
  const body = {
    ...JSON.parse(fixtureText('oauth-usage/usage.200.spend-billed-org.constructed-2026-12.json')),
    cedar_ember: JSON.parse(fixtureText('oauth-usage/usage.200.cedar-ember-grant.published-2026-09.json')).cedar_ember,
  };
  server.route('/api/oauth/usage', { kind: 'json', body });
  server.route('/api/oauth/profile', { kind: 'fixture', file: 'oauth-usage/profile.200.enterprise-spend-billed.constructed.json' });
});
afterEach(async () => {
  await server.close();
});

function io(): CliIo & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    env,
    now: () => NOW,
    isTTY: false,
  });
}

describe('brimline status for a spend-billed organisation with a reset grant', () => {
  it('marks the organisation scope in --json and lists the open grant in resets[]', async () => {
    const t = io();
    const code = await main(['status', '--json'], t);
    expect(t.err).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(t.out) as {
      windows: Array<Record<string, unknown>>;
      resets: Array<Record<string, unknown>>;
      accounts: unknown[];
    };
    expect(out.windows).toHaveLength(1);
    expect(out.windows[0]).toMatchObject({
      id: 'org_credits',
      kind: 'other',
      scope: 'organisation',
      usedPercent: 61.7,
      money: { used: 1234, limit: 2000, currency: 'USD' },
      sourceId: 'claude-oauth',
    });
    expect(out.resets).toEqual([
      expect.objectContaining({
        accountId: 'account:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
        sourceId: 'claude-oauth',
        resetsLeft: 1,
        endsAt: '2026-10-22T16:00:00.000Z',
        clears: ['five_hour', 'seven_day', 'seven_day_overage_included'],
      }),
    ]);
    expect(out.accounts).toEqual([expect.objectContaining({ plan: 'Enterprise' })]);
  });

  it('says it in sentences in the text output', async () => {
    const t = io();
    expect(await main(['status'], t)).toBe(0);
    expect(t.out).toContain('Your organisation is billed by usage credits: $1,234 of $2,000 this month (organisation-wide)');
    expect(t.out).toContain('1 usage-limit reset available until Oct 22: clears the session and weekly limits; use it in Claude Code');
    expect(t.out).not.toMatch(/error|expired/i);
  });

  it('lists no grant once it has expired', async () => {
    const t = io();
    t.now = () => Date.parse('2026-10-23T00:00:00Z');
    const code = await main(['status', '--json'], t);
    const out = JSON.parse(t.out) as { resets: unknown[]; windows: unknown[]; sources: Array<{ resets?: unknown[] }> };
    expect(code, JSON.stringify(out.sources)).toBe(0);
    // The source still reported the grant; only its end has passed.
    expect(out.sources[0]!.resets).toHaveLength(1);
    expect(out.windows).toHaveLength(1);
    expect(out.resets).toEqual([]);
  });
});
