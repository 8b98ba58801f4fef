/**
 * API spend with an Admin key: month to date from `cost_report` (summed exactly, cents → dollars),
 * today's tokens per model from `usage_report/messages`, and, with a monthly budget, a window of
 * kind `budget` that alerts like any other.
 */
import { USER_AGENT } from '../../platform/net/user-agent';
import { safeJson } from '../../platform/net/json';
import type { ApiSpend, SourceError, UsageWindow, WindowKind } from '../../../../shared/domain';
import { hostOf, httpGet, retryAfterMs, type HttpResult } from '../../platform/net/http';
import { badResponse, fail, mapHttpFailure } from '../claude-oauth/errors';
import type { ParseResult } from '../claude-oauth/usage-parser';
import type { PollContext, PollResult, UsageSource } from '../source';
import { boundaries, isValidTimeZone } from './calendar';
import { addDecimal, decimalToNumber, formatDecimal, shiftDecimal, ZERO, type Decimal } from './decimal';
import { mergeModelTokens, parseCostPage, parseUsagePage, type CostPage, type ModelTokens, type Page } from './reports';

export const ANTHROPIC_VERSION = '2023-06-01';
/** The reports lag about five minutes behind; asking more often shows nothing new. */
export const ADMIN_MIN_INTERVAL_MS = 5 * 60_000;
const MAX_PAGES = 100;
const CONSOLE_ADMIN_KEYS_URL = 'https://console.anthropic.com/settings/admin-keys';
/** Until shared/domain.ts lists `budget` in WINDOW_KINDS (the lead adds it), the kind is cast here. */
const BUDGET_KIND = 'budget' as unknown as WindowKind;

