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
    })
    .nullish(),
});

/** Plan name from the rate-limit tier or subscription type Claude reports ("default_claude_max_20x" → "Max 20x"). */
export function planNameFromTier(tier: string | null | undefined, subscriptionType?: string | null): string | null {
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
  const orgType = organization?.organization_type ?? '';
  const name =
    planNameFromTier(organization?.rate_limit_tier) ??
    (orgType.includes('team') ? 'Team' : orgType.includes('enterprise') ? 'Enterprise' : null) ??
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
