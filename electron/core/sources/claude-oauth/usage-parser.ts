/**
 * Parses `GET /api/oauth/usage` (and claude.ai's org usage, which has the same shape) into windows.
 * Two shapes exist in the field: flat keys (`five_hour`, `seven_day`, `seven_day_opus`, ...) and,
 * since mid-2026, a `limits[]` array. When both describe a window, the array wins and the flat keys
 * fill gaps. `null` is legal anywhere; unknown keys are ignored unless they carry a real utilisation.
 *
 * Identity: `weekly` is only ever "weekly, all models" (it feeds the tray). Every scoped weekly limit,
 * whether scoped by model, by label or by surface (Cowork, OAuth apps), is `weekly_model:<slug>`.
 * `is_active` is ignored: enforced scoped limits report `false`.
 */
import { z } from 'zod';
import type { Result } from '../../../../shared/result';
import { ORG_CREDITS_WINDOW_ID, type ExtraUsage, type UsageWindow, type WindowKind } from '../../../../shared/domain';

/** Parsers answer in the one result shape; `error` says what is wrong with the response. */
export type ParseResult<T> = Result<T>;

export interface ParsedUsage {
  windows: UsageWindow[];
  extraUsage: ExtraUsage | null;
  /**
   * `severity` of `limits[]` entries by window id, lower-cased as sent. Kept beside the windows
   * because UsageWindow (shared/domain.ts) has no field for it yet.
   */
  severities: Record<string, string>;
  /** Daily and weekly extra-usage caps, when `extra_usage` reports them (major units). */
  extraUsagePeriods: { daily: ExtraUsagePeriod | null; weekly: ExtraUsagePeriod | null };
}

export interface ExtraUsagePeriod {
  used: number | null;
  limit: number | null;
  /** Null when there is no limit: a percentage of nothing is not shown. */
  percent: number | null;
  resetsAt: string | null;
}

const finite = z.number().refine(Number.isFinite);
const numberish = z.union([
  finite,
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number)
    // Four hundred digits are a number to the regex and Infinity to Number().
    .pipe(finite),
]);

const flatWindowSchema = z.object({
  utilization: numberish.nullish(),
  resets_at: z.string().nullish(),
});

/** A scope part arrives as a plain string or as an object naming it in one of several keys. */
const scopeName = z.union([
  z.string(),
  z.object({ id: z.string().nullish(), display_name: z.string().nullish(), label: z.string().nullish(), name: z.string().nullish() }),
]);

const limitSchema = z.object({
  kind: z.string().nullish(),
  group: z.string().nullish(),
  percent: numberish.nullish(),
  utilization: numberish.nullish(),
  resets_at: z.string().nullish(),
  label: z.string().max(200).nullish().catch(null),
  // Tolerate any severity spelling; an odd value is dropped rather than failing the whole entry.
  severity: z.string().max(40).nullish().catch(null),
  scope: z
    .object({
      model: scopeName.nullish(),
      label: scopeName.nullish(),
      surface: scopeName.nullish(),
    })
    .nullish(),
});

/** Money as `spend` spells it: an integer count of minor units and its decimal exponent. */
const moneySchema = z.object({
  amount_minor: numberish,
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
  exponent: z.number().int().min(0).max(6).nullish(),
});

const spendSchema = z.object({
  is_enabled: z.boolean().nullish(),
  used: moneySchema.nullish().catch(null),
  limit: moneySchema.nullish().catch(null),
  cap: moneySchema.nullish().catch(null),
  balance: moneySchema.nullish().catch(null),
  percent: numberish.nullish().catch(null),
});

const periodSchema = z.object({
  used_credits: numberish.nullish(),
  limit: numberish.nullish(),
  monthly_limit: numberish.nullish(),
  utilization: numberish.nullish(),
  resets_at: z.string().nullish(),
});

const extraSchema = z.object({
  is_enabled: z.boolean().nullish(),
  monthly_limit: numberish.nullish(),
  used_credits: numberish.nullish(),
  utilization: numberish.nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
  decimal_places: z.number().int().min(0).max(6).nullish(),
  resets_at: z.string().nullish().catch(null),
  daily: periodSchema.nullish().catch(null),
  weekly: periodSchema.nullish().catch(null),
});

