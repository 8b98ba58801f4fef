/** Narrowing helpers for poll results in tests: a failure that carries an error, or a 429's facts. */
import type { PollResult } from '../../electron/core/sources/source';

export type ErrorFailure = Extract<PollResult, { ok: false; error: unknown }>;
export type RateLimited = Extract<PollResult, { kind: 'rate_limited' }>;

export function failure(r: PollResult): ErrorFailure {
  if (r.ok) throw new Error('expected a failure, got data');
  if (r.kind === 'rate_limited') throw new Error('expected a failure with an error, got a 429');
  return r;
}

export function rateLimited(r: PollResult): RateLimited {
  if (r.ok || r.kind !== 'rate_limited') throw new Error(`expected a 429, got ${r.ok ? 'data' : r.kind}`);
  return r;
}
