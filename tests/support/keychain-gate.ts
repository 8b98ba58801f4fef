/**
 * Whether a test that needs the real keychain runs here. keytar is an optional dependency: a
 * contributor without libsecret-1-dev has none, and those tests are skipped with the reason
 * printed. In CI they always run, so a missing keytar or Secret Service fails them instead of
 * passing silently as skipped.
 */

export interface KeychainFacts {
  /** Why `import('keytar')` failed, or null when it loaded. */
  keytarError: string | null;
  /** Whether a Secret Service answered; null when the test needs keytar only. */
  secretService: boolean | null;
  ci: boolean;
}

export type KeychainGate = { run: true } | { run: false; reason: string };

/** `CI=true` (any value but empty, "false" or "0"), as CI services and .ci/run set it. */
export function isCi(env: Record<string, string | undefined>): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

export function keychainGate(facts: KeychainFacts): KeychainGate {
  if (facts.ci) return { run: true };
  if (facts.keytarError !== null) {
    return {
      run: false,
      reason: `skipped: keytar's native module did not load (${facts.keytarError}); on Debian/Ubuntu install libsecret-1-dev, then npm ci again`,
    };
  }
  if (facts.secretService === false) {
    return {
      run: false,
      reason: 'skipped: no Secret Service here; run under dbus-run-session with gnome-keyring (CONTRIBUTING.md, Keychain tests)',
    };
  }
  return { run: true };
}

/** Why keytar does not load in this process, or null when it does. */
export async function keytarLoadError(): Promise<string | null> {
  try {
    await import('keytar');
    return null;
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  }
}
