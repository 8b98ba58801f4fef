/**
 * What every usage source implements. The scheduler owns timing, backoff and snapshots; a source
 * only performs one poll and says what happened.
 */
import type { ExtraUsage, LocalUsageSummary, Plan, ScanProgress, SourceError, UsageWindow } from '../../../shared/domain';

export interface PollData {
  windows: UsageWindow[];
  plan: Plan | null;
  extraUsage: ExtraUsage | null;
  local?: LocalUsageSummary | null;
  /** When the numbers were observed (ISO-8601 UTC), if not at poll time (the status line's file). */
  observedAt?: string;
  /** Which account the numbers belong to, when the source knows (the status line's Claude config dir). */
  account?: { configDir?: string | null };
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

export type PollResult =
  { ok: true; data: PollData } | { ok: false; kind: PollFailureKind; error: SourceError; retryAfterMs?: number | null };

export interface PollContext {
  signal: AbortSignal;
  now: () => number;
  /** Progress of long first scans (local logs); the scheduler turns it into snapshot updates. */
  onProgress?: (p: ScanProgress) => void;
}

export interface UsageSource {
  readonly id: string;
  /** Display name in English ("Claude plan", "Claude Code logs"). */
  readonly label: string;
  poll(ctx: PollContext): Promise<PollResult>;
  /** Minimum ms between polls for this source, if stricter than the user's interval. */
  readonly minIntervalMs?: number;
}
