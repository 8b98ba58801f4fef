/**
 * Further keys: a second Admin key (another organisation) and a second claude.ai session key
 * (another account), added through the application service, each polled as its own source
 * instance with its own key from the keychain store, on its own account, and removed with it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrimlineCore, type Core } from '../../../../electron/core/usage/app-core';
import { startAppService, type AppService } from '../../../../electron/core/app/app-service';
import { SecretStore } from '../../../../electron/core/platform/secret-store';
import { isSecretName } from '../../../../shared/ipc';
import { ADMIN_KEY, startFakeAdminApi, type FakeAdminApi } from '../../../support/fake-admin-api';
import { CHAT_ORG, startFakeClaudeWeb, SESSION_KEY, type FakeClaudeWeb } from '../../../support/fake-claude-web';
import { ManualClock } from '../../../support/manual-clock';
import { writeSettingsWithSources } from '../../../support/settings-file';

const OTHER_ADMIN_KEY = 'sk-ant-admin01-TEST-other-org';
const OTHER_SESSION_KEY = 'sk-ant-sid01-TEST-other-acct';
const TEAM_ORG = 'b0b0b0b0-1111-2222-3333-444455556666';
const quiet = { log() {}, info() {}, warn() {}, error() {} };

let admin: FakeAdminApi;
let web: FakeClaudeWeb;
let dataDir: string;
let core: Core | null;
let service: AppService | null;
let keychain: SecretStore;

async function start(clock: ManualClock): Promise<{ c: Core; s: AppService }> {
  const c = createBrimlineCore({
    env: { CLAUDE_CONFIG_DIR: path.join(dataDir, 'no-claude'), BRIMLINE_ANTHROPIC_API_URL: admin.url, BRIMLINE_CLAUDE_WEB_URL: web.url },
    dataDir,
    clock,
    random: () => 0.5,
    watchFiles: false,
    secrets: keychain,
  });
  clock.settle = () => c.idle();
  core = c;
  await c.start();
  const s = await startAppService({
    core: c,
    secrets: keychain,
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
  return { c, s };
}

/** claude.ai on, its first key saved in Settings and a second added, both polled once. */
async function startWithTwoSessionKeys(): Promise<{ c: Core; s: AppService; slot: string }> {
  writeSettingsWithSources(dataDir, ['claude-web']);
  const clock = new ManualClock(Date.now());
  const { c, s } = await start(clock);
  await s.saveSecret('claudeSessionKey', SESSION_KEY);
  await s.addKey('claudeSessionKey', OTHER_SESSION_KEY);
  const slot = c.settings.get().accounts.keys[0]!.slot;
  s.refresh();
  await c.idle();
  return { c, s, slot };
}