export interface AdminApiOptions {
  /** `apiBase()` from paths.ts: https://api.anthropic.com or BRIMLINE_ANTHROPIC_API_URL. */
  baseUrl: string;
  /** The Admin key (secret `adminApiKey`; the CLI passes ANTHROPIC_ADMIN_KEY). */
  getSecret: () => Promise<string | null>;
  /** IANA zone in which the month starts ("Europe/Paris"); defaults to the system zone. */
  timeZone?: () => string;
  /** Monthly budget in dollars; null or absent shows the spend without a window. */
  monthlyBudgetUsd?: () => number | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The account its data is when nothing else names one (a further Admin key's own organisation). */
  ownAccount?: string | null;
}

export function createAdminApiSource(opts: AdminApiOptions): UsageSource {
  const extraHosts = hostOf(opts.baseUrl);

  async function get(path: string, params: URLSearchParams, key: string, ctx: PollContext): Promise<HttpResult> {
    return httpGet(`${opts.baseUrl}${path}?${params.toString()}`, {
      headers: { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, Accept: 'application/json', 'User-Agent': USER_AGENT },
      fetch: opts.fetch,
      signal: ctx.signal,
      timeoutMs: opts.timeoutMs,
      extraHosts,
    });
  }

  /** Reads every page, following `next_page` while `has_more`. */
  async function readAll<T>(
    path: string,
    base: URLSearchParams,
    parse: (raw: unknown) => ParseResult<Page<T>>,
    key: string,
    ctx: PollContext,
  ): Promise<{ ok: true; pages: T[] } | { ok: false; result: PollResult }> {
    const pages: T[] = [];
    const seen = new Set<string>();
    let page: string | null = null;
    for (;;) {
      const params = new URLSearchParams(base);
      if (page !== null) params.set('page', page);
      const res = await get(path, params, key, ctx);
      if (res.kind !== 'response' || res.status !== 200) return { ok: false, result: failure(res, ctx.now()) };
      const body = safeJson(res.text);
      if (body === undefined)
        return {
          ok: false,
          result: badResponse(res.text.trim().startsWith('<') ? 'an HTML page instead of JSON' : 'the body is not valid JSON'),
        };
      const parsed = parse(body);
      if (!parsed.ok) return { ok: false, result: badResponse(parsed.error) };
      pages.push(parsed.value.value);
      page = parsed.value.nextPage;
      if (page === null) return { ok: true, pages };
      // A server that hands out the same cursor again would make us loop for ever.
      if (seen.has(page) || pages.length >= MAX_PAGES)
        return { ok: false, result: badResponse(`the report did not end after ${pages.length} pages`) };
      seen.add(page);
    }
  }

  return {
    id: 'admin-api',
    minIntervalMs: ADMIN_MIN_INTERVAL_MS,
    async poll(ctx: PollContext): Promise<PollResult> {
      const key = (await opts.getSecret())?.trim() ?? '';
      const problem = keyProblem(key);
      if (problem) return problem;

      const zone = opts.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const timeZone = isValidTimeZone(zone) ? zone : 'UTC';
      const now = ctx.now();
      const b = boundaries(now, timeZone);

      // Buckets are snapped to UTC days by the API, so the month start is as exact as a day allows.
      const cost = await readAll(
        '/v1/organizations/cost_report',
        new URLSearchParams({
          starting_at: new Date(b.monthStart).toISOString(),
          ending_at: new Date(now).toISOString(),
          bucket_width: '1d',
          limit: '31',
        }),
        parseCostPage,
        key,
        ctx,
      );
      if (!cost.ok) return cost.result;
      const spend = monthSpend(cost.pages);
      if (!spend.ok) return spend.result;
      const { currency, dollars } = spend;

      // Today per model is a detail: when it fails, the month's spend is still worth showing.
      const usage = await readAll(
        '/v1/organizations/usage_report/messages',
        new URLSearchParams([
          ['starting_at', new Date(b.todayStart).toISOString()],
          ['ending_at', new Date(now).toISOString()],
          ['bucket_width', '1h'],
          ['limit', '24'],
          ['group_by[]', 'model'],
        ]),
        parseUsagePage,
        key,
        ctx,
      );
      let todayByModel: ModelTokens[] | null = null;
      if (usage.ok) {
        todayByModel = modelsByTokens(usage.pages);
      } else if (usage.result.ok === false && (usage.result.kind === 'needs_user' || usage.result.kind === 'unconfigured')) {
        return usage.result;
      }

      const budget = validBudget(opts.monthlyBudgetUsd?.() ?? null);
      const apiSpend: ApiSpend = {
        currency,
        monthToDateUsd: decimalToNumber(dollars),
        monthToDateExact: formatDecimal(dollars),
        monthStart: new Date(b.monthStart).toISOString(),
        todayByModel,
        todayStart: new Date(b.todayStart).toISOString(),
        budgetUsd: budget,
      };
      const windows = budgetWindows(budget, apiSpend.monthToDateUsd, b.nextMonthStart);
      return {
        ok: true,
        data: { windows, plan: null, extraUsage: null, apiSpend, ...(opts.ownAccount ? { account: { ownAccount: opts.ownAccount } } : {}) },
      };
    },
  };
}

/** The month's spend from the cost report's pages, in one currency (or why not). */
function monthSpend(pages: readonly CostPage[]): { ok: true; currency: string; dollars: Decimal } | { ok: false; result: PollResult } {
  const cents = new Map<string, Decimal>();
  for (const p of pages) for (const [cur, d] of p.cents) cents.set(cur, addDecimal(cents.get(cur) ?? ZERO, d));
  if (cents.size > 1) return { ok: false, result: badResponse(`the cost report mixes currencies (${[...cents.keys()].join(', ')})`) };
  const [currency, totalCents] = [...cents.entries()][0] ?? ['USD', ZERO];
  return { ok: true, currency, dollars: shiftDecimal(totalCents, 2) };
}

/** Today's tokens per model, the largest first. */
function modelsByTokens(pages: readonly Map<string, ModelTokens>[]): ModelTokens[] {
  const byModel = new Map<string, ModelTokens>();
  for (const p of pages) mergeModelTokens(byModel, p);
  return [...byModel.values()].sort((x, y) => y.totalTokens - x.totalTokens || x.model.localeCompare(y.model));
}

/** The monthly budget as a window that resets with the month; none without a budget. */
function budgetWindows(budget: number | null, spentUsd: number, nextMonthStart: number): UsageWindow[] {
  if (budget === null) return [];
  return [
    {
      id: 'budget:api-monthly',
      kind: BUDGET_KIND,
      label: 'API budget (month)',
      usedPercent: (spentUsd / budget) * 100,
      resetsAt: new Date(nextMonthStart).toISOString(),
    },
  ];
}

function validBudget(v: number | null): number | null {
  return v !== null && Number.isFinite(v) && v > 0 ? v : null;
}

const ADMIN_KEY_NEEDED =
  'API spend needs an Admin key (sk-ant-admin…), which an organisation admin creates in the Anthropic Console under Settings → Admin keys; paste it in Settings.';

function keyProblem(key: string): PollResult | null {
  if (!key) {
    return fail('unconfigured', {
      code: 'no_credentials',
      message: 'No Admin API key is set. Paste an Admin key (sk-ant-admin…) in Settings, or set ANTHROPIC_ADMIN_KEY for the command line.',
      action: { kind: 'open_settings' },
    });
  }
  if (key.startsWith('sk-ant-admin')) return null;
  const what = key.startsWith('sk-ant-api') ? 'This is an API key, not an Admin key. ' : 'This does not look like an Admin key. ';
  return fail('needs_user', {
    code: 'missing_scope',
    message: what + ADMIN_KEY_NEEDED,
    action: { kind: 'open_url', url: CONSOLE_ADMIN_KEYS_URL },
  });
}

function errorMessage(text: string): string {
  const body = safeJson(text);
  if (typeof body !== 'object' || body === null) return '';
  const err = (body as { error?: unknown }).error;
  const msg = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof msg === 'string' ? msg : '';
}

function failure(res: HttpResult, now: number): PollResult {
  if (res.kind === 'blocked_host') {
    return fail('needs_user', {
      code: 'internal',
      message: `Brimline refused to contact ${res.host}: only api.anthropic.com and BRIMLINE_ANTHROPIC_API_URL are allowed.`,
      action: null,
    });
  }
  if (res.kind !== 'response') return mapHttpFailure(res, null);
  const message = errorMessage(res.text);
  if ([400, 403, 404].includes(res.status) && /individual/i.test(message)) {
    const error: SourceError = {
      code: 'missing_scope',
      message:
        'This Anthropic account is an individual account, which has no Admin API. Create an organisation in the Anthropic Console, then have an admin create an Admin key.',
      action: { kind: 'open_url', url: CONSOLE_ADMIN_KEYS_URL },
    };
    return fail('needs_user', error);
  }
  if (res.status === 401) {
    return fail('needs_user', {
      code: 'login_expired',
      message: 'The Admin key is invalid or has been revoked. Create a new Admin key in the Anthropic Console and paste it in Settings.',
      action: { kind: 'open_settings' },
    });
  }
  if (res.status === 403) {
    return fail('needs_user', {
      code: 'missing_scope',
      message: `This key cannot read the organisation's reports. ${ADMIN_KEY_NEEDED}`,
      action: { kind: 'open_url', url: CONSOLE_ADMIN_KEYS_URL },
    });
  }
  return mapHttpFailure(res, retryAfterMs(res.headers, now));
}
