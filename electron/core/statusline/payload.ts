/**
 * The JSON Claude Code (>= 2.1.80) pipes to a `statusLine` command after every response, reduced to
 * the one observation Brimline keeps: the two plan windows, when, which Claude Code, which session,
 * which config dir, and whether an API key is billing instead of the plan.
 *
 * Validated by hand rather than with zod: this runs after every Claude Code response, and loading
 * zod costs ~35 ms of a ~60 ms budget (see scripts/bench-statusline.mjs). The rules are the ones a
 * zod schema would state, and the tests drive them through the real CLI.
 *
 * Quirks seen in the field: a window Claude Code does not know is left out (unknown, never 0 %);
 * `used_percentage` can exceed 100; one release put an epoch timestamp there; `resets_at` is epoch
 * seconds; the whole `rate_limits` block is missing for API-key sessions, older releases and the
 * payload 2.1.328 pipes at a session's start, before its first response. Since 2.1.284
 * `rate_limits.spend_limit` carries `used_usd`, `limit_usd` and `period`; `prompt_cache`,
 * `context_window`, `fast_mode` and `effort` are not used and never make a payload fail.
 */
import type { Result } from '../../../shared/result';
import { primaryConfigDir, type Env } from '../platform/paths';

/** Larger than any real percentage (usage may run past 100), far below an epoch timestamp. */
export const MAX_PERCENT = 1000;

export interface ObservedWindow {
  /** As reported; may exceed 100. */
  usedPercent: number;
  /** ISO-8601 UTC, exactly as reported, or null when Claude Code gave no reset time. */
  resetsAt: string | null;
  /** Set when the window was kept from an earlier payload that reported it (see keep-known.ts): when it was. */
  observedAt?: string;
}

/** `rate_limits.spend_limit`: a window of its own, with its dollars when Claude Code gives them (>= 2.1.284). */
export interface ObservedSpendLimit extends ObservedWindow {
  usedUsd: number | null;
  limitUsd: number | null;
  /** As Claude Code names it ("monthly", …), or null. */
  period: string | null;
}

export interface Observation {
  version: 1;
  /** When Brimline received the payload (ISO-8601 UTC); the payload carries no time of its own. */
  observedAt: string;
  /** Absent: Claude Code did not report the window (unknown, not 0 %). */
  fiveHour?: ObservedWindow;
  sevenDay?: ObservedWindow;
  spendLimit?: ObservedSpendLimit;
  claudeCodeVersion: string | null;
  sessionId: string | null;
  /** Claude Code's config dir for this session: the account the numbers belong to. */
  configDir: string;
  /** `ANTHROPIC_API_KEY` was set in Claude Code's environment. The value itself is never read into a file. */
  apiKeyBilling: boolean;
}

export type PayloadResult = Result<Observation>;

const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const VERSION = /^[0-9A-Za-z.+_-]{1,40}$/;
// Epoch seconds from 2000-01-01 to 9999-12-31: anything else is not a reset time in seconds.
const MIN_EPOCH_S = 946_684_800;
const MAX_EPOCH_S = 253_402_300_799;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Exactly the instant Claude Code sent (epoch seconds stay to the second). Sources disagree by
 * seconds on the same reset; that tolerance belongs to the alert keys and the history's cycles.
 */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseResetsAt(raw: unknown): Result<string | null> {
  if (raw === undefined || raw === null) return { ok: true, value: null };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < MIN_EPOCH_S || raw > MAX_EPOCH_S) return { ok: false, error: 'resets_at is not epoch seconds' };
    return { ok: true, value: iso(raw * 1000) };
  }
  if (typeof raw === 'string') {
    const t = Date.parse(raw);
    if (!Number.isFinite(t) || t < MIN_EPOCH_S * 1000 || t > MAX_EPOCH_S * 1000) return { ok: false, error: 'resets_at is not a time' };
    return { ok: true, value: iso(t) };
  }
  return { ok: false, error: 'resets_at is not a time' };
}

function parseWindow(name: string, raw: unknown): Result<ObservedWindow | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (!isRecord(raw)) return { ok: false, error: `rate_limits.${name} is not an object` };
  const pct = raw.used_percentage;
  if (pct === undefined || pct === null) return { ok: true, value: undefined };
  if (typeof pct !== 'number' || !Number.isFinite(pct)) return { ok: false, error: `rate_limits.${name}.used_percentage is not a number` };
  if (pct < 0 || pct > MAX_PERCENT) return { ok: false, error: `rate_limits.${name}.used_percentage (${pct}) cannot be a percentage` };
  const resets = parseResetsAt(raw.resets_at);
  if (!resets.ok) return { ok: false, error: `rate_limits.${name}.${resets.error}` };
  return { ok: true, value: { usedPercent: pct, resetsAt: resets.value } };
}

const PERIOD = /^[A-Za-z_-]{1,24}$/;

/** A dollar amount, or null: an odd value in a field Brimline only displays is dropped, never fatal. */
function dollars(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e9 ? v : null;
}

function parseSpendLimit(raw: unknown): Result<ObservedSpendLimit | undefined> {
  const w = parseWindow('spend_limit', raw);
  if (!w.ok || !w.value || !isRecord(raw)) return w.ok ? { ok: true, value: undefined } : w;
  const period = typeof raw.period === 'string' && PERIOD.test(raw.period) ? raw.period : null;
  return { ok: true, value: { ...w.value, usedUsd: dollars(raw.used_usd), limitUsd: dollars(raw.limit_usd), period } };
}

export interface ParseOptions {
  env: Env;
  now: () => number;
  home?: string;
}

/**
 * Parses the payload text. Any value that cannot be what it claims (a percentage that is negative,
 * above 1000 or not a number; a reset that is not a time) rejects the whole payload: a release
 * that garbles one field cannot be trusted for its neighbour, and the last good observation stays.
 */
export function parseStatuslinePayload(text: string, opts: ParseOptions): PayloadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: text.trim() === '' ? 'no input' : 'the input is not JSON' };
  }
  if (!isRecord(raw)) return { ok: false, error: 'the input is not a JSON object' };
  const limits = raw.rate_limits;
  if (limits !== undefined && limits !== null && !isRecord(limits)) return { ok: false, error: 'rate_limits is not an object' };
  const five = parseWindow('five_hour', limits?.five_hour);
  if (!five.ok) return five;
  const seven = parseWindow('seven_day', limits?.seven_day);
  if (!seven.ok) return seven;
  const spend = parseSpendLimit(limits?.spend_limit);
  if (!spend.ok) return spend;

  const sessionId = typeof raw.session_id === 'string' && SESSION_ID.test(raw.session_id) ? raw.session_id : null;
  const claudeCodeVersion = typeof raw.version === 'string' && VERSION.test(raw.version) ? raw.version : null;
  const obs: Observation = {
    version: 1,
    observedAt: new Date(opts.now()).toISOString(),
    claudeCodeVersion,
    sessionId,
    configDir: primaryConfigDir(opts.env, opts.home),
    apiKeyBilling: Boolean(opts.env.ANTHROPIC_API_KEY?.trim()),
  };
  if (five.value) obs.fiveHour = five.value;
  if (seven.value) obs.sevenDay = seven.value;
  if (spend.value) obs.spendLimit = spend.value;
  return { ok: true, value: obs };
}
