/**
 * What every usage source implements. The scheduler owns timing, backoff and snapshots; a source
 * only performs one poll and says what happened.
 */
import type {
  ApiSpend,
  ExtraUsage,
  LocalUsageSummary,
  Plan,
  ScanProgress,
  SourceError,
  SourceId,
  UsageWindow,
  Warning,
} from '../../../shared/domain';
import type { SecretName } from '../../../shared/ipc';

/** Whose data a poll returned, as far as the source knows; the account directory turns it into an account id. */
export interface AccountHint {
  /** The Claude account's uuid (the OAuth profile, Claude Code's cache). */
  accountUuid?: string | null;
  /** An organisation (Admin API, a claude.ai organisation) when no account is known. */
  orgUuid?: string | null;
  /** The Claude Code config folder the data belongs to: it links data that names no account to that folder's login. */
  configDir?: string | null;
  /** The account this data is when nothing else names one (a further Admin key: an organisation of its own). */
  ownAccount?: string | null;
}

export interface PollData {
  windows: UsageWindow[];
  plan: Plan | null;
  extraUsage: ExtraUsage | null;
  local?: LocalUsageSummary | null;
  account?: AccountHint;
  /** When the data was observed (ISO-8601), for data another program recorded (a cache can be days old); the poll's time otherwise. */
  observedAt?: string;
  warnings?: Warning[];
  /** API spend from the Admin API (admin-api source only). */
  apiSpend?: ApiSpend | null;
  /** This folder's login is the same as that folder's, which is polled instead (no windows here then). */
  sameLoginAs?: string | null;
}

export type PollFailureKind =
  /** Retry later with exponential backoff (5xx, network, timeout). */
  | 'transient'
  /** 429: honour Retry-After, at least 5 minutes, doubling. */
  | 'rate_limited'
  /** Needs the user (login expired, no credentials, bad scope): poll at the normal interval. */
  | 'needs_user'
  /** The source is not set up; shown as `unconfigured`, no data to keep. */
  | 'unconfigured'
  /** The body was not what we expected; treated like transient for timing. */
  | 'bad_response';

/**
 * A failed poll states facts only. For a 429 that is the server's Retry-After; the scheduler owns
 * the gate arithmetic and the message that tells the user when it asks again.
 */
export type PollResult =
  | { ok: true; data: PollData }
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number | null }
  | { ok: false; kind: Exclude<PollFailureKind, 'rate_limited'>; error: SourceError };

/** What a source may read of the secrets the user saved: the keychain in the app, the environment in the CLI. */
export interface SecretReader {
  get(name: SecretName): Promise<string | null>;
}

export interface PollContext {
  signal: AbortSignal;
  now: () => number;
  /** Progress of long first scans (local logs); the scheduler turns it into snapshot updates. */
  onProgress?: (p: ScanProgress) => void;
}

export interface UsageSource {
  readonly id: SourceId;
  /** Unique among running sources when a source runs once per Claude Code folder (`claude-oauth@<folder>`); the id otherwise. */
  readonly key?: string;
  /** The Claude Code config folder this instance reads. */
  readonly folder?: string | null;
  /** The key of a saved state this instance takes over when it has none of its own (the single source it replaced). */
  readonly adopts?: string;
  /** The saved key this instance polls with (removed from the keychain with its account). */
  readonly keyName?: SecretName;
  poll(ctx: PollContext): Promise<PollResult>;
  /** Minimum ms between polls for this source, if stricter than the user's interval. */
  readonly minIntervalMs?: number;
  /**
   * The source only reads local files and sends no request (the status line, Claude Code's cache,
   * the logs): the one-minute floor, the 429 gate and backoff, which protect servers, do not apply,
   * so a change is read at once and a manual refresh always reads it afresh.
   */
  readonly local?: boolean;
}

/** A running source's key: what its snapshot, gate and schedule are stored under. */
export function sourceKey(source: Pick<UsageSource, 'id' | 'key'>): string {
  return source.key ?? source.id;
}

/** `claude-web#3fa2c1d0`: one instance per further key. */
export function slotKey(id: SourceId, slot: string): string {
  return `${id}#${slot}`;
}

/** `claude-oauth@/home/me/.claude-work`: one instance per folder. */
export function folderKey(id: SourceId, folder: string): string {
  return `${id}@${folder}`;
}
