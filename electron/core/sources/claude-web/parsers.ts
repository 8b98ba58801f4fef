/**
 * claude.ai's organisation list and overage limit, and how to tell its failures apart: a Cloudflare
 * browser check, an expired session key, and a key that no longer reaches the chosen organisation.
 */
import { z } from 'zod';
import type { ExtraUsage, MemberSpend } from '../../../../shared/domain';
import { looksLikeHtml } from '../../platform/net/http';
import { normaliseTimestamp, type ParseResult } from '../claude-oauth/usage-parser';
import { organisationPlanName, planNameFromTier } from '../claude-oauth/profile-parser';

export interface WebOrganization {
  uuid: string;
  name: string;
  /** Whether claude.ai chat (and so the plan's usage windows) belongs to this organisation. */
  chat: boolean;
  /** "Max 5x", "Pro", … from the rate-limit tier, when it names one. */
  planName: string | null;
}

const orgSchema = z.object({
  uuid: z.string().min(1).max(100),
  name: z.string().max(500).nullish(),
  capabilities: z.array(z.unknown()).nullish(),
  rate_limit_tier: z.string().nullish(),
});

export function parseOrganizations(raw: unknown): ParseResult<WebOrganization[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'the organisation list is not a JSON array' };
  const orgs: WebOrganization[] = [];
  for (const entry of raw) {
    const parsed = orgSchema.safeParse(entry);
    if (!parsed.success) continue;
    const o = parsed.data;
    const caps = (o.capabilities ?? []).filter((c): c is string => typeof c === 'string');
    orgs.push({
      uuid: o.uuid,
      name: o.name?.trim() || o.uuid,
      chat: caps.includes('chat'),
      planName:
        organisationPlanName(
          caps.find((c) => /^claude_(team|enterprise)/.test(c)),
          o.rate_limit_tier,
        ) ??
        planNameFromTier(o.rate_limit_tier) ??
        (caps.includes('claude_max') ? 'Max' : caps.includes('claude_pro') ? 'Pro' : null),
    });
  }
  return { ok: true, value: orgs };
}

const finite = z.number().refine(Number.isFinite);
const minor = z.union([
  finite,
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number)
    // Four hundred digits are a number to the regex and Infinity to Number().
    .pipe(finite),
]);

const overageSchema = z.object({
  is_enabled: z.boolean().nullish(),
  monthly_credit_limit: minor.nullish(),
  used_credits: minor.nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
  decimal_places: z.number().int().min(0).max(6).nullish(),
});

/** `/overage_spend_limit`: extra usage in minor units (cents). */
export function parseOverage(raw: unknown): ParseResult<ExtraUsage> {
  const parsed = overageSchema.safeParse(raw);
  if (!parsed.success || typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'the overage limit is not the expected JSON' };
  const o = parsed.data;
  const scale = 10 ** (o.decimal_places ?? 2);
  const limit = o.monthly_credit_limit === null || o.monthly_credit_limit === undefined ? null : o.monthly_credit_limit / scale;
  const used = o.used_credits === null || o.used_credits === undefined ? null : o.used_credits / scale;
  const ratio = limit !== null && limit > 0 && used !== null ? (used / limit) * 100 : null;
  // Huge credits over a tiny limit overflow: no percentage is better than an infinite one.
  const percent = ratio !== null && Number.isFinite(ratio) ? ratio : null;
  return { ok: true, value: { enabled: o.is_enabled ?? false, used, limit, currency: (o.currency ?? 'USD').toUpperCase(), percent } };
}

export type WebFailure = 'browser_check' | 'session_expired' | 'invalid_org' | 'other';

const CHALLENGE_MARKERS = [
  /just a moment/i,
  /enable javascript and cookies/i,
  /cf[-_]chl/i,
  /challenge-platform/i,
  /checking your browser/i,
];

