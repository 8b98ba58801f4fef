/**
 * The Admin API's paginated reports: `cost_report` (amounts are decimal strings in cents) and
 * `usage_report/messages` (tokens), read page by page with zod.
 */
import { z } from 'zod';
import type { ParseResult } from '../claude-oauth/usage-parser';
import type { ApiModelTokens } from '../../../../shared/domain';
import { addDecimal, parseDecimal, ZERO, type Decimal } from './decimal';

const pageShape = <T extends z.ZodType>(result: T) =>
  z.object({
    data: z.array(z.object({ starting_at: z.string().nullish(), ending_at: z.string().nullish(), results: z.array(result).nullish() })),
    has_more: z.boolean().nullish(),
    next_page: z.string().nullish(),
  });

const costResult = z.object({
  amount: z.string().max(64),
  currency: z.string().nullish(),
});

const tokens = z.number().int().nonnegative().nullish().catch(null);
const usageResult = z.object({
  model: z.string().nullish(),
  uncached_input_tokens: tokens,
  cache_read_input_tokens: tokens,
  output_tokens: tokens,
  cache_creation: z.object({ ephemeral_1h_input_tokens: tokens, ephemeral_5m_input_tokens: tokens }).nullish().catch(null),
});

export interface Page<T> {
  value: T;
  nextPage: string | null;
}

export interface CostPage {
  /** Sum of the page's amounts, in cents, per currency. */
  cents: Map<string, Decimal>;
}

function pagination(p: { has_more?: boolean | null; next_page?: string | null }): ParseResult<string | null> {
  if (!p.has_more) return { ok: true, value: null };
  if (!p.next_page) return { ok: false, error: 'the report says it has more pages but names no next page' };
  return { ok: true, value: p.next_page };
}

export function parseCostPage(raw: unknown): ParseResult<Page<CostPage>> {
  const parsed = pageShape(costResult).safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'the cost report is not the expected JSON' };
  const cents = new Map<string, Decimal>();
  for (const bucket of parsed.data.data) {
    for (const r of bucket.results ?? []) {
      const amount = parseDecimal(r.amount);
      if (amount === null)
        return { ok: false, error: `the cost report has an amount that is not a decimal number (${r.amount.slice(0, 20)})` };
      const currency = (r.currency ?? 'USD').toUpperCase();
      cents.set(currency, addDecimal(cents.get(currency) ?? ZERO, amount));
    }
  }
  const next = pagination(parsed.data);
  if (!next.ok) return next;
  return { ok: true, value: { value: { cents }, nextPage: next.value } };
}

export type ModelTokens = ApiModelTokens;

export function parseUsagePage(raw: unknown): ParseResult<Page<Map<string, ModelTokens>>> {
  const parsed = pageShape(usageResult).safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'the usage report is not the expected JSON' };
  const byModel = new Map<string, ModelTokens>();
  for (const bucket of parsed.data.data) {
    for (const r of bucket.results ?? []) addUsage(byModel, r);
  }
  const next = pagination(parsed.data);
  if (!next.ok) return next;
  return { ok: true, value: { value: byModel, nextPage: next.value } };
}

function addUsage(byModel: Map<string, ModelTokens>, r: z.infer<typeof usageResult>): void {
  const model = r.model?.trim() || 'unknown model';
  const t = byModel.get(model) ?? { model, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, totalTokens: 0 };
  const input = r.uncached_input_tokens ?? 0;
  const output = r.output_tokens ?? 0;
  const creation = (r.cache_creation?.ephemeral_1h_input_tokens ?? 0) + (r.cache_creation?.ephemeral_5m_input_tokens ?? 0);
  const read = r.cache_read_input_tokens ?? 0;
  t.inputTokens += input;
  t.outputTokens += output;
  t.cacheCreationTokens += creation;
  t.cacheReadTokens += read;
  t.totalTokens += input + output + creation + read;
  byModel.set(model, t);
}

export function mergeModelTokens(into: Map<string, ModelTokens>, page: Map<string, ModelTokens>): void {
  for (const [model, t] of page) {
    const cur = into.get(model);
    if (!cur) into.set(model, { ...t });
    else {
      cur.inputTokens += t.inputTokens;
      cur.outputTokens += t.outputTokens;
      cur.cacheCreationTokens += t.cacheCreationTokens;
      cur.cacheReadTokens += t.cacheReadTokens;
      cur.totalTokens += t.totalTokens;
    }
  }
}
