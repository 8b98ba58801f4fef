/**
 * `brimline status` with the keys the user exports: ANTHROPIC_ADMIN_KEY against a loopback Admin API
 * (month-to-date spend in dollars, exactly summed) and BRIMLINE_CLAUDE_SESSION_KEY against a
 * loopback claude.ai; and how a window past its reset reads.
 */
import { writeSettingsWithSources } from '../../../support/settings-file';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli';
import type { CliIo } from '../../../../electron/core/cli/io';
import { renderStatus } from '../../../../electron/core/cli/status-command';
import type { ApiSpend } from '../../../../shared/domain';
import { makeTranslator } from '../../../../shared/i18n/translator';
import { mergeSnapshots } from '../../../../shared/merge';
import { SESSION_KEY, startFakeClaudeWeb } from '../../../support/fake-claude-web';
import { ADMIN_KEY, PERMISSION, startFakeAdminApi, type FakeAdminApi } from '../../../support/fake-admin-api';

let server: FakeAdminApi;
let dataDir: string;
let env: Record<string, string>;

function writeSettings(extra: Record<string, unknown> = {}): void {
  // Every source off in the settings: only the exported key switches the Admin API on.
  writeSettingsWithSources(dataDir, [], extra);
}

beforeEach(async () => {
  server = await startFakeAdminApi();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-admin-cli-'));
  env = {
    CLAUDE_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'hr-cc-')),
    BRIMLINE_ANTHROPIC_API_URL: server.url,
    BRIMLINE_DATA_DIR: dataDir,
    ANTHROPIC_ADMIN_KEY: ADMIN_KEY,
    LANG: 'en_US.UTF-8',
  };
  writeSettings();
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
    now: () => Date.now(),
    isTTY: false,
  });
}

interface Out {
  windows: Array<{ id: string; kind: string; usedPercent: number; sourceId: string }>;
  sources: Array<{ sourceId: string; state: string; apiSpend?: ApiSpend | null }>;
}

describe('brimline status with ANTHROPIC_ADMIN_KEY', () => {
  it('puts month-to-date spend in dollars, summed exactly over every page, in the admin source snapshot', async () => {
    // 123.78912 + 0.1 + 0.2 + 0.00001 + 99999.99999 + 7 = 100131.08912 cents.
    server.costPages([['123.78912', '0.1', '0.2'], ['0.00001', '99999.99999'], ['7']]);
    const t = io();
    expect(await main(['status', '--json'], t)).toBe(0);
    expect(t.err).toBe('');
    const out = JSON.parse(t.out) as Out;
    expect(out.sources.map((s) => [s.sourceId, s.state])).toEqual([['admin-api', 'ok']]);
    const spend = out.sources[0]!.apiSpend!;
    expect(spend.monthToDateUsd).toBe(1001.3108912);
    expect(spend.monthToDateExact).toBe('1001.3108912');
    expect(spend.currency).toBe('USD');
    expect(spend.budgetUsd).toBeNull();
    expect(spend.todayByModel?.map((m) => [m.model, m.totalTokens])).toEqual([
      ['claude-haiku-4-5', 21000],
      ['claude-opus-5', 8350],
    ]);
    // No budget: the spend is shown, and there is no budget window.
    expect(out.windows).toEqual([]);
    expect(server.requests.filter((q) => q.path === '/v1/organizations/cost_report').map((q) => q.query.get('page'))).toEqual([
      null,
      'page_1',
      'page_2',
    ]);
    expect(server.headerProblems).toEqual([]);
    expect(t.out).not.toContain(ADMIN_KEY);
    for (const f of readdirSync(dataDir)) expect(readFileSync(path.join(dataDir, f), 'utf8')).not.toContain(ADMIN_KEY);
  });

  it('prints the spend, the budget and today per model as text', async () => {
    writeSettings({ monthlyApiBudget: 2000 });
    server.costPages([['123.78912', '0.1', '0.2'], ['0.00001', '99999.99999'], ['7']]);
    const t = io();
    expect(await main(['status'], t)).toBe(0);
    expect(t.out).toContain('Monthly API budget');
    expect(t.out).toContain('50%');
    expect(t.out).toContain('Anthropic API: ok');
    expect(t.out).toContain('  API spend: $1,001.31 of $2,000.00 this month');
    expect(t.out).toContain('  Today · claude-haiku-4-5: 21,000 tokens');
    expect(t.out).toContain('  Today · claude-opus-5: 8,350 tokens');
    const json = io();
    await main(['status', '--json'], json);
    const out = JSON.parse(json.out) as Out;
    expect(out.windows.map((w) => [w.id, w.kind, w.sourceId, Math.round(w.usedPercent)])).toEqual([['budget', 'budget', 'admin-api', 50]]);
    expect(out.sources[0]!.apiSpend?.budgetUsd).toBe(2000);
  });

  it('without the variable and with the source off, asks nothing of the Admin API', async () => {
    delete env.ANTHROPIC_ADMIN_KEY;
    const t = io();
    expect(await main(['status', '--json'], t)).toBe(1);
    expect((JSON.parse(t.out) as Out).sources).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('says what to do when the key is not an Admin key, and exits 1', async () => {
    server.route('/v1/organizations/cost_report', () => PERMISSION);
    const t = io();
    expect(await main(['status'], t)).toBe(1);
    expect(t.out).toContain('Anthropic API: error');
    expect(t.out).toMatch(/Admin key/);
  });
});

describe('brimline status with BRIMLINE_CLAUDE_SESSION_KEY', () => {
  it('switches the claude.ai source on and reads the chat organisation with the cookie', async () => {
    const web = await startFakeClaudeWeb();
    try {
      delete env.ANTHROPIC_ADMIN_KEY;
      env.BRIMLINE_CLAUDE_SESSION_KEY = SESSION_KEY;
      env.BRIMLINE_CLAUDE_WEB_URL = web.url;
      const t = io();
      expect(await main(['status', '--json'], t)).toBe(0);
      const out = JSON.parse(t.out) as Out;
      expect(out.sources.map((s) => [s.sourceId, s.state])).toEqual([['claude-web', 'ok']]);
      expect(out.windows.length).toBeGreaterThan(0);
      expect(web.cookieProblems).toEqual([]);
      expect(t.out).not.toContain(SESSION_KEY);
    } finally {
      await web.close();
    }
  });
});

describe('status text after a reset', () => {
  it('shows – for a window past its reset, never the old percent or 0', () => {
    const now = Date.parse('2026-07-03T10:00:00Z');
    const snapshot = {
      sourceId: 'claude-oauth',
      accountId: 'local',
      state: 'ok' as const,
      error: null,
      fetchedAt: new Date(now - 60_000).toISOString(),
      attemptedAt: new Date(now - 60_000).toISOString(),
      nextAttemptAt: null,
      plan: null,
      windows: [
        { id: 'five_hour', kind: 'session' as const, label: 'Session', usedPercent: 97, resetsAt: new Date(now - 1000).toISOString() },
        { id: 'seven_day', kind: 'weekly' as const, label: 'Weekly', usedPercent: 40, resetsAt: new Date(now + 3_600_000).toISOString() },
      ],
      extraUsage: null,
    };
    const text = renderStatus(mergeSnapshots([snapshot]), [snapshot], now, makeTranslator('en', ['en-US'], 'UTC'));
    const session = text.split('\n').find((l) => l.includes('Session (5 h)'))!;
    expect(session).toMatch(/Session \(5 h\)\s+–\s+Reset · new window started/);
    expect(session).not.toMatch(/97|0%/);
    expect(text).toMatch(/Weekly\s+40%/);
  });
});
