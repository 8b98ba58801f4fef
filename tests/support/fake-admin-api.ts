/**
 * A fake Anthropic Admin API on 127.0.0.1: a paginated cost report (amounts as decimal strings in
 * cents), a paginated messages usage report, and its failures (invalid key, missing permission, an
 * individual account). Requests must carry `x-api-key` and `anthropic-version: 2023-06-01`; a wrong
 * key gets the API's 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback-server';
import { fixtureText, serve, type Behaviour } from './fake-anthropic';

export const ADMIN_KEY = 'sk-ant-admin01-TEST-fake-key';

export const INVALID_KEY: Behaviour = {
  kind: 'json',
  status: 401,
  body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: 'req_011CTestInvalidKey' },
};

export const PERMISSION: Behaviour = {
  kind: 'json',
  status: 403,
  body: {
    type: 'error',
    error: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
    request_id: 'req_011CTestPermission',
  },
};

/** Constructed from issue 13's description ("an individual account has no Admin API"); the wording is a guess. */
export const INDIVIDUAL_ACCOUNT: Behaviour = {
  kind: 'json',
  status: 403,
  body: {
    type: 'error',
    error: { type: 'permission_error', message: 'The Admin API is unavailable for individual accounts. Create an organization to use it.' },
    request_id: 'req_011CTestIndividual',
  },
};

export interface AdminRequest {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export type AdminRoute = (query: URLSearchParams, n: number) => Behaviour;

export interface FakeAdminApi {
  readonly url: string;
  readonly requests: AdminRequest[];
  readonly headerProblems: string[];
  route(pathname: string, r: AdminRoute): void;
  /** Serves the cost report as these pages of amounts (cents), linked by `page_<i>` cursors. */
  costPages(pages: readonly (readonly string[])[], currency?: string): void;
  close(): Promise<void>;
}

/** One page of the documented cost report shape, one daily bucket per amount. */
export function costPage(amounts: readonly string[], next: string | null, currency = 'USD'): unknown {
  const template = JSON.parse(fixtureText('admin-api/cost_report.platform-2026.json')) as {
    data: { results: Record<string, unknown>[] }[];
  };
  const result = template.data[0]!.results[0]!;
  return {
    data: amounts.map((amount, i) => ({
      starting_at: `2026-07-0${(i % 9) + 1}T00:00:00Z`,
      ending_at: `2026-07-0${(i % 9) + 2}T00:00:00Z`,
      results: [{ ...result, amount, currency }],
    })),
    has_more: next !== null,
    next_page: next,
  };
}

/** `alsoKeys`: further keys accepted, as another organisation's keys would be (the reports are the same). */
export async function startFakeAdminApi(opts: { key?: string; alsoKeys?: readonly string[] } = {}): Promise<FakeAdminApi> {
  const keys = new Set([opts.key ?? ADMIN_KEY, ...(opts.alsoKeys ?? [])]);
  const requests: AdminRequest[] = [];
  const headerProblems: string[] = [];
  const counts = new Map<string, number>();
  const routes = new Map<string, AdminRoute>([
    ['/v1/organizations/cost_report', () => ({ kind: 'fixture', file: 'admin-api/cost_report.platform-2026.json' })],
    [
      '/v1/organizations/usage_report/messages',
      (q) =>
        q.get('page') === null
          ? { kind: 'fixture', file: 'admin-api/usage_report_messages.platform-2026.json' }
          : { kind: 'fixture', file: 'admin-api/usage_report_messages.last-page.json' },
    ],
  ]);
  const timers = new Set<NodeJS.Timeout>();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, headers: { ...req.headers } });
    if (req.headers['anthropic-version'] !== '2023-06-01')
      headerProblems.push(`${url.pathname}: anthropic-version is ${String(req.headers['anthropic-version'])}`);
    if (req.headers.authorization !== undefined) headerProblems.push(`${url.pathname}: an Authorization header was sent`);
    if (!/^Brimline\/\d+\.\d+\.\d+ /.test(String(req.headers['user-agent'] ?? '')))
      headerProblems.push(`${url.pathname}: user-agent is ${String(req.headers['user-agent'])}`);
    if (!keys.has(String(req.headers['x-api-key']))) {
      serve(INVALID_KEY, res, timers);
      return;
    }
    const n = (counts.get(url.pathname) ?? 0) + 1;
    counts.set(url.pathname, n);
    const r = routes.get(url.pathname);
    serve(r ? r(url.searchParams, n) : { kind: 'fixture', status: 404, file: 'admin-api/error_envelope.platform.json' }, res, timers);
  };

  const server = await startLoopbackServer(handler, timers, 0);
  return {
    url: server.url,
    requests,
    headerProblems,
    route(pathname, r) {
      routes.set(pathname, r);
    },
    costPages(pages, currency) {
      routes.set('/v1/organizations/cost_report', (q) => {
        const cursor = q.get('page');
        const i = cursor === null ? 0 : Number(cursor.replace('page_', ''));
        const amounts = pages[i];
        if (amounts === undefined)
          return { kind: 'json', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad page' } } };
        return { kind: 'json', body: costPage(amounts, i + 1 < pages.length ? `page_${i + 1}` : null, currency) };
      });
    },
    close: () => server.close(),
  };
}
