/**
 * The merge behind the usage store: every source's snapshot in, one view out, with one entry per
 * (account, window). Pure, so the renderer's development bridge shows exactly what main would.
 *
 * Precedence, per account and window identity (`windowIdentity`):
 * - only good data counts: a snapshot with data (`ok`, or `stale` with its last good data kept);
 * - the freshest observation wins (`fetchedAt`, which for recorded data is when it was observed);
 * - on a tie, fresh data beats stale data, then the registry's source order decides.
 * A source in error therefore never erases another source's data, and windows of two accounts
 * never meet because the account is part of the key.
 */
import {
  windowIdentity,
  windowKey,
  type Account,
  type MergedExtraUsage,
  type MergedWindow,
  type SourceSnapshot,
  type UsageView,
  type Warning,
  type WindowKind,
} from './domain';

const KIND_ORDER: Record<WindowKind, number> = { session: 0, weekly: 1, weekly_model: 2, budget: 3, other: 4 };

function hasData(s: SourceSnapshot): boolean {
  return s.fetchedAt !== null && (s.state === 'ok' || s.state === 'stale') && Number.isFinite(Date.parse(s.fetchedAt));
}

interface Candidate {
  at: number;
  stale: boolean;
  rank: number;
}

/** True when `a` should replace `b`. */
function beats(a: Candidate, b: Candidate): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.stale !== b.stale) return !a.stale;
  return a.rank < b.rank;
}

/** Merges snapshots, given in the registry's order (its index breaks ties). Pure. */
export function mergeSnapshots(snapshots: readonly SourceSnapshot[]): UsageView {
  const windows = new Map<string, { w: MergedWindow; c: Candidate }>();
  const extras = new Map<string, { e: MergedExtraUsage; c: Candidate }>();
  const accounts = new Map<string, { account: Account; c: Candidate }>();
  const warnings = new Map<string, Warning>();

  snapshots.forEach((snap, rank) => {
    for (const w of snap.warnings ?? []) if (!warnings.has(w.code)) warnings.set(w.code, w);
    if (!hasData(snap)) return;
    const observedAt = snap.fetchedAt!;
    const c: Candidate = { at: Date.parse(observedAt), stale: snap.state !== 'ok', rank };
    const meta = { accountId: snap.accountId, sourceId: snap.sourceId, observedAt };

    const known = accounts.get(snap.accountId);
    // The plan and email come from whichever source names them, the freshest first.
    if (!known || (snap.plan !== null && (known.account.plan === null || beats(c, known.c)))) {
      const email = snap.plan?.email ?? known?.account.email ?? null;
      accounts.set(snap.accountId, {
        account: { id: snap.accountId, label: email ?? snap.accountId, email, plan: snap.plan?.name ?? known?.account.plan ?? null },
        c: snap.plan !== null ? c : (known?.c ?? c),
      });
    }

    for (const w of snap.windows) {
      const id = windowIdentity(w);
      const key = windowKey(snap.accountId, id);
      const prev = windows.get(key);
      // A window kept from an earlier observation competes (and shows) with its own time.
      const own = w.observedAt !== undefined && Date.parse(w.observedAt) < c.at ? w.observedAt : null;
      const wc = own === null ? c : { ...c, at: Date.parse(own) };
      if (!prev || beats(wc, prev.c)) windows.set(key, { w: { ...w, id, ...meta, observedAt: own ?? observedAt, stale: c.stale }, c: wc });
    }
    if (snap.extraUsage !== null) {
      const prev = extras.get(snap.accountId);
      if (!prev || beats(c, prev.c)) extras.set(snap.accountId, { e: { ...snap.extraUsage, ...meta }, c });
    }
  });

  const accountOrder = [...accounts.keys()];
  const merged = [...windows.values()].map((x) => x.w);
  merged.sort((a, b) => accountOrder.indexOf(a.accountId) - accountOrder.indexOf(b.accountId) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return {
    accounts: [...accounts.values()].map((x) => x.account),
    windows: merged,
    extraUsage: [...extras.values()].map((x) => x.e),
    warnings: [...warnings.values()],
  };
}