beforeEach(async () => {
  admin = await startFakeAdminApi({ alsoKeys: [OTHER_ADMIN_KEY] });
  web = await startFakeClaudeWeb();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-keys-'));
  keychain = new SecretStore({ service: `Brimline-test-${randomBytes(4).toString('hex')}`, timeoutMs: 10_000 });
  await keychain.init();
  core = null;
  service = null;
});
afterEach(async () => {
  service?.dispose();
  await core?.stop();
  for (const k of core?.settings.get().accounts.keys ?? []) await keychain.remove(`${k.kind}.${k.slot}`).catch(() => undefined);
  await keychain.remove('adminApiKey').catch(() => undefined);
  await keychain.remove('claudeSessionKey').catch(() => undefined);
  await admin.close();
  await web.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('further keys', () => {
  it('a second Admin key is its own organisation: its own poll with its own key, its own account, its own error', async () => {
    writeSettingsWithSources(dataDir, ['admin-api']);
    admin.costPages([['12.5']]);
    const clock = new ManualClock(Date.now());
    const { c, s } = await start(clock);
    await s.saveSecret('adminApiKey', ADMIN_KEY);
    const status = await s.addKey('adminApiKey', OTHER_ADMIN_KEY);
    const [extra] = c.settings.get().accounts.keys;
    expect(extra).toMatchObject({ kind: 'adminApiKey', slot: expect.stringMatching(/^[a-z0-9]{8}$/) });
    expect(status.saved[`adminApiKey.${extra!.slot}`]).toBe(true);
    expect(JSON.stringify(status)).not.toContain(OTHER_ADMIN_KEY);
    s.refresh();
    await c.idle();

    const sent = new Set(admin.requests.map((r) => r.headers['x-api-key']));
    expect(sent).toEqual(new Set([ADMIN_KEY, OTHER_ADMIN_KEY]));
    const snaps = c.usage.snapshots().filter((x) => x.sourceId === 'admin-api');
    // The first key's spend stays where it always was; the second is an organisation of its own, with its own budget window.
    expect(snaps.map((x) => [x.key ?? x.sourceId, x.keyName, x.accountId, x.state])).toEqual([
      ['admin-api', 'adminApiKey', 'local', 'ok'],
      [`admin-api#${extra!.slot}`, `adminApiKey.${extra!.slot}`, `admin:${extra!.slot}`, 'ok'],
    ]);
    expect(c.usage.view().accounts.map((a) => a.id)).toEqual(['local', `admin:${extra!.slot}`]);
    expect(JSON.stringify(s.appState())).not.toContain(OTHER_ADMIN_KEY);

    // A key the API refuses fails on its own instance only.
    await s.addKey('adminApiKey', 'sk-ant-admin01-TEST-revoked');
    await clock.advance(5 * 60_000);
    const states = c.usage.snapshots().filter((x) => x.sourceId === 'admin-api');
    expect(states.map((x) => x.error?.code ?? x.state)).toEqual(['ok', 'ok', 'login_expired']);
    const revoked = states[2]!.keyName;
    expect(isSecretName(revoked)).toBe(true);
    if (isSecretName(revoked)) await s.removeSecret(revoked);

    // Removing the key removes its slot and its instance; the first key goes on.
    await s.removeSecret(`adminApiKey.${extra!.slot}`);
    expect(c.settings.get().accounts.keys).toEqual([]);
    expect(await keychain.get(`adminApiKey.${extra!.slot}`)).toBeNull();
    expect(
      c.usage
        .snapshots()
        .filter((x) => x.sourceId === 'admin-api')
        .map((x) => x.key ?? x.sourceId),
    ).toEqual(['admin-api']);
  });

  it('a second claude.ai session key polls with its own cookie, and removing its account removes only that key', async () => {
    const { c, s, slot } = await startWithTwoSessionKeys();
    const cookies = web.requests.map((r) => String(r.headers.cookie ?? ''));
    expect(cookies.some((h) => h.includes(`sessionKey=${SESSION_KEY}`))).toBe(true);
    expect(cookies.some((h) => h.includes(`sessionKey=${OTHER_SESSION_KEY}`))).toBe(true);
    const second = c.usage.snapshots().find((x) => x.key === `claude-web#${slot}`);
    expect(second).toMatchObject({ keyName: `claudeSessionKey.${slot}` });

    // The first key's data lands on its organisation's account (linked to a Claude Code login when one names it).
    const first = c.usage.snapshots().find((x) => x.key === undefined && x.sourceId === 'claude-web')!;
    expect(first).toMatchObject({ state: 'ok', accountId: `org:${CHAT_ORG}`, keyName: 'claudeSessionKey' });
    expect(second!.state).toBe('error');

    // Removing that account removes its key only: the other key stays saved, listed and polled.
    await s.removeAccount({ accountId: `org:${CHAT_ORG}`, deleteHistory: false });
    expect(await keychain.get('claudeSessionKey')).toBeNull();
    expect(await keychain.get(`claudeSessionKey.${slot}`)).toBe(OTHER_SESSION_KEY);
    expect(c.settings.get().accounts.keys).toEqual([{ kind: 'claudeSessionKey', slot }]);
    expect(c.settings.get().sources['claude-web'].enabled).toBe(true);
  });

  it('a further session key whose account has several chat organisations follows the first instead of waiting for a choice only the first key has', async () => {
    await web.close();
    web = await startFakeClaudeWeb({ alsoKeys: [OTHER_SESSION_KEY] });
    web.route('/api/organizations', {
      kind: 'json',
      body: [
        { uuid: CHAT_ORG, name: 'Personal', capabilities: ['chat', 'claude_max'], rate_limit_tier: 'default_claude_max_5x' },
        { uuid: TEAM_ORG, name: 'Acme Team', capabilities: ['chat', 'claude_team'], rate_limit_tier: 'default_team' },
      ],
    });
    const { c, slot } = await startWithTwoSessionKeys();
    // The first key asks which organisation to follow (Settings offers the choice); the further key goes on with the first.
    const first = c.usage.snapshots().find((x) => x.key === undefined && x.sourceId === 'claude-web');
    expect(first?.error?.message).toMatch(/choose the organisation to follow in Settings/);
    const further = c.usage.snapshots().find((x) => x.key === `claude-web#${slot}`);
    expect(further).toMatchObject({ state: 'ok', accountId: `org:${CHAT_ORG}` });
    expect(web.cookieProblems).toEqual([]);
  });
});