/** A Cloudflare interstitial rather than claude.ai's own answer. */
export function isBrowserCheck(status: number, text: string, headers: Headers): boolean {
  if ((headers.get('cf-mitigated') ?? '').toLowerCase() === 'challenge') return true;
  if (!looksLikeHtml(text, headers)) return false;
  const head = text.slice(0, 64 * 1024);
  return CHALLENGE_MARKERS.some((re) => re.test(head)) || status === 403 || status === 503;
}

const errorSchema = z.object({
  error: z
    .object({
      type: z.string().nullish(),
      message: z.string().nullish(),
      details: z.object({ error_code: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

/** What a non-200 answer from claude.ai means for the user. */
export function classifyWebFailure(status: number, text: string, headers: Headers): WebFailure {
  if (isBrowserCheck(status, text, headers)) return 'browser_check';
  if (status !== 401 && status !== 403) return 'other';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const err = errorSchema.safeParse(body);
  const message = err.success ? (err.data.error?.message ?? '') : '';
  if (/invalid authorization for organi[sz]ation/i.test(message)) return 'invalid_org';
  // Any other 401/403 from the API is the account session: claude.ai says "account_session_invalid",
  // "Invalid authorization" or "authentication_error" when the cookie has expired or been revoked.
  return 'session_expired';
}

const amount = z.object({
  amount_minor: minor,
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
  exponent: z.number().int().min(0).max(6).nullish(),
});

const memberSpendSchema = z.object({
  spend: amount.nullish().catch(null),
  amount_minor: minor.nullish().catch(null),
  used_credits: minor.nullish().catch(null),
  decimal_places: z.number().int().min(0).max(6).nullish().catch(null),
  exponent: z.number().int().min(0).max(6).nullish().catch(null),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish()
    .catch(null),
  period_start: z.string().nullish().catch(null),
  period_end: z.string().nullish().catch(null),
});

/**
 * `/api/organizations/{org}/usage/spend`: the calling member's month-to-date spend (claude.ai's
 * Settings → Usage), in minor units. Accepts the money as a `spend` object (`amount_minor`,
 * `exponent`, `currency`, as the usage response's `spend` spells it) or as flat minor units.
 */
export function parseMemberSpend(raw: unknown): ParseResult<Extract<MemberSpend, { state: 'ok' }>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'the spend is not a JSON object' };
  const parsed = memberSpendSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'the spend is not the expected JSON' };
  const s = parsed.data;
  const minorUnits = s.spend?.amount_minor ?? s.amount_minor ?? s.used_credits;
  if (minorUnits === null || minorUnits === undefined || minorUnits < 0) return { ok: false, error: 'the spend names no amount' };
  const exponent = s.spend?.exponent ?? s.exponent ?? s.decimal_places ?? 2;
  return {
    ok: true,
    value: {
      state: 'ok',
      amount: minorUnits / 10 ** exponent,
      currency: (s.spend?.currency ?? s.currency ?? 'USD').toUpperCase(),
      periodStart: normaliseTimestamp(s.period_start),
      periodEnd: normaliseTimestamp(s.period_end),
    },
  };
}

/**
 * Why claude.ai did not serve the member's spend, or null when the failure says nothing about it
 * (a timeout, a 5xx: shown as nothing, and asked again next poll). The organisation's usage was read
 * with the same key just before, so a 403 here is about this endpoint, not the session.
 */
export function memberSpendRefusal(status: number, text: string, headers: Headers): Extract<MemberSpend, { state: 'unavailable' }> | null {
  if (isBrowserCheck(status, text, headers)) return null;
  if (status !== 403 && status !== 404) return null;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: the status alone decides */
  }
  const err = errorSchema.safeParse(body);
  const said = err.success ? `${err.data.error?.message ?? ''} ${err.data.error?.details?.error_code ?? ''}` : '';
  if (/analytics/i.test(said)) return { state: 'unavailable', reason: 'analytics_off' };
  return { state: 'unavailable', reason: 'not_served' };
}
