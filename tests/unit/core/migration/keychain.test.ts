/**
 * Saved keys move from the former keychain service to Brimline's: on the real keychain
 * (gnome-keyring under dbus-run-session, as in CI), and with an injected keychain for the locked
 * and the halfway cases. Nothing is lost, and no message holds a value.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateKeychain, type KeychainLike } from '../../../../electron/core/migration/keychain';
import { redact } from '../../../../electron/core/platform/log';
import { SecretStore, importKeytar } from '../../../../electron/core/platform/secret-store';

const SESSION = 'test-session-key-old-value-abcdef';
const ADMIN = 'test-admin-key-old-value-ghijkl';

/** A keychain in memory; `failOn` makes one call of one kind fail the way a locked keychain does. */
class FakeKeychain implements KeychainLike {
  readonly items = new Map<string, string>();
  calls = 0;
  constructor(private readonly failOn: { op: 'find' | 'set' | 'delete'; after: number } | null = null) {}
  private maybeFail(op: 'find' | 'set' | 'delete'): void {
    if (this.failOn?.op === op && this.calls++ >= this.failOn.after) throw new Error('Cannot create an item in a locked collection');
  }
  async findCredentials(service: string): Promise<Array<{ account: string; password: string }>> {
    this.maybeFail('find');
    return [...this.items]
      .filter(([k]) => k.startsWith(`${service}/`))
      .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
  }
  async getPassword(service: string, account: string): Promise<string | null> {
    return this.items.get(`${service}/${account}`) ?? null;
  }
  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.maybeFail('set');
    this.items.set(`${service}/${account}`, password);
  }
  async deletePassword(service: string, account: string): Promise<boolean> {
    this.maybeFail('delete');
    return this.items.delete(`${service}/${account}`);
  }
}

const withOld = (kc: FakeKeychain): FakeKeychain => {
  kc.items.set('Headroom/claudeSessionKey', SESSION);
  kc.items.set('Headroom/adminApiKey', ADMIN);
  return kc;
};

describe('moving keychain items', () => {
  it('moves every item, then nothing is left under the former service; a second start has nothing to do', async () => {
    const kc = withOld(new FakeKeychain());
    const res = await migrateKeychain({ load: async () => kc });
    expect(res).toEqual({ kind: 'moved', accounts: ['claudeSessionKey', 'adminApiKey'] });
    expect(Object.fromEntries(kc.items)).toEqual({ 'Brimline/claudeSessionKey': SESSION, 'Brimline/adminApiKey': ADMIN });
    expect(await migrateKeychain({ load: async () => kc })).toEqual({ kind: 'nothing' });
  });

  it('keeps a key saved under the new name since, as newer than the former one', async () => {
    const kc = withOld(new FakeKeychain());
    kc.items.set('Brimline/adminApiKey', 'sk-ant-admin01-newer-value-000000');
    await migrateKeychain({ load: async () => kc });
    expect(kc.items.get('Brimline/adminApiKey')).toBe('sk-ant-admin01-newer-value-000000');
    expect(kc.items.get('Brimline/claudeSessionKey')).toBe(SESSION);
  });

  it.each([
    ['locked: nothing can be read', { op: 'find' as const, after: 0 }, 'your saved keys'],
    ['locked for writing', { op: 'set' as const, after: 0 }, 'your saved keys'],
    // The first write and delete are the probe.
    ['failing halfway, after the first key moved', { op: 'set' as const, after: 2 }, '1 saved key '],
    ['failing to delete the former item', { op: 'delete' as const, after: 1 }, '2 saved keys'],
  ])('a keychain %s loses nothing, says what to do, and the next start finishes', async (_what, failOn, names) => {
    const kc = withOld(new FakeKeychain(failOn));
    const res = await migrateKeychain({ load: async () => kc });
    expect(res.kind).toBe('failed');
    if (res.kind !== 'failed') return;
    // Every key is still readable under one of the names.
    for (const [account, value] of [
      ['claudeSessionKey', SESSION],
      ['adminApiKey', ADMIN],
    ])
      expect([kc.items.get(`Headroom/${account}`), kc.items.get(`Brimline/${account}`)]).toContain(value);
    expect(kc.items.size).toBeGreaterThanOrEqual(2);
    expect(res.message).toContain(`could not move ${names}`);
    expect(res.message).toContain('Nothing was lost');
    expect(res.message).toContain('tries again at its next start');
    expect(res.message).toContain('Unlock the keychain');
    for (const secret of [SESSION, ADMIN]) expect(res.message).not.toContain(secret);
    // Unlocked: the next start moves what is left.
    const next = await migrateKeychain({ load: async () => withoutFailures(kc) });
    expect(next.kind).toBe('moved');
    expect(Object.fromEntries(kc.items)).toEqual({ 'Brimline/claudeSessionKey': SESSION, 'Brimline/adminApiKey': ADMIN });
  });

  it('never puts a value in its message, even when the keychain error quotes one', async () => {
    const kc = withOld(new FakeKeychain());
    kc.setPassword = async () => {
      throw new Error(`refused to store ${SESSION}`);
    };
    const res = await migrateKeychain({ load: async () => kc });
    expect(res.kind === 'failed' && res.message).not.toContain(SESSION);
    expect(redact(`x ${ADMIN}`)).toBe('x [redacted]');
  });

  it('without a keychain module leaves everything where it is', async () => {
    expect(
      await migrateKeychain({
        load: async () => {
          throw new Error('Cannot find module keytar');
        },
      }),
    ).toEqual({ kind: 'unavailable' });
  });
});

