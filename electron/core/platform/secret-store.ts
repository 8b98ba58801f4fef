/**
 * Secrets (the claude.ai session key, the Admin API key) live in the OS keychain through keytar,
 * service "Brimline", never in settings files. keytar is loaded lazily: a missing native module or
 * a Linux box without a Secret Service leaves Brimline working, with secrets kept in memory and a
 * message saying why. A keychain that fails to answer (a macOS prompt, a keyring still locked at
 * login) is asked again with a backoff; once it answers, values kept in memory move into it.
 */
import { SECRET_NAMES, isSecretName, type SecretName, type SecretStatus } from '../../../shared/ipc';
import { registerSecret, type Logger } from './log';

export const KEYCHAIN_SERVICE = 'Brimline';
/** An account that never holds anything; reading it tells whether the keychain answers. */
const PROBE_ACCOUNT = 'brimline-keychain-probe';
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
  /** For the retry backoff; injected in tests. */
  now?: () => number;
  /** Called when a keychain that had stopped answering answers again (the status changed). */
  onBackendChange?: () => void;
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
  if (!isSecretName(name)) {
    throw new Error(`Unknown secret name; expected one of ${SECRET_NAMES.join(', ')}, optionally followed by .<slot>`);
  }
}

function explainProblem(err: unknown, platform: NodeJS.Platform, stage: 'load' | 'probe'): string {
  const why = err instanceof Error ? err.message : String(err);
  if (stage === 'load') {
    // keytar is an optional dependency: `npm install` skips it when its native build fails.
    const fix =
      platform === 'linux'
        ? 'To use the keychain, install libsecret (Debian/Ubuntu: sudo apt-get install libsecret-1-0; building from source also needs libsecret-1-dev, then npm install again).'
        : 'To use the keychain, reinstall Brimline (building from source: npm install again).';
    return `The keychain module could not be loaded (${why}). Secrets you enter are kept in memory until Brimline quits and will need to be entered again. ${fix}`;
  }
  const tail =
    'Secrets you enter are kept in memory for now; Brimline asks the keychain again and moves them there once it answers. Unlock the keychain (or allow Brimline when asked) to keep them after a restart.';
  if (platform === 'linux') {
    return `No OS keychain is available: no Secret Service (such as GNOME Keyring or KWallet) answered (${why}). ${tail}`;
  }
  return `The OS keychain is not available (${why}). ${tail}`;
}

/**
 * How long to wait before asking a keychain that failed again: soon at first (a login keyring is
 * often unlocked seconds after the session starts), then less often, never more than every 5 min.
 */
export const KEYCHAIN_RETRY_MS: readonly number[] = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

export function keychainRetryDelay(failures: number): number {
  return KEYCHAIN_RETRY_MS[Math.min(Math.max(failures, 1), KEYCHAIN_RETRY_MS.length) - 1]!;
}

