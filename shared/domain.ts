/**
 * Domain types shared by the main process, the CLI and the renderer.
 * Plain data only: everything here must survive structured clone (IPC) and JSON.
 */

export const WINDOW_KINDS = ['session', 'weekly', 'weekly_model', 'budget', 'other'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/**
 * Every usage source Brimline has. Adding one here is a compile error in each place that must know
 * it: its descriptor (electron/core/sources/registry.ts), its settings default and its label in
 * every i18n catalogue.
 */
export const SOURCE_IDS = ['claude-oauth', 'statusline', 'claude-cache', 'claude-web', 'admin-api', 'local-logs'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export function isSourceId(id: string): id is SourceId {
  return (SOURCE_IDS as readonly string[]).includes(id);
}

/** The account of data that names none (local logs, a login whose profile is not known yet). */
export const LOCAL_ACCOUNT_ID = 'local';

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
  /** When this window was observed, when earlier than its snapshot's `fetchedAt` (a status line keeps numbers a later payload did not repeat). */
  observedAt?: string;
  /** A spend limit's money, when the source gives it (Claude Code's `rate_limits.spend_limit`). */
  money?: WindowMoney;
}

/** Claude Code's `rate_limits.spend_limit`, a window of kind `other`. */
export const SPEND_LIMIT_WINDOW_ID = 'spend_limit';

/** The dollars behind a spend-limit window. */
export interface WindowMoney {
  usedUsd: number | null;
  limitUsd: number | null;
  /** As the source names it ("monthly", …), or null. */
  period: string | null;
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
  /** Why the user's prices.json was refused (the bundled prices are in use meanwhile). */
  pricesProblem?: string;
}

export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Today's tokens for one model, from the Admin API usage report. */
export interface ApiModelTokens {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
}

/** What the Admin API says the organisation spent; shown with or without a budget. */
export interface ApiSpend {
  /** ISO 4217; the cost report's currency (USD). */
  currency: string;
  /** Month to date, in dollars (major units); `monthToDateExact` is the same sum, exact. */
  monthToDateUsd: number;
  monthToDateExact: string;
  /** ISO-8601 UTC of local midnight on the 1st, in the user's time zone. */
  monthStart: string;
  /** Today's tokens per model, largest first; null when the usage report could not be read. */
  todayByModel: ApiModelTokens[] | null;
  /** ISO-8601 UTC of local midnight today. */
  todayStart: string;
  /** The monthly budget in dollars, when the user set one (it also makes a `budget` window). */
  budgetUsd: number | null;
}

export interface SourceSnapshot {
  /** The kind of source (`SOURCE_IDS`); several snapshots share it when a source runs once per Claude Code folder. */
  sourceId: string;
  /**
   * The runtime key of this instance, unique among snapshots: `claude-oauth@/home/me/.claude-work`.
   * Absent for a source that runs once, whose key is its `sourceId` (see `snapshotKey`).
   */
  key?: string;
  /** The Claude Code config folder this instance reads (absolute), for sources that run once per folder. */
  folder?: string | null;
  /**
   * This folder holds the same login as that folder, which is polled instead: one credential, one
   * request and one 429 gate, however many folders hold it.
   */
  sameLoginAs?: string | null;
  /** The saved key this instance polls with (`claudeSessionKey.3fa2c1d0`): its name, never its value. */
  keyName?: string;
  /**
   * Whose limits these are: `account:<uuid>` from the Claude profile, `org:<uuid>`, or
   * `LOCAL_ACCOUNT_ID`. Windows of different accounts never merge.
   */
  accountId: string;
  state: SourceState;
  error: SourceError | null;
  /**
   * When the data shown was observed (last good data); null if never. For a poll that is when it
   * answered; for data another program recorded (the status line, a cache) it is when that program
   * saw it, so the freshest observation wins a merge.
   */
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
  /** Facts the user should know about this source's data (e.g. Claude Code billing an API key). */
  warnings?: Warning[];
  /** Only for the admin-api source: what the organisation spent on the API. */
  apiSpend?: ApiSpend | null;
}

/** The key that tells snapshots apart: a source instance's own key, else its source id. */
export function snapshotKey(s: Pick<SourceSnapshot, 'sourceId' | 'key'>): string {
  return s.key ?? s.sourceId;
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

/**
 * Percent as the user sees it, or null ("–") once the window's reset time has passed: the new
 * window's use is unknown until fresh data arrives, and the endpoint keeps answering the old
 * percent for a few minutes after a reset, so neither that number nor 0 would be true.
 */
export function effectiveUsedPercent(w: UsageWindow, now: number): number | null {
  return isPastReset(w, now) ? null : w.usedPercent;
}

export function remainingPercent(w: UsageWindow, now: number): number | null {
  const used = effectiveUsedPercent(w, now);
  return used === null ? null : Math.max(0, 100 - used);
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

/**
 * A window's identity across sources: `session` (5 h), `weekly` (all models), `budget`, and the
 * source's own id, case-folded, for scoped windows (`weekly_model:opus`). Only the all-models
 * window has kind `weekly`, so two sources reporting it agree on its identity whatever they call it.
 */
export function windowIdentity(w: Pick<UsageWindow, 'id' | 'kind'>): string {
  if (w.kind === 'session' || w.kind === 'weekly' || w.kind === 'budget') return w.kind;
  return w.id.toLowerCase();
}

/** Key of a merged window: one account's window, whichever source reported it. */
export function windowKey(accountId: string, identity: string): string {
  return `${accountId}/${identity}`;
}

/** One account's window in the merged view: the freshest good observation of it among all sources. */
export interface MergedWindow extends UsageWindow {
  /** `windowIdentity` of the window. */
  id: string;
  accountId: string;
  /** The source whose observation won. */
  sourceId: string;
  /** When that source observed it (ISO-8601 UTC). */
  observedAt: string;
  /** The winning snapshot is stale (its source's last attempt failed): shown grey, never alerted on. */
  stale: boolean;
}

export interface MergedExtraUsage extends ExtraUsage {
  accountId: string;
  sourceId: string;
  observedAt: string;
}

export interface Account {
  id: string;
  /** The email or organisation name when a source knows it; the id otherwise. */
  label: string;
  email: string | null;
  plan: string | null;
}

export interface Warning {
  code: string;
  message: string;
}

/** What the tray, the alerts, the CLI and the popover all read: every source merged per account and window. */
export interface UsageView {
  accounts: Account[];
  windows: MergedWindow[];
  extraUsage: MergedExtraUsage[];
  warnings: Warning[];
}
