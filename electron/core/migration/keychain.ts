/**
 * Saved keys under the former keychain service move to Brimline's: each is written under the new
 * service, read back, and only then deleted from the old one. A keychain that is locked, does not
 * answer, or fails halfway leaves what was not moved where it was; the next start tries again, and
 * the message says what to do. No value is ever part of a message.
 */
import { registerSecret, redact } from '../platform/log';
import { KEYCHAIN_SERVICE } from '../platform/secret-store';
import { LEGACY } from './legacy-names';

export interface KeychainLike {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainMigrationOptions {
  /** Loads keytar; injected in tests (a locked keychain, a failure halfway). */
  load?: () => Promise<KeychainLike>;
  from?: string;
  to?: string;
  timeoutMs?: number;
}

export type KeychainMigrationResult =
  | { kind: 'nothing' }
  | { kind: 'moved'; accounts: string[] }
  /** No keychain module: the keys stay where they are (the secret store says why it has no keychain). */
  | { kind: 'unavailable' }
  | { kind: 'failed'; moved: string[]; left: number; message: string };

/** Written and deleted under the new service before anything else, to learn whether the keychain is locked. */
const PROBE_ACCOUNT = 'brimline-migration-probe';

function isKeychain(v: unknown): v is KeychainLike {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['findCredentials', 'getPassword', 'setPassword', 'deletePassword'].every((k) => typeof r[k] === 'function');
}

async function importKeychain(): Promise<KeychainLike> {
  const mod: unknown = await import('keytar');
  const candidate = isKeychain(mod) ? mod : (mod as { default?: unknown }).default;
  if (!isKeychain(candidate)) throw new Error('the keytar module has an unexpected shape');
  return candidate;
}

function timed<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

export async function migrateKeychain(opts: KeychainMigrationOptions = {}): Promise<KeychainMigrationResult> {
  const from = opts.from ?? LEGACY.keychainService;
  const to = opts.to ?? KEYCHAIN_SERVICE;
  const ms = opts.timeoutMs ?? 5000;
  let kc: KeychainLike;
  try {
    kc = await (opts.load ?? importKeychain)();
  } catch {
    return { kind: 'unavailable' };
  }
  const moved: string[] = [];
  let found: Array<{ account: string; password: string }> = [];
  try {
    // On a locked Linux collection keytar's findCredentials crashes the whole process (libsecret
    // hands it no value), while a write fails cleanly: a probe write goes first.
    await timed(kc.setPassword(to, PROBE_ACCOUNT, 'probe'), ms);
    await timed(kc.deletePassword(to, PROBE_ACCOUNT), ms);
    found = await timed(kc.findCredentials(from), ms);
    for (const { password } of found) registerSecret(password);
    for (const { account, password } of found) {
      const existing = await timed(kc.getPassword(to, account), ms);
      registerSecret(existing);
      // A key saved under the new name since is newer than the old one: it stays.
      if (existing === null) {
        await timed(kc.setPassword(to, account, password), ms);
        if ((await timed(kc.getPassword(to, account), ms)) !== password) throw new Error('the keychain did not keep the copy');
      }
      await timed(kc.deletePassword(from, account), ms);
      moved.push(account);
    }
  } catch (err) {
    const why = redact(err instanceof Error ? err.message : String(err));
    const left = Math.max(found.length - moved.length, 0);
    return {
      kind: 'failed',
      moved,
      left,
      message: `Brimline could not move ${left > 0 ? `${left} saved key${left === 1 ? '' : 's'}` : 'your saved keys'} from the keychain entries of its former name (${LEGACY.keychainService}) to its own (${why}). Nothing was lost: they are still in the keychain, and Brimline tries again at its next start. Unlock the keychain (or allow Brimline when asked), then quit and start Brimline again; until then, Brimline does not see the keys not moved yet.`,
    };
  }
  return moved.length > 0 ? { kind: 'moved', accounts: moved } : { kind: 'nothing' };
}