interface FlatKey {
  id: string;
  kind: WindowKind;
  label: string;
}

/** Known flat keys. Model-scoped keys share ids with `limits[]` scoped entries so they merge. */
const KNOWN_FLAT: Record<string, FlatKey> = {
  five_hour: { id: 'five_hour', kind: 'session', label: 'Session (5 h)' },
  seven_day: { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)' },
  seven_day_opus: { id: 'weekly_model:opus', kind: 'weekly_model', label: 'Weekly Opus' },
  seven_day_sonnet: { id: 'weekly_model:sonnet', kind: 'weekly_model', label: 'Weekly Sonnet' },
  seven_day_haiku: { id: 'weekly_model:haiku', kind: 'weekly_model', label: 'Weekly Haiku' },
  // Surface-scoped: the same ids as `limits[]` entries scoped by surface "oauth_apps" / "cowork".
  seven_day_oauth_apps: { id: 'weekly_model:oauth-apps', kind: 'weekly_model', label: 'Weekly (OAuth apps)' },
  seven_day_cowork: { id: 'weekly_model:cowork', kind: 'weekly_model', label: 'Weekly (Cowork)' },
};

const KNOWN_SURFACES: Record<string, string> = { cowork: 'Cowork', 'oauth-apps': 'OAuth apps' };

const NOT_WINDOWS = new Set(['extra_usage', 'limits', 'spend', 'cedar_ember', 'juniper_tide']);

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * ISO-8601 UTC, or null when absent or unreadable. Not rounded: the value is what the server said.
 * Its fractional seconds jitter between polls of the same window (.282668 then .440); the alert
 * keys and the history's cycles compare reset times within RESET_JITTER_MS for that reason.
 */
export function normaliseTimestamp(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const parsed = Date.parse(raw);
  if (!Number.isFinite(parsed)) return null;
  const d = new Date(parsed);
  const y = d.getUTCFullYear();
  return y < 2000 || y > 9999 ? null : d.toISOString();
}

function humanise(key: string): string {
  const words = key
    .replace(/^seven_day_?/, '')
    .replace(/_/g, ' ')
    .trim();
  if (key.startsWith('seven_day')) return `Weekly (${words || 'all'})`;
  // A key of only underscores or spaces would otherwise give a window with an empty label.
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Other limit';
}

function nameOf(raw: z.infer<typeof scopeName> | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const name = typeof raw === 'string' ? raw : (raw.display_name ?? raw.label ?? raw.name ?? raw.id ?? null);
  const trimmed = name?.trim();
  return trimmed ? trimmed : null;
}

/** A label scope names a model, like `scope.model` does. */
function scopeModel(raw: z.infer<typeof limitSchema>): string | null {
  return nameOf(raw.scope?.model) ?? nameOf(raw.scope?.label);
}

interface Surface {
  /** What the id is made of: the surface's own id when it has one, so a renamed label keeps the window. */
  key: string;
  label: string;
}

function surfaceOf(raw: z.infer<typeof scopeName> | null | undefined): Surface | null {
  const label = nameOf(raw);
  if (label === null) return null;
  const key = (typeof raw === 'object' && raw !== null ? raw.id?.trim() : null) || label;
  const known = KNOWN_SURFACES[slug(key)];
  return { key, label: known ?? label.charAt(0).toUpperCase() + label.slice(1).replace(/_/g, ' ') };
}

function scopedWeekly(model: string | null, surface: Surface | null, percent: number, resetsAt: string | null): UsageWindow | null {
  const w = (id: string, label: string): UsageWindow => ({
    id: `weekly_model:${id}`,
    kind: 'weekly_model',
    label,
    usedPercent: percent,
    resetsAt,
  });
  if (model && surface) return w(`${slug(model)}-${slug(surface.key)}`, `Weekly ${model} (${surface.label})`);
  if (model) return w(slug(model), `Weekly ${model}`);
  if (surface) return w(slug(surface.key), `Weekly (${surface.label})`);
  return null;
}