function withoutFailures(kc: FakeKeychain): KeychainLike {
  return {
    findCredentials: async (s) =>
      [...kc.items].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
    getPassword: async (s, a) => kc.items.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void kc.items.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => kc.items.delete(`${s}/${a}`),
  };
}

// The real keychain: gnome-keyring under dbus-run-session (see the preamble of .ci/run). Skipped
// locally when no Secret Service answers; in CI a missing keychain fails instead.
const probe = new SecretStore({ service: 'Brimline-test-probe', timeoutMs: 5000 });
await probe.init();
const haveKeychain = probe.backend() === 'keychain';

describe.skipIf(!haveKeychain && !process.env.CI)(
  `moving items on the real OS keychain${haveKeychain ? '' : ' (skipped: no Secret Service here)'}`,
  () => {
    it('moves the items, which a Brimline secret store then reads, and leaves none under the former service', async () => {
      const tag = randomBytes(4).toString('hex');
      const from = `Headroom-test-${tag}`;
      const to = `Brimline-test-${tag}`;
      const kt = (await importKeytar()) as unknown as KeychainLike;
      await kt.setPassword(from, 'claudeSessionKey', SESSION);
      await kt.setPassword(from, 'adminApiKey', ADMIN);
      const res = await migrateKeychain({ from, to, timeoutMs: 10_000 });
      expect(res.kind).toBe('moved');
      expect(await kt.findCredentials(from)).toEqual([]);
      const store = new SecretStore({ service: to, timeoutMs: 10_000 });
      expect(await store.get('claudeSessionKey')).toBe(SESSION);
      expect(await store.get('adminApiKey')).toBe(ADMIN);
      await store.remove('claudeSessionKey');
      await store.remove('adminApiKey');
    });

    it('a failure halfway on the real keychain keeps the item not moved under the former service', async () => {
      const tag = randomBytes(4).toString('hex');
      const from = `Headroom-test-${tag}`;
      const to = `Brimline-test-${tag}`;
      const kt = (await importKeytar()) as unknown as KeychainLike;
      await kt.setPassword(from, 'claudeSessionKey', SESSION);
      await kt.setPassword(from, 'adminApiKey', ADMIN);
      let sets = 0;
      const flaky: KeychainLike = {
        findCredentials: (s) => kt.findCredentials(s),
        getPassword: (s, a) => kt.getPassword(s, a),
        setPassword: async (s, a, p) => {
          if (sets++ >= 2) throw new Error('Cannot create an item in a locked collection'); // the first is the probe
          return kt.setPassword(s, a, p);
        },
        deletePassword: (s, a) => kt.deletePassword(s, a),
      };
      const res = await migrateKeychain({ from, to, load: async () => flaky });
      expect(res.kind === 'failed' && res.left).toBe(1);
      const remaining = await kt.findCredentials(from);
      expect(remaining).toHaveLength(1);
      const moved = await kt.findCredentials(to);
      expect(moved).toHaveLength(1);
      expect([...remaining, ...moved].map((c) => c.password).sort()).toEqual([ADMIN, SESSION].sort());
      // The next start, with the keychain answering, finishes.
      expect((await migrateKeychain({ from, to })).kind).toBe('moved');
      expect(await kt.findCredentials(from)).toEqual([]);
      for (const a of ['claudeSessionKey', 'adminApiKey']) await kt.deletePassword(to, a);
    });
  },
);

// A keyring locked for real: gnome-keyring in a D-Bus session of its own, locked over D-Bus.
const haveGnomeKeyring = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].every(
  (b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0,
);

describe.skipIf(!haveGnomeKeyring && !process.env.CI)(
  `a locked gnome-keyring${haveGnomeKeyring ? '' : ' (skipped: dbus-run-session, gnome-keyring-daemon or gdbus missing)'}`,
  () => {
    it('does not crash, moves nothing, says to unlock it, and the next start (unlocked) moves the key', () => {
      const child = path.join(__dirname, 'keychain-locked-child.mts');
      const script = [
        'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        '"$0" --import tsx "$1" locked',
        'echo -n pw | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1',
        'sleep 0.5',
        '"$0" --import tsx "$1" unlocked',
      ].join(' && ');
      const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, process.execPath, child], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: mkdtempSync(path.join(os.tmpdir(), 'br-kr-')),
          XDG_DATA_HOME: mkdtempSync(path.join(os.tmpdir(), 'br-kr-data-')),
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const [first, second] = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const out = { ...first, ...second } as {
        result: { kind: string; message?: string };
        keptOld: boolean;
        movedEarly: boolean;
        retry: string;
        after: { old: string | null; nowOk: boolean };
      };
      expect(out.result.kind).toBe('failed');
      expect(out.result.message).toContain('Cannot create an item in a locked collection');
      expect(out.result.message).toContain('Unlock the keychain');
      expect(out.result.message).not.toContain('test-session-key-locked-keyring-value-123');
      expect(out.keptOld).toBe(true);
      expect(out.movedEarly).toBe(false);
      expect(out.retry).toBe('moved');
      expect(out.after).toEqual({ old: null, nowOk: true });
    }, 90_000);
  },
);
