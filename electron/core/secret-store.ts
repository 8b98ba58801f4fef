/**
 * Secrets (the claude.ai session key, the Admin API key) live in the OS keychain through keytar,
 * service "Headroom", never in settings files. keytar is loaded lazily: a missing native module or
 * a Linux box without a Secret Service leaves Headroom working, with secrets kept in memory for
 * this session only and a message saying why.
 */
import { SECRET_NAMES, type SecretName, type SecretStatus } from '../../shared/ipc';
import { registerSecret, type Logger } from './log';

export const KEYCHAIN_SERVICE = 'Headroom';
/** An account that never holds anything; reading it tells whether the keychain answers. */
const PROBE_ACCOUNT = 'headroom-keychain-probe';
export const MAX_SECRET_LENGTH = 8192;

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface SecretStoreOptions {
  /** Loads keytar; injected in tests. Defaults to a dynamic import of the native module. */
  loadKeytar?: () => Promise<KeytarLike>;
  service?: string;
  /** A keychain that does not answer within this time counts as unavailable (D-Bus activation can hang ~25 s). */
  timeoutMs?: number;
  logger?: Logger;
  platform?: NodeJS.Platform;
}

function isKeytar(v: unknown): v is KeytarLike {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.getPassword === 'function' && typeof r.setPassword === 'function' && typeof r.deletePassword === 'function';
}

export async function importKeytar(): Promise<KeytarLike> {
  const mod: unknown = await import('keytar');
  // keytar is CommonJS: its functions sit on the default export under ESM.
  const candidate = isKeytar(mod) ? mod : (mod as { default?: unknown }).default;
  if (!isKeytar(candidate)) throw new Error('the keytar module has an unexpected shape');
  return candidate;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function assertSecretName(name: unknown): asserts name is SecretName {
  if (typeof name !== 'string' || !(SECRET_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown secret name; expected one of ${SECRET_NAMES.join(', ')}`);
  }
}

function explainProblem(err: unknown, platform: NodeJS.Platform, stage: 'load' | 'probe'): string {
  const why = err instanceof Error ? err.message : String(err);
  const tail = 'Secrets you enter are kept in memory until Headroom quits and will need to be entered again.';
  if (stage === 'load') {
    // keytar is an optional dependency: `npm install` skips it when its native build fails.
    const fix =
      platform === 'linux'
        ? 'To use the keychain, install libsecret (Debian/Ubuntu: sudo apt-get install libsecret-1-0; building from source also needs libsecret-1-dev, then npm install again).'
        : 'To use the keychain, reinstall Headroom (building from source: npm install again).';
    return `The keychain module could not be loaded (${why}). ${tail} ${fix}`;
  }
  if (platform === 'linux') {
    return `No OS keychain is available: no Secret Service (such as GNOME Keyring or KWallet) answered (${why}). ${tail}`;
  }
  return `The OS keychain is not available (${why}). ${tail}`;
}

export class SecretStore {
  private keytar: KeytarLike | null = null;
  private readonly memory = new Map<SecretName, string>();
  private problem: string | null = null;
  private ready: Promise<void> | null = null;
  private readonly service: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: SecretStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  /** Loads keytar and checks the keychain answers; safe to call more than once. Never throws. */
  init(): Promise<void> {
    this.ready ??= this.connect();
    return this.ready;
  }

  private async connect(): Promise<void> {
    const platform = this.opts.platform ?? process.platform;
    let kt: KeytarLike;
    try {
      kt = await (this.opts.loadKeytar ?? importKeytar)();
    } catch (err) {
      this.fallBack(explainProblem(err, platform, 'load'));
      return;
    }
    try {
      await withTimeout(kt.getPassword(this.service, PROBE_ACCOUNT), this.timeoutMs, 'the keychain');
      this.keytar = kt;
    } catch (err) {
      this.fallBack(explainProblem(err, platform, 'probe'));
    }
  }

  private fallBack(message: string): void {
    this.keytar = null;
    this.problem = message;
    this.opts.logger?.warn(message);
  }

  backend(): 'keychain' | 'memory' {
    return this.keytar ? 'keychain' : 'memory';
  }

  /** For main-process sources only; never sent over IPC. */
  async get(name: SecretName): Promise<string | null> {
    assertSecretName(name);
    await this.init();
    let value: string | null = this.memory.get(name) ?? null;
    if (value === null && this.keytar) {
      try {
        value = await withTimeout(this.keytar.getPassword(this.service, name), this.timeoutMs, 'the keychain');
      } catch (err) {
        this.fallBack(explainProblem(err, this.opts.platform ?? process.platform, 'probe'));
      }
    }
    registerSecret(value);
    return value;
  }

  async set(name: SecretName, value: string): Promise<SecretStatus> {
    assertSecretName(name);
    if (typeof value !== 'string' || value.trim() === '') throw new Error('The secret is empty; nothing was saved.');
    if (value.length > MAX_SECRET_LENGTH) throw new Error(`The secret is longer than ${MAX_SECRET_LENGTH} characters; nothing was saved.`);
    const clean = value.trim();
    registerSecret(clean);
    await this.init();
    if (this.keytar) {
      try {
        await withTimeout(this.keytar.setPassword(this.service, name, clean), this.timeoutMs, 'the keychain');
        this.memory.delete(name);
        return this.status();
      } catch (err) {
        // Keep the value for this session rather than lose what the user typed.
        this.fallBack(explainProblem(err, this.opts.platform ?? process.platform, 'probe'));
      }
    }
    this.memory.set(name, clean);
    return this.status();
  }

  async remove(name: SecretName): Promise<SecretStatus> {
    assertSecretName(name);
    await this.init();
    this.memory.delete(name);
    if (this.keytar) {
      try {
        await withTimeout(this.keytar.deletePassword(this.service, name), this.timeoutMs, 'the keychain');
      } catch (err) {
        throw new Error(`Could not remove the secret from the keychain: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return this.status();
  }

  async status(): Promise<SecretStatus> {
    await this.init();
    const saved = {} as Record<SecretName, boolean>;
    for (const name of SECRET_NAMES) {
      let has = this.memory.has(name);
      if (!has && this.keytar) {
        try {
          const v = await withTimeout(this.keytar.getPassword(this.service, name), this.timeoutMs, 'the keychain');
          registerSecret(v);
          has = v !== null;
        } catch (err) {
          this.fallBack(explainProblem(err, this.opts.platform ?? process.platform, 'probe'));
        }
      }
      saved[name] = has;
    }
    return { saved, backend: this.backend(), keychainProblem: this.problem };
  }
}
