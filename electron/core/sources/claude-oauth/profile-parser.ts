/** Parses `GET /api/oauth/profile` into the plan name and email. */
import { z } from 'zod';
import type { Plan } from '../../../../shared/domain';
import type { ParseResult } from './usage-parser';

const profileSchema = z.object({
  account: z
    .object({
      uuid: z.string().min(1).max(200).nullish(),
      email: z.string().nullish(),
      has_claude_max: z.boolean().nullish(),
      has_claude_pro: z.boolean().nullish(),
    })
    .nullish(),
  organization: z
    .object({
      uuid: z.string().min(1).max(200).nullish(),
      organization_type: z.string().nullish(),
      rate_limit_tier: z.string().nullish(),
      billing_type: z.string().nullish(),
      seat_tier: z.string().nullish(),
    })
    .nullish(),
});

/**
 * Team and Enterprise are organisation plans: their members' rate-limit tier may name a Max-like
 * allowance (a premium seat) or none at all (`default_claude_zero` on spend-billed Enterprise), so
 * the organisation's type wins over the tier. A seat tier the server names is added ("Team Premium").
 */
export function organisationPlanName(kind: string | null | undefined, ...seatHints: (string | null | undefined)[]): string | null {
  const k = (kind ?? '').toLowerCase();
  const base = k.includes('enterprise') ? 'Enterprise' : k.includes('team') ? 'Team' : null;
  if (base === null) return null;
  const hints = seatHints.map((h) => (h ?? '').toLowerCase()).join(' ');
  if (/\bpremium\b|_premium/.test(hints)) return `${base} Premium`;
  if (/\bstandard\b|_standard/.test(hints)) return `${base} Standard`;
  return base;
}

/** Plan name from the rate-limit tier or subscription type Claude reports ("default_claude_max_20x" → "Max 20x"). */
export function planNameFromTier(tier: string | null | undefined, subscriptionType?: string | null): string | null {
  const org = organisationPlanName(subscriptionType, tier);
  if (org !== null) return org;
  const t = (tier ?? '').toLowerCase();
  const m = /max[_-]?(\d+)x/.exec(t);
  if (m) return `Max ${m[1]}x`;
  if (t.includes('max')) return 'Max';
  if (t.includes('pro')) return 'Pro';
  if (t.includes('team')) return 'Team';
  if (t.includes('enterprise')) return 'Enterprise';
  const s = (subscriptionType ?? '').toLowerCase();
  if (s === 'max') return 'Max';
  if (s === 'pro') return 'Pro';
  if (s === 'team') return 'Team';
  if (s === 'enterprise') return 'Enterprise';
  return null;
}

export interface Profile {
  plan: Plan;
  accountUuid: string | null;
  orgUuid: string | null;
}

export function parseProfileResponse(raw: unknown): ParseResult<Profile> {
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success || typeof raw !== 'object' || raw === null)
    return { ok: false, error: 'the profile response is not the expected JSON' };
  const { account, organization } = parsed.data;
  const name =
    organisationPlanName(organization?.organization_type, organization?.seat_tier, organization?.rate_limit_tier) ??
    planNameFromTier(organization?.rate_limit_tier) ??
    (account?.has_claude_max ? 'Max' : account?.has_claude_pro ? 'Pro' : null);
  if (name === null && !account?.email) return { ok: false, error: 'the profile names no plan' };
  return {
    ok: true,
    value: {
      plan: { name: name ?? 'Unknown plan', email: account?.email ?? null },
      accountUuid: account?.uuid ?? null,
      orgUuid: organization?.uuid ?? null,
    },
  };
}
