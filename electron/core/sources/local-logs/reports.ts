/**
 * The reports over the entry store: daily, per session and 5-hour blocks, with ccusage's JSON
 * field names so that numbers can be compared and people can switch tools.
 */
import type { CostedTokens } from '../../../../shared/domain';
import type { EntryStore } from './entry-store';
import { EntryCoster, type CostMode } from './cost';
import type { PriceTable } from './pricing';
import { DayKeyer } from '../../platform/day-key';

export interface ModelBreakdown {
  modelName: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  cost: number;
}

export interface UsageRow extends CostedTokens {
  modelsUsed: string[];
  modelBreakdowns: ModelBreakdown[];
}

export interface DailyRow extends UsageRow {
  date: string;
}

export interface SessionRow extends UsageRow {
  sessionId: string;
  projectPath: string;
  firstActivity: string;
  lastActivity: string;
}

export interface ReportFilter {
  timeZone: string;
  /** Inclusive `YYYY-MM-DD` bounds in `timeZone`. */
  since?: string | null;
  until?: string | null;
  mode?: CostMode;
  /** The prices in use (the bundled table when omitted). */
  prices?: PriceTable;
}

export const emptyTotals = (): CostedTokens => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheCreationTokens: 0,
  cacheReadTokens: 0,
  totalTokens: 0,
  totalCost: 0,
});

/** Adds entry `i` of the store (tokens and its cost) to `t`. */
export function addEntry(t: CostedTokens, store: EntryStore, i: number, cost: number): void {
  const inp = store.input[i]!;
  const out = store.output[i]!;
  const cc = store.cacheCreate[i]!;
  const cr = store.cacheRead[i]!;
  t.inputTokens += inp;
  t.outputTokens += out;
  t.cacheCreationTokens += cc;
  t.cacheReadTokens += cr;
  t.totalTokens += inp + out + cc + cr;
  t.totalCost += cost;
}

/** Sums rows by model; the row order of `modelBreakdowns` is by cost, largest first. */
class Group {
  readonly totals = emptyTotals();
  private readonly byModel = new Map<number, ModelBreakdown>();

  add(store: EntryStore, i: number, cost: number): void {
    addEntry(this.totals, store, i, cost);
    const m = store.model[i]!;
    let b = this.byModel.get(m);
    if (!b) {
      b = { modelName: store.models[m]!, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0 };
      this.byModel.set(m, b);
    }
    b.inputTokens += store.input[i]!;
    b.outputTokens += store.output[i]!;
    b.cacheCreationTokens += store.cacheCreate[i]!;
    b.cacheReadTokens += store.cacheRead[i]!;
    b.cost += cost;
  }

  row(): UsageRow {
    const modelBreakdowns = [...this.byModel.values()].sort((a, b) => b.cost - a.cost || (a.modelName < b.modelName ? -1 : 1));
    return { ...this.totals, modelsUsed: modelBreakdowns.map((b) => b.modelName).sort(), modelBreakdowns };
  }
}

function inRange(day: string, f: ReportFilter): boolean {
  return (!f.since || day >= f.since) && (!f.until || day <= f.until);
}

function addTotals(into: CostedTokens, t: CostedTokens): void {
  into.inputTokens += t.inputTokens;
  into.outputTokens += t.outputTokens;
  into.cacheCreationTokens += t.cacheCreationTokens;
  into.cacheReadTokens += t.cacheReadTokens;
  into.totalTokens += t.totalTokens;
  into.totalCost += t.totalCost;
}

export interface DailyReport {
  daily: DailyRow[];
  totals: CostedTokens;
  unpricedModels: string[];
}

export function dailyReport(store: EntryStore, f: ReportFilter): DailyReport {
  const keyer = new DayKeyer(f.timeZone);
  const coster = new EntryCoster(store, f.mode, f.prices);
  const days = new Map<string, Group>();
  for (let i = 0; i < store.count; i++) {
    const day = keyer.day(store.ts[i]!);
    if (!inRange(day, f)) continue;
    let g = days.get(day);
    if (!g) days.set(day, (g = new Group()));
    g.add(store, i, coster.cost(i));
  }
  const daily = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, g]) => ({ date, ...g.row() }));
  const totals = emptyTotals();
  for (const d of daily) addTotals(totals, d);
  return { daily, totals, unpricedModels: coster.unpricedModels() };
}

export interface SessionReport {
  sessions: SessionRow[];
  totals: CostedTokens;
  unpricedModels: string[];
}

export function sessionReport(store: EntryStore, f: ReportFilter): SessionReport {
  const keyer = new DayKeyer(f.timeZone);
  const coster = new EntryCoster(store, f.mode, f.prices);
  const groups = new Map<number, { g: Group; first: number; last: number }>();
  for (let i = 0; i < store.count; i++) {
    const ts = store.ts[i]!;
    if (!inRange(keyer.day(ts), f)) continue;
    const s = store.session[i]!;
    let e = groups.get(s);
    if (!e) groups.set(s, (e = { g: new Group(), first: ts, last: ts }));
    e.g.add(store, i, coster.cost(i));
    if (ts < e.first) e.first = ts;
    if (ts > e.last) e.last = ts;
  }
  const sessions = [...groups.entries()]
    .sort(([, a], [, b]) => a.last - b.last)
    .map(([s, e]) => {
      const ref = store.sessions[s]!;
      return {
        sessionId: ref.id,
        projectPath: ref.project,
        firstActivity: new Date(e.first).toISOString(),
        lastActivity: new Date(e.last).toISOString(),
        ...e.g.row(),
      };
    });
  const totals = emptyTotals();
  for (const s of sessions) addTotals(totals, s);
  return { sessions, totals, unpricedModels: coster.unpricedModels() };
}
