/**
 * The hidden-BrowserWindow fetch for claude.ai, under the Electron mock, whose windows load pages
 * in Electron's event order (will-navigate only for page-initiated navigations, will-redirect for
 * server redirects, webRequest onCompleted, then did-finish-load or a failed load). The body-reading
 * script runs for real against the mock document.
 */
import { failure } from '../../support/poll-result';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BrowserWindow, resetElectronMock, session, shell, web } from './electron-mock';
import { CLAUDE_WEB_PARTITION, createElectronClaudeWebFetch, isClaudeWebContents } from '../../../electron/adapters/claude-web-fetch';
import { hardenAllWebContents } from '../../../electron/adapters/session-hardening';
import { nullLogger } from '../../../electron/core/platform/log';
import { BROWSER_CHECK_MESSAGE, createClaudeWebSource } from '../../../electron/core/sources/claude-web/source';
import { CHALLENGE_HTML } from '../../support/fake-claude-web';

const BASE = 'https://claude.ai';
const KEY = 'sk-ant-sid01-TEST-adapter-key';
const ORG = '631972a6-f5c1-452a-838f-e7713f861d09';
const fixture = (f: string) => readFileSync(path.resolve(__dirname, '../../fixtures/claude-ai', f), 'utf8');
const json = (text: string, status = 200) => ({
  status,
  headers: { 'content-type': ['application/json'] },
  contentType: 'application/json',
  text,
});
const req = (signal = new AbortController().signal) => ({ sessionKey: KEY, headers: { Accept: 'application/json' }, signal });

const challenge = {
  status: 403,
  headers: { 'cf-mitigated': ['challenge'], 'content-type': ['text/html'] },
  contentType: 'text/html',
  text: CHALLENGE_HTML,
};
const hidden = (): BrowserWindow => BrowserWindow.instances.find((w) => !w.isDestroyed())!;
const jar = () => session.fromPartition(CLAUDE_WEB_PARTITION).cookieJar;

beforeEach(() => resetElectronMock());