function fromLimit(raw: z.infer<typeof limitSchema>, index: number): UsageWindow | null {
  const percent = raw.percent ?? raw.utilization;
  if (percent === null || percent === undefined) return null;
  const resetsAt = normaliseTimestamp(raw.resets_at);
  // An entry with no scope at all may still name what it limits in a top-level label.
  const model = scopeModel(raw) ?? (raw.kind === 'weekly_scoped' && !raw.scope?.surface ? (raw.label?.trim() ?? null) || null : null);
  const surface = surfaceOf(raw.scope?.surface);
  switch (raw.kind) {
    case 'session':
      return { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: percent, resetsAt };
    case 'weekly_all':
      // A scoped entry under the all-models kind is still scoped: never a second `weekly`.
      if (model || surface) return scopedWeekly(model, surface, percent, resetsAt);
      return { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: percent, resetsAt };
    case 'weekly_scoped':
      return scopedWeekly(model, surface, percent, resetsAt);
    default: {
      // An unknown kind still matters when it reports usage; name it as well as we can.
      if (percent <= 0) return null;
      const name = raw.kind || raw.group || `limit ${index + 1}`;
      const suffix = model ? ` ${model}` : surface ? ` (${surface.label})` : '';
      return {
        id: `limit:${slug(name)}${model ? ':' + slug(model) : surface ? ':' + slug(surface.key) : ''}`,
        kind: 'other',
        label: `${humanise(name)}${suffix}`,
        usedPercent: percent,
        resetsAt,
      };
    }
  }
}

function nullable(v: number | null | undefined): number | null {
  return v === null || v === undefined ? null : v;
}

function percentOf(used: number | null, limit: number | null, reported: number | null): number | null {
  // Without a limit there is nothing to be a percentage of; servers then report 0, not null.
  if (limit === null || limit <= 0) return null;
  const percent = reported ?? (used !== null ? (used / limit) * 100 : null);
  // A huge count over a tiny limit overflows: no percentage is better than an infinite one.
  return percent !== null && Number.isFinite(percent) ? percent : null;
}

function parsePeriod(raw: z.infer<typeof periodSchema> | null | undefined, scale: number): ExtraUsagePeriod | null {
  if (raw === null || raw === undefined) return null;
  const rawLimit = nullable(raw.limit ?? raw.monthly_limit);
  const rawUsed = nullable(raw.used_credits);
  const limit = rawLimit === null ? null : rawLimit / scale;
  const used = rawUsed === null ? null : rawUsed / scale;
  if (limit === null && used === null) return null;
  return { used, limit, percent: percentOf(used, limit, nullable(raw.utilization)), resetsAt: normaliseTimestamp(raw.resets_at) };
}

interface ExtraParts {
  usage: ExtraUsage | null;
  /** When the monthly credits reset, if the server says. */
  resetsAt: string | null;
  periods: ParsedUsage['extraUsagePeriods'];
}

function parseExtra(raw: unknown): ExtraParts {
  const none: ExtraParts = { usage: null, resetsAt: null, periods: { daily: null, weekly: null } };
  if (raw === null || raw === undefined) return none;
  const parsed = extraSchema.safeParse(raw);
  if (!parsed.success) return none;
  const e = parsed.data;
  const scale = 10 ** (e.decimal_places ?? 2);
  const limit = e.monthly_limit === null || e.monthly_limit === undefined ? null : e.monthly_limit / scale;
  const used = e.used_credits === null || e.used_credits === undefined ? null : e.used_credits / scale;
  const percent = percentOf(used, limit, nullable(e.utilization));
  return {
    usage: { enabled: e.is_enabled ?? false, used, limit, currency: (e.currency ?? 'USD').toUpperCase(), percent },
    resetsAt: normaliseTimestamp(e.resets_at),
    periods: { daily: parsePeriod(e.daily, scale), weekly: parsePeriod(e.weekly, scale) },
  };
}

function major(m: z.infer<typeof moneySchema> | null | undefined): number | null {
  if (m === null || m === undefined) return null;
  return m.amount_minor / 10 ** (m.exponent ?? 2);
}

/** `spend` is the same money as `extra_usage`, spelt as minor units with an exponent. */
function parseSpend(raw: unknown): ExtraUsage | null {
  if (raw === null || raw === undefined) return null;
  const parsed = spendSchema.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data;
  const used = major(s.used);
  const limit = major(s.cap) ?? major(s.limit);
  if (used === null && limit === null) return null;
  const currency = (s.used?.currency ?? s.cap?.currency ?? s.limit?.currency ?? 'USD').toUpperCase();
  // Money spent, a cap or a prepaid balance all mean extra usage is on, unless the server says otherwise.
  const enabled = s.is_enabled ?? (limit !== null || (used ?? 0) > 0 || s.balance != null);
  return { enabled, used, limit, currency, percent: percentOf(used, limit, nullable(s.percent)) };
}

