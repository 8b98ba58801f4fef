/** What the popover shows for the local logs: today, the last 7 days and the active block. */
import type { LocalUsageSummary } from '../../../../shared/domain';
import type { EntryStore } from './entry-store';
import { activeBlock } from './blocks';
import { EntryCoster } from './cost';
import type { PriceTable } from './pricing';
import { DayKeyer, addDays } from '../../platform/day-key';
import { addEntry, emptyTotals } from './reports';

/** `week` is the last 7 calendar days including today, in `timeZone`. */
export function localSummary(
  store: EntryStore,
  opts: { now: number; timeZone: string; prices?: PriceTable; pricesProblem?: string | null },
): LocalUsageSummary {
  const keyer = new DayKeyer(opts.timeZone);
  const coster = new EntryCoster(store, 'auto', opts.prices);
  const today = keyer.day(opts.now);
  const weekStart = addDays(today, -6);
  // 8 days of slack covers any UTC offset; the day comparison does the exact cut.
  const minTs = opts.now - 9 * 86_400_000;
  const t = emptyTotals();
  const w = emptyTotals();
  for (let i = 0; i < store.count; i++) {
    const ts = store.ts[i]!;
    if (ts < minTs) continue;
    const day = keyer.day(ts);
    if (day < weekStart || day > today) continue;
    const cost = coster.cost(i);
    addEntry(w, store, i, cost);
    if (day === today) addEntry(t, store, i, cost);
  }
  const block = activeBlock(store, opts.now, coster);
  const summary: LocalUsageSummary = { today: t, week: w, activeBlock: block, unpricedModels: coster.unpricedModels() };
  if (opts.pricesProblem) summary.pricesProblem = opts.pricesProblem;
  return summary;
}
