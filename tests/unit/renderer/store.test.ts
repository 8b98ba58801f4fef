import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../renderer/dev/fake-bridge';
import { createBrimlineStore } from '../../../renderer/store';
import type { AppState, BrimlineBridge } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { NOW } from './harness';

function setup(overrides: Partial<BrimlineBridge> = {}) {
  const clock = { now: NOW };
  const { bridge: fake, control } = createFakeBridge({ fixture: 'ok', now: () => clock.now });
  const bridge: BrimlineBridge = { ...fake, ...overrides };
  const store = createBrimlineStore({ bridge, now: () => clock.now });
  return { store, control, clock, fake };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('brimline store', () => {
  it('loads the state through getState and follows pushes', async () => {
    const { store, control } = setup();
    expect(store.getState().status).toBe('loading');
    const stop = store.getState().start();
    await flush();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().app?.snapshots[0]?.sourceId).toBe('claude-oauth');

    const next: AppState = { ...control.state(), appVersion: '9.9.9' };
    control.push(next);
    expect(store.getState().app?.appVersion).toBe('9.9.9');

    stop();
    control.push({ ...next, appVersion: '1.0.0' });
    expect(store.getState().app?.appVersion).toBe('9.9.9');
  });

  it('reports a failed first load and recovers on reload', async () => {
    let fail = true;
    const { store, fake } = setup({ getState: () => (fail ? Promise.reject(new Error('no main')) : fake.getState()) });
    store.getState().start();
    await flush();
    expect(store.getState().status).toBe('failed');
    fail = false;
    await store.getState().reload();
    expect(store.getState().status).toBe('ready');
  });

  it('advances its clock only when ticked, from the injected time', async () => {
    const { store, clock } = setup();
    expect(store.getState().now).toBe(NOW);
    clock.now = NOW + 61_000;
    expect(store.getState().now).toBe(NOW);
    store.getState().tick();
    expect(store.getState().now).toBe(NOW + 61_000);
  });

  it('applies a settings change at once, then takes what main confirmed', async () => {
    const gate = deferred<Settings>();
    const sent: unknown[] = [];
    const { store } = setup({
      updateSettings: (patch) => {
        sent.push(patch);
        return gate.promise;
      },
    });
    store.getState().start();
    await flush();
    const done = store.getState().updateSettings({ thresholds: [60, 80] });
    expect(store.getState().app?.settings.thresholds).toEqual([60, 80]);
    expect(sent).toEqual([{ thresholds: [60, 80] }]);
    const confirmed = { ...store.getState().app!.settings, thresholds: [60, 80], pollIntervalMinutes: 7 };
    gate.resolve(confirmed);
    expect(await done).toBe(true);
    expect(store.getState().app?.settings.pollIntervalMinutes).toBe(7);
  });

  it('keeps an unconfirmed change when an older state is pushed meanwhile', async () => {
    const gate = deferred<Settings>();
    const { store, control } = setup({ updateSettings: () => gate.promise });
    store.getState().start();
    await flush();
    void store.getState().updateSettings({ theme: 'dark' });
    control.push({ ...control.state(), appVersion: '2.0.0' });
    expect(store.getState().app?.appVersion).toBe('2.0.0');
    expect(store.getState().app?.settings.theme).toBe('dark');
  });

  it('on a rejected change shows why and returns to what main holds', async () => {
    const { store } = setup({ updateSettings: () => Promise.reject(new Error('pollIntervalMinutes must be ≥ 1')) });
    store.getState().start();
    await flush();
    const ok = await store.getState().updateSettings({ pollIntervalMinutes: 0 });
    expect(ok).toBe(false);
    expect(store.getState().settingsError).toBe('pollIntervalMinutes must be ≥ 1');
    expect(store.getState().app?.settings.pollIntervalMinutes).toBe(5);
  });

  it('a refused refresh remembers when it becomes allowed', async () => {
    const at = new Date(NOW + 600_000).toISOString();
    const { store } = setup({ refresh: async () => ({ started: false, nextAllowedAt: at }) });
    store.getState().start();
    await flush();
    const result = await store.getState().refresh();
    expect(result).toEqual({ started: false, nextAllowedAt: at });
    expect(store.getState().refreshRefusedUntil).toBe(at);
    expect(store.getState().refreshing).toBe(false);
  });

  it('saves a secret through the bridge and keeps only the saved flag', async () => {
    const { store, control } = setup();
    store.getState().start();
    await flush();
    expect(await store.getState().saveSecret('adminApiKey', 'sk-ant-admin01-secret')).toBe(true);
    expect(store.getState().app?.secrets.saved.adminApiKey).toBe(true);
    expect(JSON.stringify(store.getState())).not.toContain('sk-ant-admin01-secret');
    expect(control.calls).toContainEqual({ method: 'saveSecret', name: 'adminApiKey', length: 21 });
    expect(await store.getState().removeSecret('adminApiKey')).toBe(true);
    expect(store.getState().app?.secrets.saved.adminApiKey).toBe(false);
  });

  it('shows why a secret could not be saved', async () => {
    const { store } = setup({ saveSecret: () => Promise.reject(new Error('keychain locked')) });
    store.getState().start();
    await flush();
    expect(await store.getState().saveSecret('claudeSessionKey', 'x')).toBe(false);
    expect(store.getState().secretErrors.claudeSessionKey).toBe('keychain locked');
    expect(store.getState().secretBusy.claudeSessionKey).toBe(false);
  });
});
