import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYCHAIN_RETRY_MS, SecretStore, keychainRetryDelay, type KeytarLike } from '../../../../electron/core/platform/secret-store';
import { redact } from '../../../../electron/core/platform/log';
import type { SecretStatus } from '../../../../shared/ipc';
import { isCi, keychainGate, keytarLoadError } from '../../../support/keychain-gate';

const run = promisify(execFile);

// Tests of the real keytar skip, with the reason printed, where it did not build (no libsecret-1-dev);
// in CI they run and fail instead.
const ci = isCi(process.env);
const keytarError = await keytarLoadError();
const withKeytar = keychainGate({ keytarError, secretService: null, ci });
if (!withKeytar.run) console.warn(`secret-store.test.ts: real-keytar tests ${withKeytar.reason}`);

class FakeKeytar implements KeytarLike {
  readonly items = new Map<string, string>();
  failSet = false;
  async getPassword(service: string, account: string): Promise<string | null> {
    return this.items.get(`${service}/${account}`) ?? null;
  }
  async setPassword(service: string, account: string, password: string): Promise<void> {
    if (this.failSet) throw new Error('The keyring is locked');
    this.items.set(`${service}/${account}`, password);
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    return this.items.delete(`${service}/${account}`);
  }
}

describe('SecretStore over a keychain', () => {
  it('stores under service "Brimline" and reports status without values', async () => {
    const kt = new FakeKeytar();
    const store = new SecretStore({ loadKeytar: async () => kt });
    const status = await store.set('adminApiKey', '  sk-ant-admin01-abcdefghijklmnop  ');
    expect(kt.items.get('Brimline/adminApiKey')).toBe('sk-ant-admin01-abcdefghijklmnop');
    expect(status).toEqual({ saved: { claudeSessionKey: false, adminApiKey: true }, backend: 'keychain', keychainProblem: null });
    expect(JSON.stringify(status)).not.toContain('sk-ant');
    expect(await store.get('adminApiKey')).toBe('sk-ant-admin01-abcdefghijklmnop');
    expect((await store.remove('adminApiKey')).saved.adminApiKey).toBe(false);
    expect(await store.get('adminApiKey')).toBeNull();
  });

  it('registers every secret it reads or saves, so logs redact it', async () => {
    const kt = new FakeKeytar();
    kt.items.set('Brimline/claudeSessionKey', 'opaque-session-value-123456');
    const store = new SecretStore({ loadKeytar: async () => kt });
    await store.get('claudeSessionKey');
    expect(redact('cookie opaque-session-value-123456 sent')).toBe('cookie [redacted] sent');
    await store.set('adminApiKey', 'another-opaque-value-987654');
    expect(redact('x another-opaque-value-987654')).toBe('x [redacted]');
  });

  it('refuses unknown names, empty and oversized values with a clear error, saving nothing', async () => {
    const kt = new FakeKeytar();
    const store = new SecretStore({ loadKeytar: async () => kt });
    await expect(store.set('password' as 'adminApiKey', 'x')).rejects.toThrow(/Unknown secret name/);
    await expect(store.set('adminApiKey', '   ')).rejects.toThrow(/empty; nothing was saved/);
    await expect(store.set('adminApiKey', 'x'.repeat(9000))).rejects.toThrow(/longer than 8192/);
    expect(kt.items.size).toBe(0);
  });

  it('keeps a value in memory when the keychain refuses a write, and says why', async () => {
    const kt = new FakeKeytar();
    kt.failSet = true;
    const store = new SecretStore({ loadKeytar: async () => kt, platform: 'darwin' });
    const status = await store.set('claudeSessionKey', 'session-value-abcdefgh');
    expect(status.backend).toBe('memory');
    expect(status.keychainProblem).toMatch(
      /The OS keychain is not available \(The keyring is locked\)\. Secrets you enter are kept in memory/,
    );
    expect(status.saved.claudeSessionKey).toBe(true);
    expect(await store.get('claudeSessionKey')).toBe('session-value-abcdefgh');
  });
});

/**
 * A keychain that can be locked (every call hangs, like a macOS prompt nobody answered yet or a
 * login keyring not unlocked) and unlocked later; hung calls then answer late, as real ones do.
 */
class LockableKeytar extends FakeKeytar {
  locked = true;
  calls = 0;
  private readonly waiting: (() => void)[] = [];
  private gate<T>(f: () => Promise<T>): Promise<T> {
    this.calls++;
    if (!this.locked) return f();
    return new Promise<T>((resolve, reject) => this.waiting.push(() => f().then(resolve, reject)));
  }
  unlock(): void {
    this.locked = false;
    for (const w of this.waiting.splice(0)) w();
  }
  override getPassword(service: string, account: string): Promise<string | null> {
    return this.gate(() => super.getPassword(service, account));
  }
  override setPassword(service: string, account: string, password: string): Promise<void> {
    return this.gate(() => super.setPassword(service, account, password));
  }
  override deletePassword(service: string, account: string): Promise<boolean> {
    return this.gate(() => super.deletePassword(service, account));
  }
}

