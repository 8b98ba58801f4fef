/**
 * 5-hour blocks, as ccusage identifies them: a block starts at its first entry floored to the UTC
 * hour and ends 5 hours later; an entry after the block's end, or more than 5 hours after the
 * previous entry, starts a new block. The block whose span contains `now` is active.
 *
 * Burn rate is measured from the block's first entry to `now` (not to the last entry), so an idle
 * stretch lowers it and the projection to the block's end stays honest.
 */
import type { ActiveBlock } from '../../../../shared/domain';
import type { EntryStore } from './entry-store';
import { EntryCoster, type CostMode } from './cost';
import type { PriceTable } from './pricing';
import { DayKeyer } from '../../platform/day-key';

export const BLOCK_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;
/** Below this much elapsed time a rate is mostly noise: no burn rate or projection yet. */
export const MIN_BURN_ELAPSED_MS = 5 * 60_000;

export interface BlockJson {
  id: string;
  startTime: string;
  endTime: string;
  actualEndTime: string | null;
  isActive: boolean;
  isGap: boolean;
  entries: number;
  tokenCounts: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number };
  totalTokens: number;
  costUSD: number;
  models: string[];
  burnRate: { tokensPerMinute: number; tokensPerHour: number; costPerHour: number } | null;
  projection: { totalTokens: number; totalCost: number; remainingMinutes: number } | null;
}

interface RawBlock {
  start: number;
  firstTs: number;
  lastTs: number;
  entries: number;
  input: number;
  output: number;
  cacheCreate: number;
  cacheRead: number;
  cost: number;
  models: Set<string>;
}

/** Row indices sorted by time (ties by row, for a stable order). */
export function sortedByTime(store: EntryStore, minTs = -Infinity): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < store.count; i++) if (store.ts[i]! >= minTs) rows.push(i);
  const ts = store.ts;
  rows.sort((a, b) => ts[a]! - ts[b]! || a - b);
  return Uint32Array.from(rows);
}

function buildBlocks(store: EntryStore, rows: Uint32Array, coster: EntryCoster): RawBlock[] {
  const blocks: RawBlock[] = [];
  let cur: RawBlock | null = null;
  for (const i of rows) {
    const ts = store.ts[i]!;
    if (!cur || ts - cur.start > BLOCK_MS || ts - cur.lastTs > BLOCK_MS) {
      cur = {
        start: Math.floor(ts / HOUR_MS) * HOUR_MS,
        firstTs: ts,
        lastTs: ts,
        entries: 0,
        input: 0,
        output: 0,
        cacheCreate: 0,
        cacheRead: 0,
        cost: 0,
        models: new Set(),
      };
      blocks.push(cur);
    }
    cur.lastTs = ts;
    cur.entries++;
    cur.input += store.input[i]!;
    cur.output += store.output[i]!;
    cur.cacheCreate += store.cacheCreate[i]!;
    cur.cacheRead += store.cacheRead[i]!;
    cur.cost += coster.cost(i);
    cur.models.add(store.models[store.model[i]!]!);
  }
  return blocks;
}

const total = (b: RawBlock): number => b.input + b.output + b.cacheCreate + b.cacheRead;

function burn(
  b: RawBlock,
  now: number,
): { tokensPerHour: number; costPerHour: number; projection: { totalTokens: number; totalCost: number; remainingMinutes: number } } | null {
  const elapsed = now - b.firstTs;
  if (elapsed < MIN_BURN_ELAPSED_MS) return null;
  const hours = elapsed / HOUR_MS;
  const tokensPerHour = total(b) / hours;
  const costPerHour = b.cost / hours;
  const remainingH = Math.max(0, b.start + BLOCK_MS - now) / HOUR_MS;
  return {
    tokensPerHour,
    costPerHour,
    projection: {
      totalTokens: Math.round(total(b) + tokensPerHour * remainingH),
      totalCost: b.cost + costPerHour * remainingH,
      remainingMinutes: Math.round(remainingH * 60),
    },
  };
}

const isActive = (b: RawBlock, now: number): boolean => now >= b.start && now < b.start + BLOCK_MS;

export interface BlocksReport {
  blocks: BlockJson[];
  unpricedModels: string[];
}

