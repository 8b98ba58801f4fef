/** `brimline logs --prices`: the price table in use, each row with where its figures come from. */
import { PRICING_UPDATED, type PriceOrigin, type PriceRow } from '../sources/local-logs/pricing';
import type { UserPrices } from '../sources/local-logs/user-prices';
import { table } from './table';

const money = (n: number): string => `$${Number(n.toPrecision(6))}`;

function originText(o: PriceOrigin): string {
  return o.kind === 'user' ? `your ${o.file}` : `${o.url}, as of ${o.asOf}`;
}

export interface PriceRowJson {
  family: string;
  ids: string[];
  /** USD per million tokens. */
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  fast: { input: number; output: number; origin: PriceOrigin } | null;
  usOnlyMultiplier: number;
  origin: PriceOrigin;
}

export function pricesJson(p: UserPrices): {
  updated: string;
  unit: string;
  userFile: string;
  userProblem: string | null;
  models: PriceRowJson[];
} {
  return {
    updated: PRICING_UPDATED,
    unit: 'USD per million tokens',
    userFile: p.file,
    userProblem: p.problem,
    models: p.table.rows().map((r: PriceRow) => ({ ...r })),
  };
}

export function pricesText(p: UserPrices): string {
  const rows = p.table.rows();
  const cells = rows.map((r) => [
    r.family,
    r.ids.join(', '),
    money(r.input),
    money(r.output),
    money(r.cacheWrite5m),
    money(r.cacheWrite1h),
    money(r.cacheRead),
    r.fast ? `${money(r.fast.input)}/${money(r.fast.output)}` : '-',
    r.usOnlyMultiplier === 1 ? '-' : `x${r.usOnlyMultiplier}`,
    r.origin.kind === 'user' ? 'your prices.json' : 'built-in',
  ]);
  const sources = new Map<string, string>();
  for (const r of rows) {
    sources.set(originText(r.origin), r.family);
    if (r.fast && r.fast.origin.kind === 'built-in') sources.set(originText(r.fast.origin), r.family);
  }
  return (
    `Prices in use, USD per million tokens (bundled table dated ${PRICING_UPDATED}):\n` +
    table(['Model', 'Ids', 'Input', 'Output', '5m write', '1h write', 'Cache read', 'Fast in/out', 'US-only', 'From'], cells) +
    '\nFast mode: cache writes and reads keep the model’s multipliers of the fast input rate.\n' +
    'US-only (inference_geo "us") multiplies every rate, fast ones included.\n' +
    'Models not listed are reported as unpriced with their tokens, never counted as $0.\n' +
    `\nSources:\n${[...sources.keys()].map((s) => `  ${s}`).join('\n')}\n` +
    `\nYour price file: ${p.file} (${p.problem ? 'refused, see above' : p.rows > 0 ? `${p.rows} row(s) in use` : 'none'})\n`
  );
}