describe('SecretStore with a keychain that answers late', () => {
  afterEach(() => vi.useRealTimers());

  const setup = (kt: KeytarLike, changes: string[] = []) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 1_000_000;
    const store = new SecretStore({
      loadKeytar: async () => kt,
      timeoutMs: 5000,
      platform: 'darwin',
      now: () => now,
      onBackendChange: () => changes.push('keychain'),
    });
    const advance = async (ms: number): Promise<void> => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    return { store, advance };
  };

  it('backs off 5 s, 15 s, 30 s, 1 min, 2 min, then every 5 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(keychainRetryDelay)).toEqual([...KEYCHAIN_RETRY_MS, 300_000, 300_000]);
  });

  it('asks again after the backoff and moves a value kept in memory into the keychain', async () => {
    const kt = new LockableKeytar();
    const changes: string[] = [];
    const { store, advance } = setup(kt, changes);
    const init = store.init();
    await advance(5000);
    await init;
    expect(store.backend()).toBe('memory');
    const typed = await store.set('adminApiKey', 'sk-ant-admin01-typed-while-locked');
    expect(typed.backend).toBe('memory');
    expect(typed.keychainProblem).toMatch(/asks the keychain again and moves them there once it answers/);

    // The keyring is still locked at the first retry (5 s later): another timeout, then 15 s.
    await advance(5000);
    const callsBefore = kt.calls;
    await store.status();
    expect(kt.calls).toBe(callsBefore + 1);
    await advance(5000);
    await store.settled();
    expect(store.backend()).toBe('memory');
    // Not yet due again: no call to the keychain.
    await advance(5000);
    const n = kt.calls;
    await store.status();
    expect(kt.calls).toBe(n);

    // Unlocked meanwhile, but without hung calls answering (a fresh keyring): the next due probe succeeds.
    kt.locked = false;
    await advance(10_000);
    await store.status();
    await store.settled();
    expect(store.backend()).toBe('keychain');
    expect(kt.items.get('Brimline/adminApiKey')).toBe('sk-ant-admin01-typed-while-locked');
    const after = await store.status();
    expect(after).toEqual({ saved: { claudeSessionKey: false, adminApiKey: true }, backend: 'keychain', keychainProblem: null });
    expect(changes).toEqual(['keychain']);
    // A restart finds it in the keychain.
    expect(await new SecretStore({ loadKeytar: async () => kt }).get('adminApiKey')).toBe('sk-ant-admin01-typed-while-locked');
  });

  it('a late answer to the first probe (the user allowed the prompt) brings the keychain back at once', async () => {
    const kt = new LockableKeytar();
    kt.items.set('Brimline/claudeSessionKey', 'sk-ant-sid01-from-last-session');
    const { store, advance } = setup(kt);
    const init = store.init();
    await advance(5000);
    await init;
    expect(store.backend()).toBe('memory');
    // Meanwhile a source asks: memory has nothing, and the poll is not held up by the keychain.
    expect(await store.get('claudeSessionKey')).toBeNull();
    kt.unlock();
    await vi.advanceTimersByTimeAsync(0);
    await store.settled();
    expect(store.backend()).toBe('keychain');
    expect(await store.get('claudeSessionKey')).toBe('sk-ant-sid01-from-last-session');
  });

  it('a secret removed while the keychain was away is removed from it when it answers', async () => {
    const kt = new LockableKeytar();
    kt.items.set('Brimline/adminApiKey', 'sk-ant-admin01-old');
    const { store, advance } = setup(kt);
    const init = store.init();
    await advance(5000);
    await init;
    await store.remove('adminApiKey');
    kt.unlock();
    await vi.advanceTimersByTimeAsync(0);
    await store.settled();
    expect(store.backend()).toBe('keychain');
    expect(kt.items.has('Brimline/adminApiKey')).toBe(false);
    expect(await store.get('adminApiKey')).toBeNull();
  });

  it('never retries when the keychain module itself is missing', async () => {
    let loads = 0;
    let now = 0;
    const store = new SecretStore({
      loadKeytar: async () => {
        loads++;
        throw new Error("Cannot find module 'keytar'");
      },
      now: () => now,
    });
    await store.status();
    now += 3_600_000;
    await store.status();
    await store.settled();
    expect(loads).toBe(1);
    expect(store.backend()).toBe('memory');
  });
});

