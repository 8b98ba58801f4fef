/**
 * How the claude.ai source reaches claude.ai. claude.ai sits behind Cloudflare, so the app fetches
 * through a hidden BrowserWindow whose session partition carries the cookie
 * (electron/adapters/claude-web-fetch.ts); the CLI and the tests use Node's fetch with a Cookie
 * header. Both answer with the same HttpResult as every other source.
 */
import { httpGet, type HttpResult } from '../../platform/net/http';
import { USER_AGENT } from '../../platform/net/user-agent';

export interface ClaudeWebRequest {
  /** The pasted `sessionKey` cookie value. Never logged, never part of a result. */
  sessionKey: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export type ClaudeWebFetch = (url: string, req: ClaudeWebRequest) => Promise<HttpResult>;

export interface NodeClaudeWebFetchOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Hosts allowed besides claude.ai (the BRIMLINE_CLAUDE_WEB_URL override). */
  extraHosts?: readonly string[];
}

export function createNodeClaudeWebFetch(opts: NodeClaudeWebFetchOptions = {}): ClaudeWebFetch {
  return (url, req) =>
    httpGet(url, {
      // The app's hidden window sends Electron's own user agent, which names Brimline too.
      headers: { ...req.headers, 'User-Agent': USER_AGENT, Cookie: `sessionKey=${req.sessionKey}` },
      fetch: opts.fetch,
      signal: req.signal,
      timeoutMs: opts.timeoutMs,
      extraHosts: opts.extraHosts,
    });
}
