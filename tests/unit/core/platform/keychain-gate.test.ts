import { describe, expect, it } from 'vitest';
import { isCi, keychainGate } from '../../../support/keychain-gate';

describe('keychainGate (when the real-keychain tests run)', () => {
  it('skips without keytar outside CI, saying why and what to install', () => {
    const gate = keychainGate({ keytarError: "Cannot find package 'keytar'", secretService: null, ci: false });
    expect(gate).toEqual({
      run: false,
      reason:
        "skipped: keytar's native module did not load (Cannot find package 'keytar'); on Debian/Ubuntu install libsecret-1-dev, then npm ci again",
    });
  });

  it('skips without a Secret Service outside CI, naming dbus-run-session', () => {
    const gate = keychainGate({ keytarError: null, secretService: false, ci: false });
    expect(gate.run).toBe(false);
    expect(!gate.run && gate.reason).toMatch(/^skipped: no Secret Service here; run under dbus-run-session/);
  });

  it('runs in CI whatever is missing, so the tests fail there instead of being skipped', () => {
    for (const keytarError of [null, 'libsecret-1.so.0: cannot open shared object file']) {
      for (const secretService of [null, false, true]) {
        expect(keychainGate({ keytarError, secretService, ci: true })).toEqual({ run: true });
      }
    }
  });

  it('runs wherever keytar loads and the keychain answers (or is not needed)', () => {
    expect(keychainGate({ keytarError: null, secretService: true, ci: false })).toEqual({ run: true });
    expect(keychainGate({ keytarError: null, secretService: null, ci: false })).toEqual({ run: true });
  });
});

describe('isCi', () => {
  it('reads CI=true and the values CI services set, not an empty, "false" or "0" CI', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'TRUE' })).toBe(true);
    expect(isCi({})).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '0' })).toBe(false);
  });
});