describe('SecretStore without a keychain', () => {
  it('falls back to memory with a clear message when keytar cannot load', async () => {
    const store = new SecretStore({
      loadKeytar: async () => {
        throw new Error("Cannot find module 'keytar'");
      },
    });
    const status: SecretStatus = await store.status();
    expect(status.backend).toBe('memory');
    expect(status.keychainProblem).toMatch(
      /^The keychain module could not be loaded \(Cannot find module 'keytar'\)\. Secrets you enter are kept in memory until Brimline quits/,
    );
    await store.set('adminApiKey', 'sk-ant-admin01-memoryonly');
    expect(await store.get('adminApiKey')).toBe('sk-ant-admin01-memoryonly');
    // A second store (a restart) has nothing: memory only, never disk.
    const restarted = new SecretStore({ loadKeytar: async () => Promise.reject(new Error('gone')) });
    expect(await restarted.get('adminApiKey')).toBeNull();
  });

  it('says what to install when keytar was skipped at install time on Linux (it is an optional dependency)', async () => {
    const store = new SecretStore({
      platform: 'linux',
      loadKeytar: async () => {
        throw new Error("Cannot find package 'keytar'");
      },
    });
    const status = await store.status();
    expect(status.backend).toBe('memory');
    expect(status.keychainProblem).toContain("could not be loaded (Cannot find package 'keytar')");
    expect(status.keychainProblem).toMatch(
      /install libsecret \(Debian\/Ubuntu: sudo apt-get install libsecret-1-0; .*libsecret-1-dev, then npm install again\)\.$/,
    );
  });

  it('gives up on a keychain that never answers', async () => {
    const hanging: KeytarLike = {
      getPassword: () => new Promise<string | null>(() => undefined),
      setPassword: () => new Promise<void>(() => undefined),
      deletePassword: () => new Promise<boolean>(() => undefined),
    };
    const store = new SecretStore({ loadKeytar: async () => hanging, timeoutMs: 30, platform: 'linux' });
    const status = await store.status();
    expect(status.backend).toBe('memory');
    expect(status.keychainProblem).toMatch(
      /No OS keychain is available: no Secret Service \(such as GNOME Keyring or KWallet\) answered \(the keychain did not answer within 0 s\)/,
    );
  });

  it.skipIf(process.platform !== 'linux' || !withKeytar.run)(
    `with the real keytar and no D-Bus session, keeps secrets in memory and says so (Linux)${withKeytar.run ? '' : ` (${withKeytar.reason})`}`,
    async () => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'secret-store-child.ts')], {
        env,
        timeout: 30_000,
      });
      const out = JSON.parse(stdout) as { status: SecretStatus; roundTrip: boolean };
      expect(out.status.backend).toBe('memory');
      expect(out.status.saved.claudeSessionKey).toBe(true);
      expect(out.status.keychainProblem).toMatch(/^No OS keychain is available: no Secret Service/);
      expect(out.roundTrip).toBe(true);
    },
  );
});

// The real keychain: gnome-keyring under dbus-run-session in CI (.ci/run). Locally it is skipped
// when keytar did not build or no Secret Service answers; in CI either fails the test instead.
const probe = new SecretStore({ service: 'Brimline-test-probe', timeoutMs: 5000 });
await probe.init();
const onKeychain = keychainGate({ keytarError, secretService: probe.backend() === 'keychain', ci });
if (!onKeychain.run) console.warn(`secret-store.test.ts: real-keychain tests ${onKeychain.reason}`);

describe.skipIf(!onKeychain.run)(`SecretStore on the real OS keychain${onKeychain.run ? '' : ` (${onKeychain.reason})`}`, () => {
  it('saves, reads back and removes a secret in the keychain', async () => {
    const service = `Brimline-test-${randomBytes(4).toString('hex')}`;
    const store = new SecretStore({ service, timeoutMs: 10_000 });
    const before = await store.status();
    expect(before.keychainProblem, 'CI must provide a Secret Service (gnome-keyring under dbus-run-session)').toBeNull();
    expect(before.backend).toBe('keychain');
    await store.set('claudeSessionKey', 'sk-ant-sid01-keychain-test');
    // A fresh store (a restart) reads it back from the keychain, not from memory.
    const again = new SecretStore({ service, timeoutMs: 10_000 });
    expect(await again.get('claudeSessionKey')).toBe('sk-ant-sid01-keychain-test');
    expect((await again.status()).saved).toEqual({ claudeSessionKey: true, adminApiKey: false });
    await again.remove('claudeSessionKey');
    expect(await new SecretStore({ service, timeoutMs: 10_000 }).get('claudeSessionKey')).toBeNull();
  });
});
