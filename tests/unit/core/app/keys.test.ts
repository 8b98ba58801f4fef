/** Saved keys and further keys, with the real secret store (in memory: no keychain here) and the real settings store. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKeys, type SecretsPort } from '../../../../electron/core/app/keys';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { SecretStore } from '../../../../electron/core/platform/secret-store';
import { MAX_EXTRA_KEYS, type SecretName } from '../../../../shared/ipc';

describe('keys', () => {
  let dir: string;
  let settings: SettingsStore;
  let secrets: SecretStore;
  let changes: number;
  let warnings: string[];
  const logger = { log() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
  const changed = (): void => void changes++;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-keys-'));
    settings = new SettingsStore(dir);
    await settings.load();
    secrets = new SecretStore({ loadKeytar: () => Promise.reject(new Error('no keytar here')), platform: 'linux' });
    await secrets.init();
    changes = 0;
    warnings = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a further key under a new slot, turns its source on and reports it saved', async () => {
    const slots = ['aaaa', 'aaaa', 'bbbb'];
    const keys = await startKeys({ secrets, settings, logger, changed, newSlot: () => slots.shift()! });
    await keys.add('adminApiKey', 'sk-ant-admin01-one');
    const status = await keys.add('adminApiKey', 'sk-ant-admin01-two');
    // The second draw collided with the first slot and was drawn again.
    expect(settings.get().accounts.keys).toEqual([
      { kind: 'adminApiKey', slot: 'aaaa' },
      { kind: 'adminApiKey', slot: 'bbbb' },
    ]);
    expect(settings.get().sources['admin-api'].enabled).toBe(true);
    expect(status.saved['adminApiKey.aaaa']).toBe(true);
    expect(status.saved['adminApiKey.bbbb']).toBe(true);
    expect(await secrets.get('adminApiKey.bbbb')).toBe('sk-ant-admin01-two');
    expect(changes).toBe(2);
  });

  it('refuses a further key beyond the limit, saving nothing', async () => {
    const keys = await startKeys({ secrets, settings, logger, changed });
    const full = Array.from({ length: MAX_EXTRA_KEYS }, (_, i) => ({ kind: 'claudeSessionKey' as const, slot: `s${i}` }));
    await settings.update({ accounts: { keys: full } });
    await expect(keys.add('claudeSessionKey', 'sk-ant-sid01-x')).rejects.toThrow(`at most ${MAX_EXTRA_KEYS} further keys`);
    expect(settings.get().accounts.keys).toHaveLength(MAX_EXTRA_KEYS);
  });

  it('removing a further key drops its slot from settings; removing the first key keeps the slots', async () => {
    const keys = await startKeys({ secrets, settings, logger, changed, newSlot: () => 'cafe' });
    await keys.save('claudeSessionKey', 'sk-ant-sid01-first');
    await keys.add('claudeSessionKey', 'sk-ant-sid01-second');
    await keys.remove('claudeSessionKey');
    expect(settings.get().accounts.keys).toEqual([{ kind: 'claudeSessionKey', slot: 'cafe' }]);
    const status = await keys.remove('claudeSessionKey.cafe');
    expect(settings.get().accounts.keys).toEqual([]);
    expect(status.saved.claudeSessionKey).toBe(false);
    expect(status.saved['claudeSessionKey.cafe']).toBeUndefined();
  });

  it('a store that cannot answer after a backend change is logged, keeps the last status and does not redraw', async () => {
    let broken = false;
    const port: SecretsPort = {
      status: (extra?: readonly SecretName[]) => (broken ? Promise.reject(new Error('D-Bus gone')) : secrets.status(extra)),
      set: (n, v) => secrets.set(n, v),
      remove: (n) => secrets.remove(n),
    };
    const keys = await startKeys({ secrets: port, settings, logger, changed });
    const before = keys.status();
    broken = true;
    await keys.backendChanged();
    expect(keys.status()).toBe(before);
    expect(changes).toBe(0);
    expect(warnings).toEqual(["Could not read the secret store's status: D-Bus gone"]);
  });
});
