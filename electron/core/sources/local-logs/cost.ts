/**
 * Cost of stored entries. `auto` uses the `costUSD` a line carried and prices the rest (ccusage's
 * default); `calculate` always prices from the table; `display` only uses `costUSD`. A request is
 * priced at the rates for the speed and geography its transcript line recorded.
 */
import type { EntryStore } from './entry-store';
import { BUILT_IN_PRICES, costOf, type ModelRates, type PriceTable } from './pricing';

export const COST_MODES = ['auto', 'calculate', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];

/** Flag combinations (fast, US-only) a row can carry: rates are cached per model for each. */
const FLAG_VARIANTS = 4;

export class EntryCoster {
  /** Per model index, FLAG_VARIANTS slots: undefined until looked up. */
  private rates: (ModelRates | null | undefined)[] = [];
  /** Models met that the table has no price for (their cost counts as 0 and is reported). */
  readonly unpriced = new Set<string>();

  constructor(
    private readonly store: EntryStore,
    private readonly mode: CostMode = 'auto',
    private readonly prices: PriceTable = BUILT_IN_PRICES,
  ) {}

  private rate(model: number, flags: number): ModelRates | null {
    const slot = model * FLAG_VARIANTS + flags;
    let r = this.rates[slot];
    if (r === undefined) {
      r = this.prices.rates(this.store.models[model]!, flags);
      this.rates[slot] = r;
    }
    return r;
  }

  cost(i: number): number {
    const s = this.store;
    const carried = s.costUSD[i]!;
    if (this.mode === 'display') return Number.isNaN(carried) ? 0 : carried;
    if (this.mode === 'auto' && !Number.isNaN(carried)) return carried;
    const r = this.rate(s.model[i]!, s.flags[i]! & (FLAG_VARIANTS - 1));
    if (r === null) {
      if (s.input[i]! + s.output[i]! + s.cacheCreate[i]! + s.cacheRead[i]! > 0) this.unpriced.add(s.models[s.model[i]!]!);
      return 0;
    }
    return costOf(r, {
      inputTokens: s.input[i]!,
      outputTokens: s.output[i]!,
      cacheReadTokens: s.cacheRead[i]!,
      cacheWrite5m: s.write5m[i]!,
      cacheWrite1h: s.write1h[i]!,
    });
  }

  unpricedModels(): string[] {
    return [...this.unpriced].sort();
  }
}