describe('claude.ai fetch through a hidden BrowserWindow', () => {
  it('carries the key as a cookie of its own partition and feeds the source end to end', async () => {
    web.pages.set(`${BASE}/api/organizations`, [json(fixture('organizations.200.json'))]);
    web.pages.set(`${BASE}/api/organizations/${ORG}/usage`, [json(fixture('org-usage.200.2026-07.json'))]);
    web.pages.set(`${BASE}/api/organizations/${ORG}/overage_spend_limit`, [json(fixture('overage_spend_limit.200.json'))]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    const source = createClaudeWebSource({ baseUrl: BASE, fetch: port.fetch, getSecret: async () => KEY });
    const r = await source.poll({ signal: new AbortController().signal, now: () => Date.parse('2026-07-02T20:00:00Z') });
    expect(r.ok && r.data.windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day', 'weekly_model:fable']);
    expect(r.ok && r.data.extraUsage).toMatchObject({ used: 12, limit: 50 });

    expect([...session.partitions.keys()]).toEqual([CLAUDE_WEB_PARTITION]);
    expect(jar()).toEqual([expect.objectContaining({ url: BASE, name: 'sessionKey', value: KEY, secure: true, httpOnly: true })]);
    // The key is a secret: an in-memory partition (no "persist:") and a session cookie keep it off the disk.
    expect(CLAUDE_WEB_PARTITION.startsWith('persist:')).toBe(false);
    expect(jar()[0]).not.toHaveProperty('expirationDate');
    expect(BrowserWindow.instances).toHaveLength(1);
    const w = BrowserWindow.instances[0]!;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({
      partition: CLAUDE_WEB_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    port.dispose();
    expect(w.isDestroyed()).toBe(true);
    await port.clear();
    expect(jar()).toEqual([]);
  });

  it('passes a Cloudflare check that ends by navigating back with a query and a redirect, with the app hardening on', async () => {
    // The app hardens every webContents it creates; the hidden window must keep its own rules.
    hardenAllWebContents({ devServerUrl: null }, nullLogger, isClaudeWebContents);
    const url = `${BASE}/api/organizations`;
    const back = `${url}?__cf_chl_tk=abc123`;
    web.pages.set(url, [challenge, json('[]')]);
    web.pages.set(back, [{ redirect: url, status: 302 }]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    const pending = port.fetch(url, req());
    await vi.waitFor(() => expect(web.requested).toEqual([url]));
    // The check's script passes and navigates back; claude.ai answers with a redirect to the clean URL.
    await new Promise((r) => setTimeout(r, 10));
    hidden().webContents.navigateFromPage(back);
    expect(await pending).toMatchObject({ kind: 'response', status: 200, text: '[]' });
    expect(web.requested).toEqual([url, back, url]);
    expect(shell.opened).toEqual([]);
  });

  it('keeps to claude.ai: a redirect or navigation elsewhere is stopped and never opened in the browser', async () => {
    hardenAllWebContents({ devServerUrl: null }, nullLogger, isClaudeWebContents);
    const url = `${BASE}/api/organizations`;
    web.pages.set(url, [{ redirect: 'https://www.anthropic.com/login?from=api' }]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    const r = await port.fetch(url, req());
    expect(r.kind).toBe('network');
    expect(web.requested).toEqual([url]);

    web.pages.set(url, [json('[]')]);
    expect(await port.fetch(url, req())).toMatchObject({ kind: 'response', status: 200 });
    hidden().webContents.navigateFromPage('https://claude.ai.example/phish');
    expect(hidden().webContents.windowOpenHandler?.({ url: 'https://claude.ai/new' })).toEqual({ action: 'deny' });
    expect(web.requested).toEqual([url, url]);
    expect(shell.opened).toEqual([]);
  });

  it('the app hardening alone would cancel the check and open claude.ai in the browser (why the window is exempt)', () => {
    hardenAllWebContents({ devServerUrl: null }, nullLogger);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    web.pages.set(`${BASE}/api/organizations`, [json('[]')]);
    void port.fetch(`${BASE}/api/organizations`, req());
    return vi.waitFor(() => {
      hidden().webContents.navigateFromPage(`${BASE}/api/organizations?__cf_chl_tk=1`);
      expect(shell.opened).toEqual([`${BASE}/api/organizations?__cf_chl_tk=1`]);
      expect(isClaudeWebContents(hidden().webContents as never)).toBe(true);
      expect(isClaudeWebContents(new BrowserWindow({}).webContents as never)).toBe(false);
    });
  });

  it('an error status with an empty body is that status, not a network failure', async () => {
    web.pages.set(`${BASE}/api/organizations`, [{ status: 401, headers: {}, contentType: 'text/plain', text: '' }]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    expect(await port.fetch(`${BASE}/api/organizations`, req())).toMatchObject({ kind: 'response', status: 401, text: '' });
    const source = createClaudeWebSource({ baseUrl: BASE, fetch: port.fetch, getSecret: async () => KEY });
    const polled = await source.poll({ signal: new AbortController().signal, now: () => 0 });
    expect(failure(polled).error.code).not.toBe('network');
  });

  it('opens the window for a poll and closes it after a short idle; a later poll opens a new one', async () => {
    vi.useFakeTimers();
    try {
      web.pages.set(`${BASE}/api/organizations`, [json('[]')]);
      const port = createElectronClaudeWebFetch({ baseUrl: BASE, idleMs: 30_000 });
      await port.fetch(`${BASE}/api/organizations`, req());
      await port.fetch(`${BASE}/api/organizations`, req());
      expect(BrowserWindow.instances.map((w) => w.isDestroyed())).toEqual([false]);
      await vi.advanceTimersByTimeAsync(29_000);
      expect(BrowserWindow.instances[0]!.isDestroyed()).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
      await port.fetch(`${BASE}/api/organizations`, req());
      expect(BrowserWindow.instances.map((w) => w.isDestroyed())).toEqual([true, false]);
      // The partition, and with it the cookie and any clearance, outlives the window.
      expect(jar()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads a challenge page as HTML with its status when the check does not pass', async () => {
    const url = `${BASE}/api/organizations`;
    web.pages.set(url, [challenge]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    vi.useFakeTimers();
    try {
      const stuck = port.fetch(url, req());
      await vi.advanceTimersByTimeAsync(10_000);
      const res = await stuck;
      expect(res.kind === 'response' && [res.status, res.headers.get('cf-mitigated'), res.text.includes('Just a moment')]).toEqual([
        403,
        'challenge',
        true,
      ]);
    } finally {
      vi.useRealTimers();
    }
    // And the source turns it into the browser-check message.
    const source = createClaudeWebSource({ baseUrl: BASE, fetch: port.fetch, getSecret: async () => KEY });
    web.pages.set(url, [{ ...challenge, headers: { 'content-type': ['text/html'] } }]);
    const polled = await source.poll({ signal: new AbortController().signal, now: () => 0 });
    expect(failure(polled).error.message).toBe(BROWSER_CHECK_MESSAGE);
  });

  it('refuses other hosts, reports load failures, times out and honours cancellation', async () => {
    const port = createElectronClaudeWebFetch({ baseUrl: BASE, timeoutMs: 1000 });
    expect(await port.fetch('https://evil.example/api', req())).toEqual({ kind: 'blocked_host', host: 'evil.example' });
    expect(web.requested).toEqual([]);

    web.unreachable.add('https://unreachable.test');
    const viaOverride = createElectronClaudeWebFetch({ baseUrl: 'https://unreachable.test' });
    const net = await viaOverride.fetch('https://unreachable.test/api/organizations', req());
    expect(net.kind).toBe('network');

    // A page that never finishes loading.
    const never = vi.spyOn(BrowserWindow.prototype, 'loadURL').mockImplementation(() => new Promise<void>(() => undefined));
    vi.useFakeTimers();
    try {
      const slow = port.fetch(`${BASE}/api/organizations`, req());
      await vi.advanceTimersByTimeAsync(1000);
      expect(await slow).toEqual({ kind: 'timeout' });
      const ac = new AbortController();
      const cancelled = port.fetch(`${BASE}/api/organizations`, req(ac.signal));
      await vi.advanceTimersByTimeAsync(1);
      ac.abort();
      expect(await cancelled).toEqual({ kind: 'aborted' });
      expect(BrowserWindow.instances.at(-1)!.webContents.stopped).toBe(2);
    } finally {
      vi.useRealTimers();
      never.mockRestore();
    }
  });
});