/** All blocks, with gap blocks between them as ccusage lists them. */
export function blocksReport(
  store: EntryStore,
  opts: {
    now: number;
    mode?: CostMode;
    activeOnly?: boolean;
    timeZone: string;
    since?: string | null;
    until?: string | null;
    prices?: PriceTable;
  },
): BlocksReport {
  const coster = new EntryCoster(store, opts.mode, opts.prices);
  const keyer = new DayKeyer(opts.timeZone);
  const inRange = (i: number): boolean => {
    if (!opts.since && !opts.until) return true;
    const d = keyer.day(store.ts[i]!);
    return (!opts.since || d >= opts.since) && (!opts.until || d <= opts.until);
  };
  const rows = sortedByTime(store).filter(inRange);
  const raw = buildBlocks(store, rows, coster);
  const out: BlockJson[] = [];
  let prev: RawBlock | null = null;
  for (const b of raw) {
    if (prev && b.firstTs - prev.lastTs > BLOCK_MS && !opts.activeOnly) {
      const gapStart = prev.lastTs + BLOCK_MS;
      out.push({
        id: `gap-${new Date(gapStart).toISOString()}`,
        startTime: new Date(gapStart).toISOString(),
        endTime: new Date(b.firstTs).toISOString(),
        actualEndTime: null,
        isActive: false,
        isGap: true,
        entries: 0,
        tokenCounts: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
        totalTokens: 0,
        costUSD: 0,
        models: [],
        burnRate: null,
        projection: null,
      });
    }
    prev = b;
    const active = isActive(b, opts.now);
    if (opts.activeOnly && !active) continue;
    const br = active ? burn(b, opts.now) : null;
    out.push({
      id: new Date(b.start).toISOString(),
      startTime: new Date(b.start).toISOString(),
      endTime: new Date(b.start + BLOCK_MS).toISOString(),
      actualEndTime: new Date(b.lastTs).toISOString(),
      isActive: active,
      isGap: false,
      entries: b.entries,
      tokenCounts: {
        inputTokens: b.input,
        outputTokens: b.output,
        cacheCreationInputTokens: b.cacheCreate,
        cacheReadInputTokens: b.cacheRead,
      },
      totalTokens: total(b),
      costUSD: b.cost,
      models: [...b.models].sort(),
      burnRate: br ? { tokensPerMinute: br.tokensPerHour / 60, tokensPerHour: br.tokensPerHour, costPerHour: br.costPerHour } : null,
      projection: br ? br.projection : null,
    });
  }
  return { blocks: out, unpricedModels: coster.unpricedModels() };
}

/**
 * The active block for the app. Only recent entries are sorted: block boundaries are certain after
 * any silence longer than 5 hours, so the walk starts at the last such silence within a week
 * (falling back to everything when there was none).
 */
export function activeBlock(store: EntryStore, now: number, coster: EntryCoster): ActiveBlock | null {
  const weekAgo = now - 7 * 24 * HOUR_MS;
  let rows = sortedByTime(store, weekAgo);
  let startAt = -1;
  for (let k = rows.length - 1; k > 0; k--) {
    if (store.ts[rows[k]!]! - store.ts[rows[k - 1]!]! > BLOCK_MS) {
      startAt = k;
      break;
    }
  }
  if (startAt < 0 && rows.length > 0) {
    // No certain boundary in the week: is there an older entry the chain could continue from?
    const older = store.ts.subarray(0, store.count).some((t) => t < weekAgo && t >= weekAgo - BLOCK_MS);
    if (older) rows = sortedByTime(store);
    startAt = 0;
  }
  const raw = buildBlocks(store, rows.subarray(Math.max(0, startAt)), coster);
  const last = raw[raw.length - 1];
  if (!last || !isActive(last, now)) return null;
  const br = burn(last, now);
  return {
    startTime: new Date(last.start).toISOString(),
    endTime: new Date(last.start + BLOCK_MS).toISOString(),
    inputTokens: last.input,
    outputTokens: last.output,
    cacheCreationTokens: last.cacheCreate,
    cacheReadTokens: last.cacheRead,
    totalTokens: total(last),
    totalCost: last.cost,
    burnRate: br ? { tokensPerHour: br.tokensPerHour, costPerHour: br.costPerHour } : null,
    projection: br ? { totalTokens: br.projection.totalTokens, totalCost: br.projection.totalCost } : null,
  };
}
