/**
 * One guarded HTTP GET for every source: host allowlist, no redirects followed, a timeout, a body
 * size cap (read as a stream, never buffered whole), and a result the caller can map to user states
 * without try/catch.
 */

export const ALLOWED_API_HOSTS: readonly string[] = ['api.anthropic.com', 'claude.ai'];
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type HttpResult =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'too_large'; limit: number }
  | { kind: 'network'; message: string }
  | { kind: 'blocked_host'; host: string };

export interface GetOptions {
  headers: Record<string, string>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Extra hosts allowed besides api.anthropic.com and claude.ai (the base-URL override). */
  extraHosts?: readonly string[];
}

export function isAllowedRequestUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (extraHosts.includes(url.host) || extraHosts.includes(url.hostname)) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && ALLOWED_API_HOSTS.includes(url.hostname) && (url.port === '' || url.port === '443');
}

/** The host of a base-URL override, for `extraHosts`. */
export function hostOf(base: string): string[] {
  try {
    const u = new URL(base);
    return [u.host];
  } catch {
    return [];
  }
}

export async function httpGet(url: string, opts: GetOptions): Promise<HttpResult> {
  if (!isAllowedRequestUrl(url, opts.extraHosts)) {
    let host = '(invalid URL)';
    try {
      host = new URL(url).host;
    } catch {
      /* keep placeholder */
    }
    return { kind: 'blocked_host', host };
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const doFetch = opts.fetch ?? fetch;
  try {
    const res = await doFetch(url, { method: 'GET', headers: opts.headers, redirect: 'manual', signal });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'redirect', status: res.status, location: res.headers.get('location') };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'too_large', limit: maxBytes };
    }
    const text = await readCapped(res, maxBytes);
    if (text === null) return { kind: 'too_large', limit: maxBytes };
    return { kind: 'response', status: res.status, headers: res.headers, text };
  } catch (err) {
    if (timeout.aborted) return { kind: 'timeout' };
    if (opts.signal?.aborted) return { kind: 'aborted' };
    return { kind: 'network', message: describeNetworkError(err) };
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : null;
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the server name could not be resolved (offline?)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code) return `network error (${code})`;
  return 'network error';
}

/** Retry-After as milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return null;
  const secs = Number(raw.trim());
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export function looksLikeHtml(text: string, headers?: Headers): boolean {
  const type = headers?.get('content-type') ?? '';
  if (/text\/html/i.test(type)) return true;
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
}
