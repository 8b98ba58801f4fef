/**
 * Prices local-log usage from the bundled table in pricing.json (one data file, dated, with its
 * source, so that a price change is a one-line edit). A model the table does not know is never
 * priced at 0 silently: `rateFor` returns null and the reports list it as unpriced.
 */
import table from './pricing.json';

export interface ModelRates {
  family: string;
  /** USD per token. */
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

export const PRICING_UPDATED: string = table.updated;
export const PRICING_SOURCE: string = table.source;

const PER_TOKEN = 1 / 1_000_000;

const byId = new Map<string, ModelRates>();
for (const m of table.models) {
  const rates: ModelRates = {
    family: m.family,
    input: m.input * PER_TOKEN,
    output: m.output * PER_TOKEN,
    cacheRead: m.cacheRead * PER_TOKEN,
    cacheWrite5m: m.input * table.cacheWrite5mMultiplier * PER_TOKEN,
    cacheWrite1h: m.input * table.cacheWrite1hMultiplier * PER_TOKEN,
  };
  for (const id of m.ids) byId.set(id, rates);
}

/**
 * The table's id for a model name as logs and cloud providers spell it: drops a provider prefix
 * (`anthropic/`, Bedrock's `us.anthropic.`), a date or version suffix (`-20250514`, `@20250514`,
 * `-v1:0`) and a context marker (`[1m]`). Matching is exact after that, so a future
 * `claude-opus-4-8` is reported unpriced instead of borrowing `claude-opus-4`'s price.
 */
export function baseModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(?:[a-z]{2,4}\.)?anthropic[./]/, '');
  id = id.replace(/\[[^\]]*\]$/, '');
  id = id.replace(/-v\d+(?::\d+)?$/, '');
  id = id.replace(/(?:-|@)\d{8}$/, '');
  id = id.replace(/-latest$/, '');
  return id;
}

const cache = new Map<string, ModelRates | null>();

export function rateFor(model: string): ModelRates | null {
  let r = cache.get(model);
  if (r === undefined) {
    r = byId.get(baseModelId(model)) ?? null;
    cache.set(model, r);
  }
  return r;
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
