/**
 * Threshold alerts. `evaluateAlerts` is pure: the merged windows + remembered state → notifications
 * to show + the new state. `AlertStore` keeps that state in the data dir (atomic writes) so a
 * restart never repeats a notification.
 *
 * Alerts read the usage store's merged view, never a source: a window's cycle is identified by
 * account, window identity and `resetsAt`, so one crossing gives one notification whichever source
 * (or how many) saw it. Sources report `resetsAt` with jitter (seconds between polls, a minute
 * between sources), so two reset times within RESET_JITTER_MS are the same cycle.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { isPastReset, windowKey, type MergedWindow } from '../../../shared/domain';
import { writeJsonAtomic } from '../platform/fs/atomic';
import { JsonFileStore } from '../platform/fs/json-file-store';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';

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
  version: 2;
  /** Keyed by `windowKey(accountId, windowIdentity)`. */
  windows: Record<string, WindowAlertRecord>;
  /**
   * Records of a version-1 file, keyed by window identity: those files keyed windows by source and
   * knew no account. Each is adopted by the first merged window with its identity, so an upgrade
   * never repeats a notification already given in the current cycle.
   */
  legacy?: Record<string, WindowAlertRecord>;
}

export const EMPTY_ALERT_STATE: AlertState = { version: 2, windows: {} };

/** What the renderer may know of the alert state: the highest threshold notified per window this cycle. */
export function notifiedThresholds(state: AlertState, now: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, rec] of Object.entries(state.windows)) {
    if (rec.highest > 0 && !recordPastReset(rec, now)) out[key] = rec.highest;
  }
  return out;
}

export type AlertEvent =
  { kind: 'threshold'; window: MergedWindow; threshold: number } | { kind: 'reset'; window: MergedWindow; previousThreshold: number };

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
 * Only fresh data counts: a merged window whose source is stale never fires. A jump over several
 * thresholds fires once, for the highest one crossed.
 */
export function evaluateAlerts(
  state: AlertState,
  merged: readonly MergedWindow[],
  opts: AlertOptions,
): { state: AlertState; events: AlertEvent[] } {
  const thresholds = [...new Set(opts.thresholds)].filter((t) => Number.isFinite(t) && t > 0).sort((a, b) => a - b);
  const windows: Record<string, WindowAlertRecord> = { ...state.windows };
  const legacy: Record<string, WindowAlertRecord> = { ...state.legacy };
  const events: AlertEvent[] = [];

  for (const w of merged) {
    if (w.stale) continue;
    const key = windowKey(w.accountId, w.id);
    let rec = windows[key] ?? legacy[w.id];
    delete legacy[w.id];
    const cycleEnded = rec !== undefined && (recordPastReset(rec, opts.now) || !sameCycle(rec.resetsAt, w.resetsAt));
    if (rec && cycleEnded) {
      if (rec.highest > 0 && !rec.resetAnnounced && opts.onReset) {
        events.push({ kind: 'reset', window: w, previousThreshold: rec.highest });
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
        events.push({ kind: 'threshold', window: w, threshold: crossed });
        rec = { ...rec, highest: crossed, resetAnnounced: false };
      }
    }
    windows[key] = rec;
  }

  const forget = (records: Record<string, WindowAlertRecord>): void => {
    for (const [key, rec] of Object.entries(records)) {
      const t = rec.resetsAt === null ? null : Date.parse(rec.resetsAt);
      if (t !== null && Number.isFinite(t) && opts.now - t > FORGET_AFTER_MS) delete records[key];
    }
  };
  forget(windows);
  forget(legacy);
  return { state: { version: 2, windows, ...(Object.keys(legacy).length > 0 ? { legacy } : {}) }, events };
}

const recordSchema = z.object({
  resetsAt: z.string().nullable(),
  highest: z.number().min(0).max(100),
  resetAnnounced: z.boolean(),
});
const stateSchema = z.object({
  version: z.literal(2),
  windows: z.record(z.string(), recordSchema),
  legacy: z.record(z.string(), recordSchema).optional(),
});
const v1Schema = z.object({ version: z.literal(1), windows: z.record(z.string(), recordSchema) });
/** Version-1 window ids whose identity has another name now. */
const V1_IDENTITIES: Readonly<Record<string, string>> = { five_hour: 'session', seven_day: 'weekly' };

function parseAlertState(raw: unknown): { ok: true; value: AlertState } | { ok: false; error: string } {
  const v2 = stateSchema.safeParse(raw);
  if (v2.success) return { ok: true, value: v2.data };
  const v1 = v1Schema.safeParse(raw);
  if (!v1.success) return { ok: false, error: v2.error.issues[0]?.message ?? 'invalid' };
  const legacy: Record<string, WindowAlertRecord> = {};
  for (const [key, rec] of Object.entries(v1.data.windows)) {
    const windowId = key.slice(key.indexOf('/') + 1);
    legacy[V1_IDENTITIES[windowId] ?? windowId.toLowerCase()] = rec;
  }
  return { ok: true, value: { version: 2, windows: {}, legacy } };
}

function equalState(a: AlertState, b: AlertState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Owns the alert state file; `process` is serialised so overlapping updates cannot race. */
export class AlertStore {
  private state: AlertState = structuredClone(EMPTY_ALERT_STATE);
  private chain: Promise<unknown> = Promise.resolve();
  private readonly store: JsonFileStore<AlertState>;

  constructor(
    dir: string,
    private readonly logger?: Logger,
  ) {
    this.store = new JsonFileStore<AlertState>({
      file: path.join(dir, FILES.alerts),
      parse: parseAlertState,
      describeProblem: (reason, movedTo) => `The alert state file could not be read (${reason}); it was moved to ${movedTo}.`,
      logger,
    });
  }

  get file(): string {
    return this.store.file;
  }

  get loadProblem(): string | null {
    return this.store.loadProblem;
  }

  current(): AlertState {
    return this.state;
  }

  async load(): Promise<AlertState> {
    this.state = (await this.store.load()) ?? this.state;
    return this.state;
  }

  /**
   * Evaluates the merged windows and persists the new state before returning the events, so a
   * crash right after a notification cannot repeat it. A failed write is logged; the in-memory
   * state still prevents repeats for this run.
   */
  process(merged: readonly MergedWindow[], opts: AlertOptions): Promise<AlertEvent[]> {
    const run = async (): Promise<AlertEvent[]> => {
      const { state, events } = evaluateAlerts(this.state, merged, opts);
      const changed = !equalState(state, this.state);
      this.state = state;
      if (changed) {
        try {
          await writeJsonAtomic(this.store.file, state);
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
