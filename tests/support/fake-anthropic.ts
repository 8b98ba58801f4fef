/**
 * A fake Anthropic API on 127.0.0.1 (plain node:http). It serves the captured fixtures, checks the
 * headers a real client must send, records every request, and can misbehave on demand: error
 * statuses, 429s, stalls, slow or huge bodies, HTML pages, redirects, dropped connections.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback-server';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export function fixtureText(rel: string): string {
  return readFileSync(path.join(FIXTURES, rel), 'utf8');
}

export type Behaviour =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'fixture'; status?: number; file: string; headers?: Record<string, string> }
  | { kind: 'text'; status?: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { kind: 'stall' }
  /** Send headers, then the body in pieces with a delay between them. */
  | { kind: 'slow'; body: string; chunks: number; delayMs: number }
  /** A body of `bytes` bytes, streamed (optionally without content-length). */
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  | { kind: 'redirect'; status?: number; location: string }
  /** Close the socket without a response. */
  | { kind: 'drop' }
  /** Wait, then behave as `then` (a server that sleeps past the client's timeout). */
  | { kind: 'delay'; ms: number; next: Behaviour };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface FakeAnthropic {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Behaviour per path; a function sees the request count for that path (1-based). */
  route(pathname: string, behaviour: Behaviour | ((n: number) => Behaviour)): void;
  /**
   * Behaviour per path for requests with this bearer token (another account's login); the token
   * is accepted from then on. The function sees that token's count for the path.
   */
  routeForToken(token: string, pathname: string, behaviour: Behaviour | ((n: number) => Behaviour)): void;
  /** Header problems seen (wrong token, missing beta header, wrong user agent). */
  readonly headerProblems: string[];
  close(): Promise<void>;
}

export interface FakeOptions {
  token?: string;
  now?: () => number;
  /** Listen on this port (a server that went down and comes back); 0 or absent picks a free one. */
  port?: number;
}

export const DEFAULT_TOKEN = 'sk-ant-oat01-TEST-loopback-fake';

export async function startFakeAnthropic(opts: FakeOptions = {}): Promise<FakeAnthropic> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const requests: RecordedRequest[] = [];
  const headerProblems: string[] = [];
  const counts = new Map<string, number>();
  const routes = new Map<string, Behaviour | ((n: number) => Behaviour)>([
    ['/api/oauth/usage', { kind: 'fixture', file: 'oauth-usage/usage.200.limits-array-2026-07.json' }],
    ['/api/oauth/profile', { kind: 'fixture', file: 'oauth-usage/profile.200.json' }],
  ]);
  const timers = new Set<NodeJS.Timeout>();
  const perToken = new Map<string, Map<string, Behaviour | ((n: number) => Behaviour)>>();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', path: pathname, headers: { ...req.headers }, at: opts.now?.() ?? Date.now() });
    const auth = String(req.headers.authorization ?? '');
    const theirs = perToken.get(auth.replace(/^Bearer /, ''));
    if (auth !== `Bearer ${token}` && !theirs) headerProblems.push(`${pathname}: wrong or missing Authorization`);
    if (req.headers['anthropic-beta'] !== 'oauth-2025-04-20')
      headerProblems.push(`${pathname}: anthropic-beta is ${String(req.headers['anthropic-beta'])}`);
    // Brimline names itself honestly, never as another client.
    if (!/^Brimline\/\d+\.\d+\.\d+ /.test(String(req.headers['user-agent'] ?? '')))
      headerProblems.push(`${pathname}: user-agent is ${String(req.headers['user-agent'])}`);
    const countKey = theirs ? `${auth} ${pathname}` : pathname;
    const n = (counts.get(countKey) ?? 0) + 1;
    counts.set(countKey, n);
    const r = theirs?.get(pathname) ?? routes.get(pathname);
    const b: Behaviour =
      r === undefined
        ? { kind: 'json', status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } }
        : typeof r === 'function'
          ? r(n)
          : r;
    serve(b, res, timers);
  };

  const server = await startLoopbackServer(handler, timers, opts.port ?? 0);
  return {
    url: server.url,
    port: server.port,
    requests,
    headerProblems,
    route(pathname, behaviour) {
      routes.set(pathname, behaviour);
    },
    routeForToken(other, pathname, behaviour) {
      const own = perToken.get(other) ?? new Map<string, Behaviour | ((n: number) => Behaviour)>();
      own.set(pathname, behaviour);
      perToken.set(other, own);
    },
    close: () => server.close(),
  };
}

/** Answers one request as `b` says; shared by the other loopback fakes. */
export function serve(b: Behaviour, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  switch (b.kind) {
    case 'json':
      res.writeHead(b.status ?? 200, { 'content-type': 'application/json', ...b.headers });
      res.end(JSON.stringify(b.body));
      return;
    case 'fixture':
      res.writeHead(b.status ?? 200, { 'content-type': 'application/json', ...b.headers });
      res.end(fixtureText(b.file));
      return;
    case 'text':
      res.writeHead(b.status ?? 200, { 'content-type': b.contentType ?? 'text/plain', ...b.headers });
      res.end(b.body);
      return;
    case 'stall':
      return;
    case 'slow': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const size = Math.ceil(b.body.length / b.chunks);
      let i = 0;
      const tick = (): void => {
        if (res.destroyed) return;
        res.write(b.body.slice(i * size, (i + 1) * size));
        i++;
        if (i >= b.chunks) res.end();
        else {
          const t = setTimeout(tick, b.delayMs);
          timers.add(t);
        }
      };
      tick();
      return;
    }
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json', ...(b.declareLength ? { 'content-length': String(b.bytes) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < b.bytes && !res.destroyed) {
          const n = Math.min(chunk.length, b.bytes - sent);
          sent += n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    case 'redirect':
      res.writeHead(b.status ?? 302, { location: b.location });
      res.end();
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    case 'delay': {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) serve(b.next, res, timers);
      }, b.ms);
      timers.add(t);
      return;
    }
  }
}
