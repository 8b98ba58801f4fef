/**
 * Domain types shared by the main process, the CLI and the renderer.
 * Plain data only: everything here must survive structured clone (IPC) and JSON.
 */

export const WINDOW_KINDS = ['session', 'weekly', 'weekly_model', 'other'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface UsageWindow {
  /** Stable across polls, e.g. `five_hour`, `seven_day`, `weekly_model:opus`. */
  id: string;
  kind: WindowKind;
  /** Human label in English; the renderer may translate known ids. */
  label: string;
  /** Exactly as the source reported it; may exceed 100. */
  usedPercent: number;
  /** ISO-8601 UTC, or null when the window has not started yet. */
  resetsAt: string | null;
}

export interface ExtraUsage {
  enabled: boolean;
  /** Major units (e.g. dollars), already converted from the source's minor units. */
  used: number | null;
  limit: number | null;
  /** ISO 4217 code. */
  currency: string;
  percent: number | null;
}

export interface Plan {
  /** "Pro", "Max 5x", "Max 20x", "Team", "Enterprise", or the raw tier when unknown. */
  name: string;
  email: string | null;
}

export const SOURCE_STATES = ['ok', 'stale', 'error', 'unconfigured'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

export const ERROR_CODES = [
  'no_credentials',
  'login_expired',
  'login_required',
  'missing_scope',
  'rate_limited',
  'unavailable',
  'bad_response',
  'keychain_unavailable',
  'scan_failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the user can do about an error; the renderer turns it into a button or a command to copy. */
export type ErrorAction =
  | { kind: 'run_command'; command: string }
  | { kind: 'retry_at'; at: string }
  | { kind: 'retry' }
  | { kind: 'open_settings' }
  | { kind: 'open_url'; url: string };

export interface SourceError {
  code: ErrorCode;
  /** A sentence that says what happened and what to do. Never contains a secret. */
  message: string;
  action: ErrorAction | null;
}

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
}

export interface CostedTokens extends TokenCounts {
  /** USD; excludes unpriced models (listed in `unpricedModels`). */
  totalCost: number;
}

export interface ActiveBlock extends CostedTokens {
  startTime: string;
  endTime: string;
  /** Tokens per hour and USD per hour since the block's first entry. */
  burnRate: { tokensPerHour: number; costPerHour: number } | null;
  projection: { totalTokens: number; totalCost: number } | null;
}

export interface LocalUsageSummary {
  today: CostedTokens;
  week: CostedTokens;
  activeBlock: ActiveBlock | null;
  unpricedModels: string[];
}

export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface SourceSnapshot {
  sourceId: string;
  state: SourceState;
  error: SourceError | null;
  /** When the data shown was fetched (last good data); null if never. */
  fetchedAt: string | null;
  /** When the last attempt was made, good or bad. */
  attemptedAt: string | null;
  /** Earliest time the scheduler will poll again (429 gate, backoff or interval). */
  nextAttemptAt: string | null;
  plan: Plan | null;
  windows: UsageWindow[];
  extraUsage: ExtraUsage | null;
  /** Only for the local-logs source. */
  local?: LocalUsageSummary | null;
  /** Set while a first scan is in progress. */
  scan?: ScanProgress | null;
}

export type Severity = 'ok' | 'warn' | 'critical';

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 75, 90];

export function resetTime(w: UsageWindow): number | null {
  if (w.resetsAt === null) return null;
  const t = Date.parse(w.resetsAt);
  return Number.isFinite(t) ? t : null;
}

/** A window whose reset time has passed shows as reset, never as a negative countdown. */
export function isPastReset(w: UsageWindow, now: number): boolean {
  const t = resetTime(w);
  return t !== null && t <= now;
}

/** Percent as the user sees it: 0 once the window has reset. */
export function effectiveUsedPercent(w: UsageWindow, now: number): number {
  return isPastReset(w, now) ? 0 : w.usedPercent;
}

export function remainingPercent(w: UsageWindow, now: number): number {
  return Math.max(0, 100 - effectiveUsedPercent(w, now));
}

export function msUntilReset(w: UsageWindow, now: number): number | null {
  const t = resetTime(w);
  return t === null ? null : Math.max(0, t - now);
}

/**
 * Severity of a used percentage against the alert thresholds: below the lowest is ok, at or above
 * the highest is critical, anything between is a warning.
 */
export function severity(usedPercent: number, thresholds: readonly number[] = DEFAULT_THRESHOLDS): Severity {
  const sorted = [...thresholds].filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  if (sorted.length === 0) return 'ok';
  if (usedPercent >= sorted[sorted.length - 1]!) return 'critical';
  if (usedPercent >= sorted[0]!) return 'warn';
  return 'ok';
}

/** Key of a window across sources, used by settings (tray pin) and alert state. */
export function windowKey(sourceId: string, windowId: string): string {
  return `${sourceId}/${windowId}`;
}
