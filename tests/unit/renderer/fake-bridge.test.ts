import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../renderer/dev/fake-bridge';
import { FIXTURE_NAMES, fixtureState, PERSONAL_ACCOUNT, WORK_ACCOUNT } from '../../../renderer/dev/fixtures';
import type { SettingsPatch } from '../../../shared/settings';
import { MemoryStorage, NOW } from './harness';

describe('fake bridge', () => {
  it('validates patches with the same schema as main', async () => {
    const { bridge, control } = createFakeBridge({ fixture: 'ok', now: () => NOW });
    await expect(bridge.updateSettings({ pollIntervalMinutes: 0 })).rejects.toThrow();
    await expect(bridge.updateSettings({ thresholds: [50, 50] })).rejects.toThrow();
    await expect(bridge.updateSettings({ bogus: true } as unknown as SettingsPatch)).rejects.toThrow();
    expect(control.state().settings.pollIntervalMinutes).toBe(5);
    await expect(bridge.updateSettings({ thresholds: [90, 10] })).resolves.toMatchObject({ thresholds: [10, 90] });
  });

  it('persists settings and saved flags, never a secret value', async () => {
    const storage = new MemoryStorage();
    const { bridge } = createFakeBridge({ fixture: 'ok', now: () => NOW, storage });
    await bridge.saveSecret('adminApiKey', 'sk-ant-admin01-topsecret');
    await bridge.updateSettings({ language: 'fr' });
    expect(storage.getItem('brimline.fake.v1')).not.toContain('topsecret');
    const again = createFakeBridge({ fixture: 'ok', now: () => NOW, storage });
    expect(again.control.state().settings.language).toBe('fr');
    expect(again.control.state().secrets.saved.adminApiKey).toBe(true);
  });

  it('ignores corrupt persisted data', () => {
    const storage = new MemoryStorage();
    storage.setItem('brimline.fake.v1', '{"settings":{"pollIntervalMinutes":-1}}');
    const { control } = createFakeBridge({ fixture: 'ok', now: () => NOW, storage });
    expect(control.state().settings.pollIntervalMinutes).toBe(5);
  });

  it("answers a test notification as main's Notifier would for the state it holds", async () => {
    const blocked = createFakeBridge({ fixture: 'desktop-notes', now: () => NOW });
    expect(await blocked.bridge.testNotification()).toBe('failed');
    expect(blocked.control.calls.at(-1)).toEqual({ method: 'testNotification' });
    const fine = createFakeBridge({ fixture: 'ok', now: () => NOW });
    expect(await fine.bridge.testNotification()).toBe('shown');
    fine.control.push({ ...fine.control.state(), notifications: { supported: false, blocked: false, reason: null } });
    expect(await fine.bridge.testNotification()).toBe('unsupported');
  });

  it('refuses a refresh inside the rate-limit gate', async () => {
    const { bridge } = createFakeBridge({ fixture: 'rate-limited', now: () => NOW });
    const result = await bridge.refresh();
    expect(result.started).toBe(false);
    expect(Date.parse(result.nextAllowedAt!)).toBe(NOW + 12 * 60_000);
  });

  it('removes an account as main does: its snapshots and folders go, the settings follow, a new state is pushed', async () => {
    const { bridge, control } = createFakeBridge({ fixture: 'two-accounts', now: () => NOW });
    const pushed: string[][] = [];
    bridge.onState((s) => pushed.push(s.view.accounts.map((a) => a.id)));
    await bridge.updateSettings({ tray: { account: WORK_ACCOUNT }, accounts: { collapsed: [WORK_ACCOUNT] } });
    const settings = await bridge.removeAccount({ accountId: WORK_ACCOUNT, deleteHistory: false });
    expect(settings.accounts).toEqual({
      folders: [],
      ignoredFolders: ['/home/ada/.claude-2024'],
      labels: {},
      order: [PERSONAL_ACCOUNT],
      collapsed: [],
      // The further session key is on no account yet: removing the work account leaves it.
      keys: [{ kind: 'claudeSessionKey', slot: '9b3c7b66' }],
    });
    expect(settings.tray.account).toBe('auto');
    const state = control.state();
    expect(state.snapshots.some((s) => s.accountId === WORK_ACCOUNT)).toBe(false);
    expect(state.claudeFolders.map((f) => f.dir)).toEqual(['/home/ada/.claude', '/home/ada/.claude-old']);
    expect(pushed.at(-1)).toEqual([PERSONAL_ACCOUNT, 'local']);

    // A folder found on its own is remembered as removed, and reading it again brings its account back.
    await bridge.removeAccount({ accountId: PERSONAL_ACCOUNT, deleteHistory: true });
    expect(control.state().settings.accounts.ignoredFolders).toEqual(['/home/ada/.claude-2024', '/home/ada/.claude']);
    await bridge.updateSettings({ accounts: { ignoredFolders: [] } });
    expect(control.state().view.accounts.map((a) => a.id)).toContain(PERSONAL_ACCOUNT);
  });

  it('every fixture survives structured clone and JSON, as IPC data must', () => {
    for (const name of FIXTURE_NAMES) {
      const state = fixtureState(name, NOW);
      expect(JSON.parse(JSON.stringify(state))).toEqual(structuredClone(state));
    }
  });
});
