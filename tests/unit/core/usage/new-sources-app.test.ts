/**
 * The claude.ai and Admin API sources through the real app core and application service, over
 * loopback: the organisation list reaches the app state (names only), the chosen organisation is
 * followed, and API spend is carried by the scheduler and kept across a restart.
 */
import { writeSettingsWithSources } from '../../../support/settings-file';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { startAppService, type AppService } from '../../../../electron/core/app/app-service';
import { MINUTE } from '../../../../electron/core/usage/scheduler';
import type { SecretName, SecretStatus } from '../../../../shared/ipc';
import { ADMIN_KEY, startFakeAdminApi, type FakeAdminApi } from '../../../support/fake-admin-api';
import { API_ORG, CHAT_ORG, SESSION_KEY, startFakeClaudeWeb, type FakeClaudeWeb } from '../../../support/fake-claude-web';
import { ManualClock } from '../../../support/manual-clock';

const TEAM_ORG = 'b0b0b0b0-1111-2222-3333-444455556666';
const TWO_CHAT_ORGS = [
  { uuid: CHAT_ORG, name: 'Personal', capabilities: ['chat', 'claude_max'], rate_limit_tier: 'default_claude_max_5x' },
  { uuid: TEAM_ORG, name: 'Acme Team', capabilities: ['chat', 'claude_team'], rate_limit_tier: 'default_team' },
  { uuid: API_ORG, name: 'API', capabilities: ['api'], rate_limit_tier: null },
];
const NO_SECRETS: SecretStatus = { saved: { claudeSessionKey: true, adminApiKey: true }, backend: 'keychain', keychainProblem: null };
const quiet = { log() {}, info() {}, warn() {}, error() {} };

let web: FakeClaudeWeb;
let admin: FakeAdminApi;
let dataDir: string;
let core: Core | null;
let service: AppService | null;

function writeSettings(sources: Partial<Record<'claude-web' | 'admin-api', boolean>>, extra: Record<string, unknown> = {}): void {
  writeSettingsWithSources(
    dataDir,
    (['claude-web', 'admin-api'] as const).filter((id) => sources[id] ?? false),
    extra,
  );
}

async function start(clock: ManualClock): Promise<{ core: Core; service: AppService }> {
  const secrets: Record<SecretName, string> = { claudeSessionKey: SESSION_KEY, adminApiKey: ADMIN_KEY };
  const c = createBrimlineCore({
    env: {
      CLAUDE_CONFIG_DIR: path.join(dataDir, 'no-claude'),
      BRIMLINE_CLAUDE_WEB_URL: web.url,
      BRIMLINE_ANTHROPIC_API_URL: admin.url,
    },
    dataDir,
    clock,
    random: () => 0.5,
    watchFiles: false,
    secrets: { get: async (name) => secrets[name] ?? null },
  });
  clock.settle = () => c.idle();
  core = c;
  await c.start();
  const s = await startAppService({
    core: c,
    secrets: { status: async () => NO_SECRETS, set: async () => NO_SECRETS, remove: async () => NO_SECRETS },
    logger: quiet,
    systemLocales: ['en-US'],
    timeZone: 'UTC',
    platform: 'linux',
    appVersion: '9.9.9',
    now: () => clock.now(),
    setInterval: () => null,
    clearInterval: () => undefined,
  });
  service = s;
  return { core: c, service: s };
}