export class SecretStore {
  /** The keychain while it answers; null while secrets live in memory. */
  private keytar: KeytarLike | null = null;
  /** The loaded module, kept while the keychain itself does not answer, to ask it again. */
  private module: KeytarLike | null = null;
  private readonly memory = new Map<SecretName, string>();
  /** Removed while the keychain was away: deleted there too once it answers. */
  private readonly removedWhileAway = new Set<SecretName>();
  private problem: string | null = null;
  private ready: Promise<void> | null = null;
  private probing: Promise<void> | null = null;
  private failures = 0;
  private nextProbeAt = Number.POSITIVE_INFINITY;
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SecretStoreOptions = {}) {
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.now = opts.now ?? Date.now;
  }

  private get platform(): NodeJS.Platform {
    return this.opts.platform ?? process.platform;
  }

  /** Loads keytar and checks the keychain answers; safe to call more than once. Never throws. */
  init(): Promise<void> {
    this.ready ??= this.connect();
    return this.ready;
  }

  private async connect(): Promise<void> {
    let kt: KeytarLike;
    try {
      kt = await (this.opts.loadKeytar ?? importKeytar)();
    } catch (err) {
      // A missing native module does not come back during the session: no retries.
      this.problem = explainProblem(err, this.platform, 'load');
      this.opts.logger?.warn(this.problem);
      return;
    }
    this.module = kt;
    await this.probe(kt);
  }

  /** Asks the keychain for an account that never exists; on an answer, moves memory values there. */
  private async probe(kt: KeytarLike): Promise<void> {
    const answer = kt.getPassword(this.service, PROBE_ACCOUNT);
    try {
      await withTimeout(answer, this.timeoutMs, 'the keychain');
    } catch (err) {
      this.degrade(err);
      // A slow answer (a macOS prompt the user answers later) is still an answer: ask again then.
      answer.then(
        () => this.retryNow(),
        () => undefined,
      );
      return;
    }
    await this.recover(kt);
  }

  private retryNow(): void {
    if (this.keytar || !this.module) return;
    this.nextProbeAt = this.now();
    this.maybeRetry();
  }

  /** Starts a background probe when one is due. Callers never wait for it: a hanging keychain must not stall a poll. */
  private maybeRetry(): void {
    const kt = this.module;
    if (this.keytar || !kt || this.probing || this.now() < this.nextProbeAt) return;
    this.probing = this.probe(kt).finally(() => (this.probing = null));
  }

  private degrade(err: unknown): void {
    this.keytar = null;
    this.failures++;
    this.nextProbeAt = this.now() + keychainRetryDelay(this.failures);
    this.problem = explainProblem(err, this.platform, 'probe');
    this.opts.logger?.warn(this.problem);
  }

  private async recover(kt: KeytarLike): Promise<void> {
    const wasAway = this.problem !== null;
    this.keytar = kt;
    this.problem = null;
    this.failures = 0;
    this.nextProbeAt = Number.POSITIVE_INFINITY;
    try {
      // Snapshots: the maps change while we await.
      for (const [name, value] of Array.from(this.memory)) {
        await withTimeout(kt.setPassword(this.service, name, value), this.timeoutMs, 'the keychain');
        // Only if nothing newer was typed meanwhile.
        if (this.memory.get(name) === value) this.memory.delete(name);
      }
      for (const name of Array.from(this.removedWhileAway)) {
        await withTimeout(kt.deletePassword(this.service, name), this.timeoutMs, 'the keychain');
        this.removedWhileAway.delete(name);
      }
    } catch (err) {
      this.degrade(err);
      return;
    }
    if (wasAway) {
      this.opts.logger?.info('The keychain answers again; secrets are stored there.');
      this.opts.onBackendChange?.();
    }
  }

  /** Resolves when a background keychain probe (and the move of memory values) has finished. */
  async settled(): Promise<void> {
    await this.init();
    while (this.probing) await this.probing;
  }

  backend(): 'keychain' | 'memory' {
    return this.keytar ? 'keychain' : 'memory';
  }

  /** For main-process sources only; never sent over IPC. */
  async get(name: SecretName): Promise<string | null> {
    assertSecretName(name);
    await this.init();
    this.maybeRetry();
    let value: string | null = this.memory.get(name) ?? null;
    if (value === null && this.keytar) {
      try {
        value = await withTimeout(this.keytar.getPassword(this.service, name), this.timeoutMs, 'the keychain');
      } catch (err) {
        this.degrade(err);
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
    this.maybeRetry();
    this.removedWhileAway.delete(name);
    if (this.keytar) {
      try {
        await withTimeout(this.keytar.setPassword(this.service, name, clean), this.timeoutMs, 'the keychain');
        this.memory.delete(name);
        return this.status();
      } catch (err) {
        // Keep the value for this session rather than lose what the user typed.
        this.degrade(err);
      }
    }
    this.memory.set(name, clean);
    return this.status();
  }

  async remove(name: SecretName): Promise<SecretStatus> {
    assertSecretName(name);
    await this.init();
    this.maybeRetry();
    this.memory.delete(name);
    if (this.keytar) {
      try {
        await withTimeout(this.keytar.deletePassword(this.service, name), this.timeoutMs, 'the keychain');
      } catch (err) {
        throw new Error(`Could not remove the secret from the keychain: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (this.module) {
      this.removedWhileAway.add(name);
    }
    return this.status();
  }

  /** Whether each kind's first key is saved, and each further key named in `extra` (the slots in use). */
  async status(extra: readonly SecretName[] = []): Promise<SecretStatus> {
    await this.init();
    this.maybeRetry();
    const saved: SecretStatus['saved'] = { claudeSessionKey: false, adminApiKey: false };
    for (const name of [...SECRET_NAMES, ...extra]) {
      assertSecretName(name);
      let has = this.memory.has(name);
      if (!has && this.keytar) {
        try {
          const v = await withTimeout(this.keytar.getPassword(this.service, name), this.timeoutMs, 'the keychain');
          registerSecret(v);
          has = v !== null;
        } catch (err) {
          this.degrade(err);
        }
      }
      saved[name] = has;
    }
    return { saved, backend: this.backend(), keychainProblem: this.problem };
  }
}
