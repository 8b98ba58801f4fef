/**
 * Threshold alerts. `evaluateAlerts` is pure: snapshots + remembered state → notifications to show
 * + the new state. `AlertStore` keeps that state in the data dir (atomic writes) so a restart never
 * repeats a notification.
 *
 * A window's cycle is identified by source, window id and `resetsAt`. Sources report `resetsAt`
 * with jitter of a few seconds between polls, so two reset times within RESET_JITTER_MS are the
 * same cycle.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { isPastReset, windowKey, type SourceSnapshot, type UsageWindow } from '../../shared/domain';
import { loadJsonFile, writeJsonAtomic } from './fs/atomic';
import type { Logger } from './log';
import { FILES } from './paths';

export const RESET_JITTER_MS = 5 * 60_000;
/** Records for windows no source reports any more are dropped this long after their reset. */
const FORGET_AFTER_MS = 14 * 24 * 60 * 60_000;

export interface WindowAlertRecord {
  resetsAt: string | null;
  /** Highest threshold already announced in this cycle; 0 when none. */
  highest: number;
  /** The "has reset" notice for this cycle was already given (or is not owed). */
  resetAnnounced: boolean;
}

export interface AlertState {
  version: 1;
  windows: Record<string, WindowAlertRecord>;
}

export const EMPTY_ALERT_STATE: AlertState = { version: 1, windows: {} };

/** What the renderer may know of the alert state: the highest threshold notified per window this cycle. */
export function notifiedThresholds(state: AlertState, now: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, rec] of Object.entries(state.windows)) {
    if (rec.highest > 0 && !recordPastReset(rec, now)) out[key] = rec.highest;
  }
  return out;
}

export type AlertEvent =
  | { kind: 'threshold'; sourceId: string; window: UsageWindow; threshold: number }
  | { kind: 'reset'; sourceId: string; window: UsageWindow; previousThreshold: number };

export interface AlertOptions {
  thresholds: readonly number[];
  /** Also emit an event when a window that had crossed a threshold resets. */
  onReset: boolean;
  now: number;
}

function sameCycle(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isFinite(ta) || !Number.isFinite(tb)) return a === b;
  return Math.abs(ta - tb) <= RESET_JITTER_MS;
}

function recordPastReset(r: WindowAlertRecord, now: number): boolean {
  if (r.resetsAt === null) return false;
  const t = Date.parse(r.resetsAt);
  return Number.isFinite(t) && t <= now;
}

/**
 * Only fresh data counts: a snapshot that is stale or failed never fires. A jump over several
 * thresholds fires once, for the highest one crossed.
 */
export function evaluateAlerts(
  state: AlertState,
  snapshots: readonly SourceSnapshot[],
  opts: AlertOptions,
): { state: AlertState; events: AlertEvent[] } {
  const thresholds = [...new Set(opts.thresholds)].filter((t) => Number.isFinite(t) && t > 0).sort((a, b) => a - b);
  const windows: Record<string, WindowAlertRecord> = { ...state.windows };
  const events: AlertEvent[] = [];

  for (const snap of snapshots) {
    if (snap.state !== 'ok') continue;
    for (const w of snap.windows) {
      const key = windowKey(snap.sourceId, w.id);
      let rec = windows[key];
      const cycleEnded = rec !== undefined && (recordPastReset(rec, opts.now) || !sameCycle(rec.resetsAt, w.resetsAt));
      if (rec && cycleEnded) {
        if (rec.highest > 0 && !rec.resetAnnounced && opts.onReset) {
          events.push({ kind: 'reset', sourceId: snap.sourceId, window: w, previousThreshold: rec.highest });
        }
        // A window past its reset stays "announced" until the source reports the next cycle.
        rec = { resetsAt: w.resetsAt, highest: 0, resetAnnounced: true };
      }
      if (!rec) rec = { resetsAt: w.resetsAt, highest: 0, resetAnnounced: true };
      // Follow the jitter so small drifts never add up to a false new cycle.
      rec = { ...rec, resetsAt: w.resetsAt };

      if (!isPastReset(w, opts.now)) {
        const crossed = thresholds.filter((t) => w.usedPercent >= t).pop() ?? 0;
        if (crossed > rec.highest) {
          events.push({ kind: 'threshold', sourceId: snap.sourceId, window: w, threshold: crossed });
          rec = { ...rec, highest: crossed, resetAnnounced: false };
        }
      }
      windows[key] = rec;
    }
  }

  for (const [key, rec] of Object.entries(windows)) {
    const t = rec.resetsAt === null ? null : Date.parse(rec.resetsAt);
    if (t !== null && Number.isFinite(t) && opts.now - t > FORGET_AFTER_MS) delete windows[key];
  }
  return { state: { version: 1, windows }, events };
}

const recordSchema = z.object({
  resetsAt: z.string().nullable(),
  highest: z.number().min(0).max(100),
  resetAnnounced: z.boolean(),
});
const stateSchema = z.object({ version: z.literal(1), windows: z.record(z.string(), recordSchema) });

function equalState(a: AlertState, b: AlertState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Owns the alert state file; `process` is serialised so overlapping snapshot bursts cannot race. */
export class AlertStore {
  private state: AlertState = structuredClone(EMPTY_ALERT_STATE);
  private chain: Promise<unknown> = Promise.resolve();
  loadProblem: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly logger?: Logger,
  ) {}

  get file(): string {
    return path.join(this.dir, FILES.alerts);
  }

  current(): AlertState {
    return this.state;
  }

  async load(): Promise<AlertState> {
    const res = await loadJsonFile(this.file, (raw) => {
      const parsed = stateSchema.safeParse(raw);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
    });
    if (res.kind === 'loaded') this.state = res.value;
    if (res.kind === 'quarantined') {
      this.loadProblem = `The alert state file could not be read (${res.reason}); it was moved to ${res.movedTo}.`;
      this.logger?.warn(this.loadProblem);
    }
    return this.state;
  }

  /**
   * Evaluates snapshots and persists the new state before returning the events, so a crash right
   * after a notification cannot repeat it. A failed write is logged; the in-memory state still
   * prevents repeats for this run.
   */
  process(snapshots: readonly SourceSnapshot[], opts: AlertOptions): Promise<AlertEvent[]> {
    const run = async (): Promise<AlertEvent[]> => {
      const { state, events } = evaluateAlerts(this.state, snapshots, opts);
      const changed = !equalState(state, this.state);
      this.state = state;
      if (changed) {
        try {
          await writeJsonAtomic(this.file, state);
        } catch (err) {
          this.logger?.warn(`Alert state not saved: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return events;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
