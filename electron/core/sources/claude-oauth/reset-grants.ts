/**
 * The `cedar_ember` block of the usage response (asked for with `?cedar_ember=1`): usage-limit
 * reset grants. Read-only: Brimline shows what is left and never claims a reset.
 *
 * Anthropic answers clients it does not count as Claude Code with `eligible: false` and
 * `ineligible_reason: "surface"`; Brimline identifies itself honestly, so that answer is normal and
 * only logged. A malformed grant is skipped, never fatal: the block is an extra on the usage poll.
 */
import { z } from 'zod';
import type { ResetGrant } from '../../../../shared/domain';
import { normaliseTimestamp } from './usage-parser';

export type ResetGrantsInfo =
  /** No block (not asked for, `null`, or not an object): nothing is known. */
  | { kind: 'absent' }
  /** The server says this account may not use resets here; the reason is for the log only. */
  | { kind: 'ineligible'; reason: string }
  /** Eligible: the grants with resets left (possibly none). */
  | { kind: 'grants'; grants: ResetGrant[] };

const count = z.number().int().min(0).max(1000);

const grantSchema = z.object({
  label: z.string().max(300).nullish().catch(null),
  resets_total: count.nullish().catch(null),
  resets_left: count,
  starts_at: z.string().nullish().catch(null),
  ends_at: z.string().nullish().catch(null),
  clears: z.array(z.unknown()).max(50).nullish().catch(null),
  paused: z.boolean().nullish().catch(null),
  usable_now: z.boolean().nullish().catch(null),
});

const blockSchema = z.object({
  eligible: z.boolean().nullish(),
  ineligible_reason: z.string().max(200).nullish().catch(null),
  grants: z.array(z.unknown()).max(200).nullish().catch(null),
});

/** The server's reason, trimmed to something safe for one log line. */
function reasonText(raw: string | null | undefined): string {
  const r = (raw ?? '').replace(/[^\w .:-]/g, '').trim();
  return r || 'unspecified';
}

function grantOf(raw: unknown): ResetGrant | null {
  const parsed = grantSchema.safeParse(raw);
  if (!parsed.success) return null;
  const g = parsed.data;
  // A paused grant cannot be used; one with nothing left is not worth showing.
  if (g.resets_left <= 0 || g.paused === true) return null;
  return {
    label: g.label?.trim() ?? '',
    resetsTotal: Math.max(g.resets_total ?? g.resets_left, g.resets_left),
    resetsLeft: g.resets_left,
    startsAt: normaliseTimestamp(g.starts_at),
    endsAt: normaliseTimestamp(g.ends_at),
    clears: (g.clears ?? []).filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 100),
    usableNow: g.usable_now ?? false,
  };
}

export function parseResetGrants(raw: unknown): ResetGrantsInfo {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'absent' };
  const parsed = blockSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'absent' };
  const b = parsed.data;
  if (b.eligible === false) return { kind: 'ineligible', reason: reasonText(b.ineligible_reason) };
  if (b.eligible !== true) return { kind: 'absent' };
  const grants = (b.grants ?? []).map(grantOf).filter((g): g is ResetGrant => g !== null);
  // Soonest to expire first: that is the one to use first.
  grants.sort((a, b2) => (a.endsAt ?? '9999').localeCompare(b2.endsAt ?? '9999'));
  return { kind: 'grants', grants };
}

/** A sink for the reason of an ineligible answer; told only when the reason changes, so a poll every minute does not fill the log. */
export interface ResetLog {
  (message: string): void;
}

const lastReason = new WeakMap<ResetLog, string>();

/**
 * The grants of a usage response body, for `PollData.resets`: the list when eligible, null when
 * ineligible (its reason goes to the log only) or when the body has no block.
 */
export function resetsOf(body: unknown, log?: ResetLog): ResetGrant[] | null {
  const block = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).cedar_ember : null;
  const info = parseResetGrants(block);
  if (info.kind === 'ineligible') {
    if (log && lastReason.get(log) !== info.reason) {
      lastReason.set(log, info.reason);
      log(`usage-limit resets: not eligible (ineligible_reason: ${info.reason})`);
    }
    return null;
  }
  if (log) lastReason.delete(log);
  return info.kind === 'grants' ? info.grants : null;
}
