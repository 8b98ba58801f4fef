import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { MockClientRequest, net, resetElectronMock } from './electron-mock';
import { createNetFetch } from '../../../electron/adapters/net-fetch';
import { chromiumErrorCode, nodeCodeForChromium } from '../../../electron/core/platform/net/chromium-errors';
import { httpGet } from '../../../electron/core/platform/net/http';

const URL_USAGE = 'https://api.anthropic.com/api/oauth/usage';

describe('net fetch (Electron net.request as fetch)', () => {
  beforeEach(() => resetElectronMock());
  afterEach(() => vi.useRealTimers());

  it('returns status, headers and body, sends the headers, and keeps answers out of the cache and cookie jar', async () => {
    net.script = () => ({
      kind: 'response',
      status: 200,
      headers: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] },
      body: '{"ok":true}',
    });
    const res = await httpGet(URL_USAGE, { headers: { Authorization: 'Bearer t' }, fetch: createNetFetch() });
    expect(res).toMatchObject({ kind: 'response', status: 200, text: '{"ok":true}' });
    if (res.kind === 'response') {
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    }
    const req = MockClientRequest.instances[0]!;
    expect(req.options).toMatchObject({
      method: 'GET',
      url: URL_USAGE,
      redirect: 'manual',
      cache: 'no-store',
      credentials: 'omit',
      useSessionCookies: false,
    });
    expect(req.options.headers).toEqual({ authorization: 'Bearer t' });
  });

  it('reports a redirect with its status and Location instead of following it or failing', async () => {
    net.script = () => ({ kind: 'redirect', status: 302, location: 'https://claude.ai/login' });
    const res = await httpGet('https://claude.ai/api/organizations', { headers: {}, fetch: createNetFetch() });
    expect(res).toEqual({ kind: 'redirect', status: 302, location: 'https://claude.ai/login' });
    const req = MockClientRequest.instances[0]!;
    expect(req.followed).toBe(false);
    expect(req.aborted).toBe(true);
  });

  it('maps Chromium network errors to the messages http.ts gives users', async () => {
    const cases: [string, string][] = [
      ['net::ERR_NAME_NOT_RESOLVED', 'the server name could not be resolved (offline?)'],
      ['net::ERR_INTERNET_DISCONNECTED', 'the server name could not be resolved (offline?)'],
      ['net::ERR_CONNECTION_REFUSED', 'the server refused the connection'],
      ['net::ERR_CONNECTION_RESET', 'the connection was reset'],
      ['net::ERR_PROXY_CONNECTION_FAILED', 'network error (ERR_PROXY_CONNECTION_FAILED)'],
      ['net::ERR_CERT_AUTHORITY_INVALID', 'network error (ERR_CERT_AUTHORITY_INVALID)'],
      ['something odd', 'network error'],
    ];
    for (const [message, expected] of cases) {
      net.script = () => ({ kind: 'error', message });
      expect(await httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch() })).toEqual({ kind: 'network', message: expected });
    }
    expect(chromiumErrorCode('Error: net::ERR_TIMED_OUT')).toBe('ERR_TIMED_OUT');
    expect(chromiumErrorCode('ERR_TIMED_OUT without prefix')).toBeNull();
    expect(nodeCodeForChromium('ERR_TIMED_OUT')).toBe('ERR_TIMED_OUT');
  });

  it('caps the body while streaming', async () => {
    const chunk = new Uint8Array(600).fill(65);
    net.script = () => ({ kind: 'response', status: 200, body: Array.from({ length: 200 }, () => chunk) });
    expect(await httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch(), maxBytes: 1000 })).toEqual({ kind: 'too_large', limit: 1000 });
    // The rest of the body is not downloaded: the request is aborted once the reader cancels.
    await vi.waitFor(() => expect(MockClientRequest.instances[0]!.aborted).toBe(true));
    net.script = () => ({ kind: 'response', status: 200, headers: { 'content-length': '5000' }, body: 'x' });
    expect(await httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch(), maxBytes: 1000 })).toEqual({ kind: 'too_large', limit: 1000 });
  });

  it('a connection that drops mid-body is a network error, not a truncated answer', async () => {
    net.script = () => ({
      kind: 'response',
      status: 200,
      body: [new TextEncoder().encode('{"five_hour":')],
      bodyError: 'net::ERR_CONNECTION_RESET',
    });
    expect(await httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch() })).toEqual({
      kind: 'network',
      message: 'the connection was reset',
    });
  });

  it('times out a request that never answers and aborts it; a caller abort is reported as such', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    net.script = () => ({ kind: 'hang' });
    const pending = httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch(), timeoutMs: 15_000 });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pending).toEqual({ kind: 'timeout' });
    expect(MockClientRequest.instances[0]!.aborted).toBe(true);

    const caller = new AbortController();
    const second = httpGet(URL_USAGE, { headers: {}, fetch: createNetFetch(), signal: caller.signal });
    caller.abort();
    expect(await second).toEqual({ kind: 'aborted' });
    expect(MockClientRequest.instances[1]!.aborted).toBe(true);
  });

  it('refuses methods it is not built for, and answers 204 without a body', async () => {
    const f = createNetFetch();
    await expect(f(URL_USAGE, { method: 'POST', body: 'x' })).rejects.toThrow(/GET and HEAD only/);
    expect(MockClientRequest.instances).toHaveLength(0);
    net.script = () => ({ kind: 'response', status: 204 });
    const res = await f(URL_USAGE);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
});
