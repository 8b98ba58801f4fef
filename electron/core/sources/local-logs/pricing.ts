/**
 * Prices local-log usage. The bundled table (pricing.json: one data file, each row with its
 * source and date) can be overridden or extended by the user's prices.json (see user-prices.ts).
 * A model no table knows is never priced at 0 silently: `rates` returns null and the reports list
 * it as unpriced.
 */
import table from './pricing.json';
import { FLAG_FAST, FLAG_US } from './entry-store';

/** Per-token USD rates for one (model, speed, geography). */
export interface ModelRates {
  family: string;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** The token fields cost depends on; `cacheWrite5m`/`cacheWrite1h` are the split of the cache write. */
export interface PricedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** Where a row's figures come from: the bundled table (with its source) or the user's file. */
export type PriceOrigin = { kind: 'built-in'; url: string; asOf: string } | { kind: 'user'; file: string };

/** One model's prices, USD per million tokens, as published. */
export interface PriceRow {
  family: string;
  ids: string[];
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  /** Fast mode (`usage.speed: "fast"`) input/output; null when the model has none. */
  fast: { input: number; output: number; origin: PriceOrigin } | null;
  /** Multiplier for US-only inference (`usage.inference_geo: "us"`); 1 when it does not apply. */
  usOnlyMultiplier: number;
  origin: PriceOrigin;
}

export { FLAG_FAST, FLAG_US };

export const PRICING_UPDATED: string = table.updated;

const PER_TOKEN = 1 / 1_000_000;

type SourceKey = keyof typeof table.sources;
function builtIn(key: string): PriceOrigin {
  const s = table.sources[key as SourceKey];
  if (!s) throw new Error(`pricing.json: unknown source "${key}"`);
  return { kind: 'built-in', url: s.url, asOf: s.asOf };
}

export const BUILT_IN_ROWS: readonly PriceRow[] = table.models.map((m) => {
  const fast = 'fast' in m ? m.fast : undefined;
  return {
    family: m.family,
    ids: m.ids,
    input: m.input,
    output: m.output,
    cacheWrite5m: m.cacheWrite5m,
    cacheWrite1h: m.cacheWrite1h,
    cacheRead: m.cacheRead,
    fast: fast ? { input: fast.input, output: fast.output, origin: builtIn(fast.source) } : null,
    usOnlyMultiplier: ('usOnlyMultiplier' in m ? m.usOnlyMultiplier : undefined) ?? 1,
    origin: builtIn(m.source),
  };
});

/**
 * The table's id for a model name as logs and cloud providers spell it: drops a provider prefix
 * (`anthropic/`, Bedrock's `anthropic.`, `us.anthropic.`, `global.anthropic.`), a date or version
 * suffix (`-20250514`, `@20250514`, `-v1:0`) and a context marker (`[1m]`). Matching is exact
 * after that, so a future `claude-opus-4-9` is reported unpriced instead of borrowing
 * `claude-opus-4`'s price.
 */
export function baseModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(?:[a-z]{2,6}\.)?anthropic[./]/, '');
  id = id.replace(/\[[^\]]*\]$/, '');
  id = id.replace(/-v\d+(?::\d+)?$/, '');
  id = id.replace(/(?:-|@)\d{8}$/, '');
  id = id.replace(/-latest$/, '');
  return id;
}

/** Per-token rates of a row for the speed and geography in `flags`. */
export function ratesOf(row: PriceRow, flags: number): ModelRates {
  // Fast mode has its own input/output rates; cache writes and reads keep the model's own
  // multipliers of input on top of them. A model without fast rates ran at standard speed.
  const f = flags & FLAG_FAST && row.fast ? row.fast.input / row.input : 1;
  const output = flags & FLAG_FAST && row.fast ? row.fast.output : row.output;
  const geo = flags & FLAG_US ? row.usOnlyMultiplier : 1;
  const k = geo * PER_TOKEN;
  return {
    family: row.family,
    input: row.input * f * k,
    output: output * k,
    cacheRead: row.cacheRead * f * k,
    cacheWrite5m: row.cacheWrite5m * f * k,
    cacheWrite1h: row.cacheWrite1h * f * k,
  };
}

/** The prices in use: rows by normalised id, later rows (the user's) replacing earlier ones. */
export class PriceTable {
  private readonly byId = new Map<string, PriceRow>();
  private readonly cache = new Map<string, ModelRates | null>();

  constructor(rows: readonly PriceRow[]) {
    for (const r of rows) for (const id of r.ids) this.byId.set(baseModelId(id), r);
  }

  row(model: string): PriceRow | null {
    return this.byId.get(baseModelId(model)) ?? null;
  }

  /** Rows as they apply, each once, in table order. */
  rows(): PriceRow[] {
    return [...new Set(this.byId.values())];
  }

  rates(model: string, flags = 0): ModelRates | null {
    const key = `${flags}\u0000${model}`;
    let r = this.cache.get(key);
    if (r === undefined) {
      const row = this.row(model);
      r = row ? ratesOf(row, flags) : null;
      this.cache.set(key, r);
    }
    return r;
  }
}

export const BUILT_IN_PRICES = new PriceTable(BUILT_IN_ROWS);

/** Standard-speed, global rates from the bundled table. */
export function rateFor(model: string): ModelRates | null {
  return BUILT_IN_PRICES.rates(model, 0);
}

export function costOf(rates: ModelRates, u: PricedUsage): number {
  return (
    u.inputTokens * rates.input +
    u.outputTokens * rates.output +
    u.cacheWrite5m * rates.cacheWrite5m +
    u.cacheWrite1h * rates.cacheWrite1h +
    u.cacheReadTokens * rates.cacheRead
  );
}
