/**
 * A fake claude.ai on 127.0.0.1: the organisation list, an organisation's usage and overage limit,
 * and the ways claude.ai fails in the field (a Cloudflare challenge page, an expired session key, a
 * key that no longer reaches an organisation). A request without the expected `sessionKey` cookie
 * gets the expired-session answer, as claude.ai gives it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback-server';
import { serve, type Behaviour, type RecordedRequest } from './fake-anthropic';

export const SESSION_KEY = 'sk-ant-sid01-TEST-fake-key';
export const CHAT_ORG = '631972a6-f5c1-452a-838f-e7713f861d09';
export const API_ORG = '7564efdd-1fa9-4b50-b261-1d69b6bb72f7';

/** Cloudflare's interstitial, as a browser without its clearance cookie sees it. */
export const CHALLENGE_HTML = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow">
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f1e2d3c4b5a6978"></script></head>
<body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">claude.ai</h1>
<h2 class="h2" id="challenge-running">Verifying you are human. This may take a few seconds.</h2>
<noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript>
</div></div></body></html>`;

export const CHALLENGE: Behaviour = {
  kind: 'text',
  status: 403,
  body: CHALLENGE_HTML,
  contentType: 'text/html; charset=UTF-8',
  headers: { 'cf-mitigated': 'challenge', server: 'cloudflare' },
};

export const SESSION_EXPIRED_401: Behaviour = {
  kind: 'json',
  status: 401,
  body: {
    type: 'error',
    error: { type: 'authentication_error', message: 'Invalid authorization', details: { error_code: 'account_session_invalid' } },
  },
};

export const SESSION_EXPIRED_403: Behaviour = {
  kind: 'json',
  status: 403,
  body: {
    type: 'error',
    error: { type: 'permission_error', message: 'Account session invalid', details: { error_code: 'account_session_invalid' } },
  },
};

export const INVALID_ORG: Behaviour = {
  kind: 'json',
  status: 403,
  body: { type: 'error', error: { type: 'permission_error', message: 'Invalid authorization for organization' } },
};

export interface FakeClaudeWeb {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Requests that did not carry the session key as the `sessionKey` cookie. */
  readonly cookieProblems: string[];
  route(pathname: string, behaviour: Behaviour | ((n: number) => Behaviour)): void;
  close(): Promise<void>;
}

/** `alsoKeys`: further session keys accepted (another account's, seeing the same organisations here). */
export async function startFakeClaudeWeb(opts: { sessionKey?: string; alsoKeys?: readonly string[] } = {}): Promise<FakeClaudeWeb> {
  const keys = [opts.sessionKey ?? SESSION_KEY, ...(opts.alsoKeys ?? [])];
  const requests: RecordedRequest[] = [];
  const cookieProblems: string[] = [];
  const counts = new Map<string, number>();
  const routes = new Map<string, Behaviour | ((n: number) => Behaviour)>([
    ['/api/organizations', { kind: 'fixture', file: 'claude-ai/organizations.200.json' }],
    [`/api/organizations/${CHAT_ORG}/usage`, { kind: 'fixture', file: 'claude-ai/org-usage.200.2026-07.json' }],
    [`/api/organizations/${CHAT_ORG}/overage_spend_limit`, { kind: 'fixture', file: 'claude-ai/overage_spend_limit.200.json' }],
  ]);
  const timers = new Set<NodeJS.Timeout>();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', path: pathname, headers: { ...req.headers }, at: Date.now() });
    const cookies = String(req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim());
    // Brimline names itself honestly to claude.ai too (the app's window sends Electron's user agent, naming Brimline).
    if (!/^Brimline\/\d+\.\d+\.\d+ /.test(String(req.headers['user-agent'] ?? '')))
      cookieProblems.push(`${pathname}: user-agent is ${String(req.headers['user-agent'])}`);
    if (!keys.some((key) => cookies.includes(`sessionKey=${key}`))) {
      cookieProblems.push(`${pathname}: no sessionKey cookie with the expected key`);
      serve(SESSION_EXPIRED_401, res, timers);
      return;
    }
    const n = (counts.get(pathname) ?? 0) + 1;
    counts.set(pathname, n);
    const r = routes.get(pathname);
    const b: Behaviour =
      r === undefined
        ? { kind: 'json', status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } }
        : typeof r === 'function'
          ? r(n)
          : r;
    serve(b, res, timers);
  };

  const server = await startLoopbackServer(handler, timers, 0);
  return {
    url: server.url,
    requests,
    cookieProblems,
    route(pathname, behaviour) {
      routes.set(pathname, behaviour);
    },
    close: () => server.close(),
  };
}
