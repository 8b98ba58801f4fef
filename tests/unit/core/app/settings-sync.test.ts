/** Settings and the OS login item kept in step, with the real settings store on a temp dir and an in-memory OS. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { startSettingsSync, type LoginItemPort } from '../../../../electron/core/app/settings-sync';

const quiet = { log() {}, info() {}, warn() {}, error() {} };

/** The OS's switch: `refuse` makes set() fail without changing anything (a sandbox, a policy). */
function osLoginItem(initial: { on: boolean; pending?: boolean; refuse?: boolean }): LoginItemPort & { sets: boolean[] } {
  const state = { ...initial };
  const sets: boolean[] = [];
  return {
    sets,
    get: async () => state.on,
    requiresApproval: async () => state.pending ?? false,
    async set(enabled) {
      sets.push(enabled);
      if (state.refuse) throw new Error('not allowed');
      state.on = enabled;
    },
  };
}

describe('settings sync', () => {
  let dir: string;
  let settings: SettingsStore;
  let changes: number;
  const changed = (): void => void changes++;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-settings-sync-'));
    settings = new SettingsStore(dir);
    await settings.load();
    changes = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a login item awaiting approval as on, and says it needs approval', async () => {
    const sync = await startSettingsSync({ settings, loginItem: osLoginItem({ on: false, pending: true }), logger: quiet, changed });
    expect(sync.launchAtLogin()).toBe(true);
    expect(sync.loginItemNeedsApproval()).toBe(true);
  });

  it('turns the OS login item on when the setting is switched on, and redraws', async () => {
    const item = osLoginItem({ on: false });
    const sync = await startSettingsSync({ settings, loginItem: item, logger: quiet, changed });
    await sync.update({ launchAtLogin: true });
    await expect.poll(() => sync.launchAtLogin()).toBe(true);
    expect(item.sets).toEqual([true]);
    expect(changes).toBeGreaterThanOrEqual(2);
  });

  it('puts the setting back when the OS refuses, so the checkbox never lies', async () => {
    const item = osLoginItem({ on: false, refuse: true });
    const sync = await startSettingsSync({ settings, loginItem: item, logger: quiet, changed });
    await sync.update({ launchAtLogin: true });
    await expect.poll(() => settings.get().launchAtLogin).toBe(false);
    expect(item.sets).toEqual([true]);
    expect(sync.launchAtLogin()).toBe(false);
  });

  it('redraws on any settings change and stops listening once disposed', async () => {
    const sync = await startSettingsSync({ settings, logger: quiet, changed });
    await sync.update({ language: 'fr' });
    expect(changes).toBe(1);
    sync.dispose();
    await sync.update({ language: 'en' });
    expect(changes).toBe(1);
  });

  it('without a login item (the CLI) reports off and changes nothing', async () => {
    const sync = await startSettingsSync({ settings, logger: quiet, changed });
    await sync.setLaunchAtLogin(true);
    expect(sync.launchAtLogin()).toBe(false);
    expect(settings.get().launchAtLogin).toBe(false);
  });
});
