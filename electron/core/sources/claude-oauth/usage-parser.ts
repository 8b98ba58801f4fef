/**
 * Parses `GET /api/oauth/usage` (and claude.ai's org usage, which has the same shape) into windows.
 * Two shapes exist in the field: flat keys (`five_hour`, `seven_day`, `seven_day_opus`, ...) and,
 * since mid-2026, a `limits[]` array. When both describe a window, the array wins and the flat keys
 * fill gaps. `null` is legal anywhere; unknown keys are ignored unless they carry a real utilisation.
 */
import { z } from 'zod';
import type { ExtraUsage, UsageWindow, WindowKind } from '../../../../shared/domain';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ParsedUsage {
  windows: UsageWindow[];
  extraUsage: ExtraUsage | null;
}

const finite = z.number().refine(Number.isFinite);
const numberish = z.union([
  finite,
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const flatWindowSchema = z.object({
  utilization: numberish.nullish(),
  resets_at: z.string().nullish(),
});

const limitSchema = z.object({
  kind: z.string().nullish(),
  group: z.string().nullish(),
  percent: numberish.nullish(),
  utilization: numberish.nullish(),
  resets_at: z.string().nullish(),
  scope: z
    .object({
      model: z.object({ id: z.string().nullish(), display_name: z.string().nullish() }).nullish(),
      surface: z.union([z.string(), z.object({ id: z.string().nullish(), display_name: z.string().nullish() })]).nullish(),
    })
    .nullish(),
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
  seven_day_oauth_apps: { id: 'seven_day_oauth_apps', kind: 'weekly', label: 'Weekly (OAuth apps)' },
  seven_day_cowork: { id: 'seven_day_cowork', kind: 'weekly', label: 'Weekly (Cowork)' },
};

const NOT_WINDOWS = new Set(['extra_usage', 'limits']);

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * ISO-8601 UTC, or null when absent or unreadable. Rounded to the minute: the server's fractional
 * seconds jitter between polls of the same window (.282668 then .440), and the reset time keys the
 * alert cycle, so an unrounded value would re-arm alerts on every poll.
 */
export function normaliseTimestamp(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const parsed = Date.parse(raw);
  if (!Number.isFinite(parsed)) return null;
  const d = new Date(Math.round(parsed / 60_000) * 60_000);
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

function fromLimit(raw: z.infer<typeof limitSchema>, index: number): UsageWindow | null {
  const percent = raw.percent ?? raw.utilization;
  if (percent === null || percent === undefined) return null;
  const resetsAt = normaliseTimestamp(raw.resets_at);
  const model = raw.scope?.model?.display_name ?? raw.scope?.model?.id ?? null;
  const surfaceRaw = raw.scope?.surface;
  const surface = typeof surfaceRaw === 'string' ? surfaceRaw : (surfaceRaw?.display_name ?? surfaceRaw?.id ?? null);
  switch (raw.kind) {
    case 'session':
      return { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: percent, resetsAt };
    case 'weekly_all':
      return { id: 'seven_day', kind: 'weekly', label: 'Weekly (all models)', usedPercent: percent, resetsAt };
    case 'weekly_scoped':
      if (model)
        return { id: `weekly_model:${slug(model)}`, kind: 'weekly_model', label: `Weekly ${model}`, usedPercent: percent, resetsAt };
      if (surface)
        return { id: `weekly_surface:${slug(surface)}`, kind: 'weekly', label: `Weekly (${surface})`, usedPercent: percent, resetsAt };
      return null;
    default: {
      // An unknown kind still matters when it reports usage; name it as well as we can.
      if (percent <= 0) return null;
      const name = raw.kind || raw.group || `limit ${index + 1}`;
      const suffix = model ? ` ${model}` : surface ? ` (${surface})` : '';
      return {
        id: `limit:${slug(name)}${model ? ':' + slug(model) : surface ? ':' + slug(surface) : ''}`,
        kind: 'other',
        label: `${humanise(name)}${suffix}`,
        usedPercent: percent,
        resetsAt,
      };
    }
  }
}

function parseExtra(raw: unknown): ExtraUsage | null {
  if (raw === null || raw === undefined) return null;
  const parsed = extraSchema.safeParse(raw);
  if (!parsed.success) return null;
  const e = parsed.data;
  const scale = 10 ** (e.decimal_places ?? 2);
  const limit = e.monthly_limit === null || e.monthly_limit === undefined ? null : e.monthly_limit / scale;
  const used = e.used_credits === null || e.used_credits === undefined ? null : e.used_credits / scale;
  const percent = e.utilization ?? (limit !== null && used !== null && limit > 0 ? (used / limit) * 100 : null);
  return { enabled: e.is_enabled ?? false, used, limit, currency: (e.currency ?? 'USD').toUpperCase(), percent };
}

export function parseUsageResponse(raw: unknown): ParseResult<ParsedUsage> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'the response is not a JSON object' };
  const obj = raw as Record<string, unknown>;
  const byId = new Map<string, UsageWindow>();

  const limits = obj.limits;
  if (Array.isArray(limits)) {
    limits.forEach((entry, i) => {
      const parsed = limitSchema.safeParse(entry);
      if (!parsed.success) return;
      const w = fromLimit(parsed.data, i);
      if (w && !byId.has(w.id)) byId.set(w.id, w);
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
  const extraUsage = parseExtra(obj.extra_usage);
  if (windows.length === 0 && extraUsage === null && !('five_hour' in obj) && !Array.isArray(limits)) {
    return { ok: false, reason: 'the response has no usage windows' };
  }
  windows.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  return { ok: true, value: { windows, extraUsage } };
}

function kindOrder(k: WindowKind): number {
  return k === 'session' ? 0 : k === 'weekly' ? 1 : k === 'weekly_model' ? 2 : 3;
}