/** `extra_usage` wins where it has a value; `spend` fills what it lacks. */
function mergeExtra(extra: ExtraUsage | null, spend: ExtraUsage | null): ExtraUsage | null {
  if (!extra) return spend;
  if (!spend) return extra;
  const used = extra.used ?? spend.used;
  const limit = extra.limit ?? spend.limit;
  return {
    enabled: extra.enabled || spend.enabled,
    used,
    limit,
    currency: extra.used !== null || extra.limit !== null ? extra.currency : spend.currency,
    percent: extra.percent ?? percentOf(used, limit, null),
  };
}

export function parseUsageResponse(raw: unknown): ParseResult<ParsedUsage> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'the response is not a JSON object' };
  const obj = raw as Record<string, unknown>;
  const byId = new Map<string, UsageWindow>();
  const severities: Record<string, string> = {};

  const limits = obj.limits;
  if (Array.isArray(limits)) {
    limits.forEach((entry, i) => {
      const parsed = limitSchema.safeParse(entry);
      if (!parsed.success) return;
      const w = fromLimit(parsed.data, i);
      if (!w || byId.has(w.id)) return;
      byId.set(w.id, w);
      const severity = parsed.data.severity?.trim().toLowerCase();
      if (severity) severities[w.id] = severity;
    });
  }

  for (const [key, value] of Object.entries(obj)) {
    if (NOT_WINDOWS.has(key) || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const parsed = flatWindowSchema.safeParse(value);
    if (!parsed.success) continue;
    const util = parsed.data.utilization;
    if (util === null || util === undefined) continue;
    const known = KNOWN_FLAT[key];
    if (!known && util <= 0) continue;
    const meta: FlatKey = known ?? { id: `other:${slug(key)}`, kind: 'other', label: humanise(key) };
    if (byId.has(meta.id)) continue;
    byId.set(meta.id, { ...meta, usedPercent: util, resetsAt: normaliseTimestamp(parsed.data.resets_at) });
  }

  const windows = [...byId.values()];
  const extra = parseExtra(obj.extra_usage);
  const extraUsage = mergeExtra(extra.usage, parseSpend(obj.spend));
  if (windows.length === 0 && extraUsage === null && !('five_hour' in obj) && !Array.isArray(limits)) {
    return { ok: false, error: 'the response has no usage windows' };
  }
  windows.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  if (windows.length === 0 && extraUsage !== null && extraUsage.enabled && extraUsage.used !== null) {
    return { ok: true, value: { ...organisationCredits(extraUsage, extra.resetsAt), severities, extraUsagePeriods: extra.periods } };
  }
  return { ok: true, value: { windows, extraUsage, severities, extraUsagePeriods: extra.periods } };
}

/**
 * An organisation billed by usage credits (Team, seat-based Enterprise) has no session or weekly
 * window: the endpoint answers `null` for them and only the organisation's `extra_usage`. That money
 * is the organisation's, not the member's: with a cap it becomes a window (so the tray, alerts and
 * history treat it like any limit), marked `scope: organisation`; without one, extra usage so marked.
 */
function organisationCredits(extra: ExtraUsage, resetsAt: string | null): Pick<ParsedUsage, 'windows' | 'extraUsage'> {
  const used = extra.used ?? 0;
  if (extra.limit === null || extra.limit <= 0 || extra.percent === null) {
    return { windows: [], extraUsage: { ...extra, scope: 'organisation' } };
  }
  const window: UsageWindow = {
    id: ORG_CREDITS_WINDOW_ID,
    kind: 'other',
    label: 'Organisation usage credits',
    usedPercent: extra.percent,
    resetsAt,
    scope: 'organisation',
    money: { used, limit: extra.limit, currency: extra.currency },
  };
  return { windows: [window], extraUsage: null };
}

function kindOrder(k: WindowKind): number {
  return k === 'session' ? 0 : k === 'weekly' ? 1 : k === 'weekly_model' ? 2 : 3;
}
