/**
 * The polling rules across processes. The app and any number of `brimline status` (or `--watch`)
 * processes share one data folder; what one asked must count for all, or three processes would
 * send three times the requests. The saved state (snapshots.json) is the meeting point: before a
 * request, a process claims the instance there (its attempt time and its token); another process
 * that finds a claim within its interval, or a 429 gate, does not ask and shows the saved data.
 * These functions are pure: the snapshot store applies them under its lock.
 */
import { snapshotKey } from '../../../shared/domain';
import { MAX_GATE_MS, type ClaimDecision, type ClaimRule, type PersistedSourceState } from './scheduler';

/** While another process's claim has no answer saved yet, it is looked at again this soon. */
export const PENDING_RECHECK_MS = 10_000;

/**
 * Whether this process may ask now, given what is saved for the instance. A claim of our own
 * is already in memory (the scheduler's own rules cover it); a claim of a process that died
 * blocks only until its gap ends, like any other.
 */
export function decideClaim(saved: PersistedSourceState | undefined, token: string, rule: ClaimRule): ClaimDecision {
  if (saved === undefined) return { kind: 'send' };
  const { now } = rule;
  // A date ahead of now (another clock, or ours set back) counts as now, so it cannot block for long.
  const attempt = saved.lastAttemptAt === null ? null : Math.min(saved.lastAttemptAt, now);
  const gate = saved.gateUntil === null ? null : Math.min(saved.gateUntil, now + MAX_GATE_MS);
  // An attempt that sent nothing (the source is not configured in that process) stands in for nothing.
  const othersAttempt = attempt !== null && saved.claimedBy !== token && saved.noRequest !== true ? attempt : null;
  const claimHolds = othersAttempt !== null && now < othersAttempt + rule.gapMs;
  const gateHolds = gate !== null && gate > now;
  if (!claimHolds && !gateHolds) return { kind: 'send' };
  let next = Math.max(gateHolds ? gate : now, othersAttempt !== null ? othersAttempt + rule.intervalMs : now);
  if (claimHolds && !answered(saved)) next = Math.min(next, now + PENDING_RECHECK_MS);
  return { kind: 'skip', saved, nextCheckAt: Math.max(next, now + 1) };
}

/** Whether the saved snapshot is the answer to the saved claim (not the one before it). */
function answered(s: PersistedSourceState): boolean {
  if (s.lastAttemptAt === null) return true;
  const at = s.snapshot.attemptedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(s.snapshot.attemptedAt);
  return at >= s.lastAttemptAt;
}

/**
 * Whether our state of an instance is the later word than the saved one: the later attempt, then
 * the later answer. A claim (a new attempt, the old answer) beats the state before it; its answer
 * beats the claim; data a process adopted from the file never beats the answer that replaced it
 * there. On a tie the entry's owner wins: ours replaces an entry this process (`token`) last
 * wrote, or one no process claimed, never another process's (our copy of it may be older than
 * its account or state).
 */
export function isNewer(ours: PersistedSourceState, theirs: PersistedSourceState, token: string): boolean {
  const attempt = (s: PersistedSourceState): number => s.lastAttemptAt ?? Number.NEGATIVE_INFINITY;
  const answer = (s: PersistedSourceState): number =>
    s.snapshot.attemptedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(s.snapshot.attemptedAt);
  if (attempt(ours) !== attempt(theirs)) return attempt(ours) > attempt(theirs);
  if (answer(ours) !== answer(theirs)) return answer(ours) > answer(theirs);
  return theirs.claimedBy === undefined || theirs.claimedBy === token;
}

/**
 * Merge-on-save: the saved entries, each replaced by ours only where ours is the later word.
 * Instances only another process runs (another folder, a key only its environment holds) are kept.
 * An attempt of ours that sent nothing (not configured here) never replaces saved data: it only
 * marks our own claim as such, so the others do not wait on it.
 */
export function mergeSaved(
  saved: readonly PersistedSourceState[],
  ours: readonly PersistedSourceState[],
  token: string,
): PersistedSourceState[] {
  const merged = new Map(saved.map((s) => [snapshotKey(s.snapshot), s]));
  for (const s of ours) {
    const key = snapshotKey(s.snapshot);
    const there = merged.get(key);
    if (there === undefined) merged.set(key, s);
    else if (s.noRequest === true) {
      if (there.claimedBy === token && there.lastAttemptAt === s.lastAttemptAt) merged.set(key, { ...there, noRequest: true });
    } else if (isNewer(s, there, token)) merged.set(key, s);
  }
  return [...merged.values()];
}

/** The saved state with this process's claim on `ours`'s instance written in. */
export function withClaim(
  saved: readonly PersistedSourceState[],
  ours: PersistedSourceState,
  token: string,
  now: number,
): PersistedSourceState[] {
  const key = snapshotKey(ours.snapshot);
  const there = saved.find((s) => snapshotKey(s.snapshot) === key);
  const { noRequest: _, ...base } = there ?? ours;
  const claim: PersistedSourceState = { ...base, lastAttemptAt: now, claimedBy: token };
  return there === undefined ? [...saved, claim] : saved.map((s) => (s === there ? claim : s));
}