beforeEach(async () => {
  web = await startFakeClaudeWeb();
  admin = await startFakeAdminApi();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-new-sources-'));
  core = null;
  service = null;
});
afterEach(async () => {
  service?.dispose();
  await core?.stop();
  await web.close();
  await admin.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('claude.ai organisations in the app state', () => {
  it('lists the chat organisations (uuid and name only) for Settings, then follows the one chosen', async () => {
    writeSettings({ 'claude-web': true });
    web.route('/api/organizations', { kind: 'json', body: TWO_CHAT_ORGS });
    const clock = new ManualClock(Date.now());
    const { core: c, service: s } = await start(clock);
    let changes = 0;
    s.onChange(() => changes++);
    expect(s.appState().claudeWebOrganizations).toEqual([]);
    await clock.advance(0);

    expect(s.appState().claudeWebOrganizations).toEqual([
      { uuid: CHAT_ORG, name: 'Personal' },
      { uuid: TEAM_ORG, name: 'Acme Team' },
    ]);
    expect(changes).toBeGreaterThan(0);
    const snapshot = s.appState().snapshots.find((x) => x.sourceId === 'claude-web')!;
    expect(snapshot.error?.message).toMatch(/choose the organisation to follow in Settings/);
    const state = JSON.stringify(s.appState());
    expect(state).not.toContain(SESSION_KEY);
    expect(state).not.toContain('rate_limit_tier');
    expect(state).not.toContain('capabilities');

    await s.updateSettings({ claudeWebOrganization: TEAM_ORG });
    web.route(`/api/organizations/${TEAM_ORG}/usage`, { kind: 'fixture', file: 'claude-ai/org-usage.200.2026-07.json' });
    await clock.advance(MINUTE);
    s.refresh();
    await c.idle();
    expect(s.appState().snapshots.find((x) => x.sourceId === 'claude-web')).toMatchObject({ state: 'ok' });
    expect(web.requests.some((q) => q.path === `/api/organizations/${TEAM_ORG}/usage`)).toBe(true);
    expect(web.requests.some((q) => q.path === `/api/organizations/${CHAT_ORG}/usage`)).toBe(false);
  });

  it('forgets the list when the claude.ai source is switched off', async () => {
    writeSettings({ 'claude-web': true });
    web.route('/api/organizations', { kind: 'json', body: TWO_CHAT_ORGS });
    const clock = new ManualClock(Date.now());
    const { service: s } = await start(clock);
    await clock.advance(0);
    expect(s.appState().claudeWebOrganizations).toHaveLength(2);
    await s.updateSettings({ sources: { 'claude-web': { enabled: false } } });
    expect(s.appState().claudeWebOrganizations).toEqual([]);
  });
});

describe('API spend through the scheduler and the snapshot file', () => {
  it('carries apiSpend in the admin snapshot, keeps it while stale, and brings it back after a restart', async () => {
    writeSettings({ 'admin-api': true }, { monthlyApiBudget: 2000 });
    admin.costPages([['123.78912', '0.1', '0.2'], ['0.00001', '99999.99999'], ['7']]);
    const clock = new ManualClock(Date.now());
    const first = await start(clock);
    await clock.advance(0);
    const snap = () => first.core.usage.snapshots().find((x) => x.sourceId === 'admin-api')!;
    expect(snap()).toMatchObject({ state: 'ok', apiSpend: { monthToDateUsd: 1001.3108912, budgetUsd: 2000 } });
    expect(snap().apiSpend?.todayByModel).toHaveLength(2);
    expect(first.service.appState().view.windows.map((w) => [w.id, w.sourceId])).toEqual([['budget', 'admin-api']]);

    // A failed poll keeps the last spend, marked stale.
    admin.route('/v1/organizations/cost_report', () => ({ kind: 'json', status: 503, body: {} }));
    await clock.advance(5 * MINUTE);
    expect(snap()).toMatchObject({ state: 'stale', apiSpend: { monthToDateExact: '1001.3108912' } });

    first.service.dispose();
    await first.core.stop();
    service = null;
    core = null;
    const file = readdirSync(dataDir).find((f) => f.startsWith('snapshots'))!;
    expect(readFileSync(path.join(dataDir, file), 'utf8')).not.toContain(ADMIN_KEY);

    const second = await start(clock);
    expect(second.core.usage.snapshots().find((x) => x.sourceId === 'admin-api')?.apiSpend).toMatchObject({
      monthToDateUsd: 1001.3108912,
      currency: 'USD',
      budgetUsd: 2000,
    });
  });
});
