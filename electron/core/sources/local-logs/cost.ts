/**
 * Cost of stored entries. `auto` uses the `costUSD` a line carried and prices the rest (ccusage's
 * default); `calculate` always prices from the table; `display` only uses `costUSD`.
 */
import type { EntryStore } from './entry-store';
import { costOf, rateFor, type ModelRates } from './pricing';

export const COST_MODES = ['auto', 'calculate', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];

export class EntryCoster {
  private rates: (ModelRates | null)[] = [];
  /** Models met that the table has no price for (their cost counts as 0 and is reported). */
  readonly unpriced = new Set<string>();

  constructor(
    private readonly store: EntryStore,
    private readonly mode: CostMode = 'auto',
  ) {}

  private rate(model: number): ModelRates | null {
    while (this.rates.length < this.store.models.length) this.rates.push(rateFor(this.store.models[this.rates.length]!));
    return this.rates[model] ?? null;
  }

  cost(i: number): number {
    const s = this.store;
    const carried = s.costUSD[i]!;
    if (this.mode === 'display') return Number.isNaN(carried) ? 0 : carried;
    if (this.mode === 'auto' && !Number.isNaN(carried)) return carried;
    const r = this.rate(s.model[i]!);
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
