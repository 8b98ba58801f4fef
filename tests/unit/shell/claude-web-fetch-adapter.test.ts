/**
 * The hidden-BrowserWindow fetch for claude.ai, against a small stand-in for the Electron pieces it
 * uses (a session partition with cookies and webRequest, a window that "loads" canned pages). The
 * body-reading script runs for real against a fake document.
 */
import { failure } from '../../support/poll-result';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  interface Page {
    status: number;
    headers: Record<string, string[]>;
    contentType: string;
    text: string;
  }
  type Completed = (d: { url: string; resourceType: string; statusCode: number; responseHeaders: Record<string, string[]> }) => void;
  const state = {
    pages: new Map<string, Page[]>(),
    cookies: [] as Array<{ url: string; name: string; value: string; secure?: boolean; httpOnly?: boolean }>,
    partitions: [] as string[],
    windows: [] as FakeWindow[],
    loads: [] as string[],
    cleared: 0,
    completed: null as Completed | null,
    /** When set, loadURL never settles (a page that hangs). */
    hang: false,
  };
  class FakeContents {
    private doc: { contentType: string; text: string } = { contentType: 'text/html', text: '' };
    private finishLoad: Array<() => void> = [];
    readonly handlers = new Map<string, (...args: unknown[]) => void>();
    constructor(private readonly owner: FakeWindow) {}
    setWindowOpenHandler(): void {}
    on(event: string, l: (...args: unknown[]) => void): void {
      this.handlers.set(event, l);
    }
    once(event: string, l: () => void): void {
      if (event === 'did-finish-load') this.finishLoad.push(l);
    }
    stop(): void {}
    show(url: string): void {
      const queue = state.pages.get(url) ?? [];
      const page =
        queue.length > 1 ? queue.shift()! : (queue[0] ?? { status: 404, headers: {}, contentType: 'text/html', text: '<html>404</html>' });
      state.completed?.({ url, resourceType: 'mainFrame', statusCode: page.status, responseHeaders: page.headers });
      this.doc = { contentType: page.contentType, text: page.text };
    }
    /** The page reloads by itself (a Cloudflare check that passed). */
    reload(url: string): void {
      this.show(url);
      for (const l of this.finishLoad.splice(0)) l();
    }
    async executeJavaScript(code: string): Promise<unknown> {
      const { contentType, text } = this.doc;
      const html = /html/i.test(contentType);
      const document = {
        contentType,
        documentElement: { outerHTML: html ? text : `<html><body><pre>${text}</pre></body></html>` },
        querySelector: (sel: string) => (sel === 'body > pre' && !html ? { textContent: text } : null),
        body: { innerText: text },
      };
      return new Function('document', `return ${code}`)(document) as unknown;
    }
    get window(): FakeWindow {
      return this.owner;
    }
  }
  class FakeWindow {
    destroyed = false;
    readonly webContents = new FakeContents(this);
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      state.windows.push(this);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
    async loadURL(url: string): Promise<void> {
      state.loads.push(url);
      if (state.hang) return new Promise<void>(() => undefined);
      if (url.includes('unreachable')) throw new Error("ERR_NAME_NOT_RESOLVED (-105) loading 'https://unreachable'");
      this.webContents.show(url);
    }
  }
  const ses = {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    cookies: { set: async (c: (typeof state.cookies)[number]) => void state.cookies.push(c) },
    webRequest: { onCompleted: (_filter: unknown, l: Completed) => void (state.completed = l) },
    clearStorageData: async () => void state.cleared++,
  };
  return {
    state,
    FakeWindow,
    reset(): void {
      state.pages.clear();
      state.cookies.length = 0;
      state.partitions.length = 0;
      state.windows.length = 0;
      state.loads.length = 0;
      state.cleared = 0;
      state.completed = null;
      state.hang = false;
    },
    electron: {
      BrowserWindow: FakeWindow,
      session: { fromPartition: (p: string) => (state.partitions.push(p), ses) },
    },
  };
});

vi.mock('electron', () => fake.electron);

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAUDE_WEB_PARTITION, createElectronClaudeWebFetch } from '../../../electron/adapters/claude-web-fetch';
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

beforeEach(() => fake.reset());

describe('claude.ai fetch through a hidden BrowserWindow', () => {
  it('carries the key as a cookie of its own partition and feeds the source end to end', async () => {
    fake.state.pages.set(`${BASE}/api/organizations`, [json(fixture('organizations.200.json'))]);
    fake.state.pages.set(`${BASE}/api/organizations/${ORG}/usage?cedar_ember=1`, [json(fixture('org-usage.200.2026-07.json'))]);
    fake.state.pages.set(`${BASE}/api/organizations/${ORG}/overage_spend_limit`, [json(fixture('overage_spend_limit.200.json'))]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    const source = createClaudeWebSource({ baseUrl: BASE, fetch: port.fetch, getSecret: async () => KEY });
    const r = await source.poll({ signal: new AbortController().signal, now: () => Date.parse('2026-07-02T20:00:00Z') });
    expect(r.ok && r.data.windows.map((w) => w.id)).toEqual(['five_hour', 'seven_day', 'weekly_model:fable']);
    expect(r.ok && r.data.extraUsage).toMatchObject({ used: 12, limit: 50 });

    expect(fake.state.partitions).toEqual([CLAUDE_WEB_PARTITION]);
    expect(fake.state.cookies).toEqual([
      expect.objectContaining({ url: BASE, name: 'sessionKey', value: KEY, secure: true, httpOnly: true }),
    ]);
    // The key is a secret: an in-memory partition (no "persist:") and a session cookie keep it off the disk.
    expect(CLAUDE_WEB_PARTITION.startsWith('persist:')).toBe(false);
    expect(fake.state.cookies[0]).not.toHaveProperty('expirationDate');
    expect(fake.state.windows).toHaveLength(1);
    const w = fake.state.windows[0]!;
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
    expect(fake.state.cleared).toBe(1);
  });

  it('reads a challenge page as HTML with its status, and waits for a check that passes by itself', async () => {
    const url = `${BASE}/api/organizations`;
    const challenge = {
      status: 403,
      headers: { 'cf-mitigated': ['challenge'], 'content-type': ['text/html'] },
      contentType: 'text/html',
      text: CHALLENGE_HTML,
    };
    fake.state.pages.set(url, [challenge, json('[]')]);
    const port = createElectronClaudeWebFetch({ baseUrl: BASE });
    const pending = port.fetch(url, req());
    await vi.waitFor(() => expect(fake.state.loads).toHaveLength(1));
    fake.state.windows[0]!.webContents.reload(url);
    const r = await pending;
    expect(r).toMatchObject({ kind: 'response', status: 200, text: '[]' });

    fake.state.pages.set(url, [challenge]);
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
    fake.state.pages.set(url, [{ ...challenge, headers: { 'content-type': ['text/html'] } }]);
    const polled = await source.poll({ signal: new AbortController().signal, now: () => 0 });
    expect(failure(polled).error.message).toBe(BROWSER_CHECK_MESSAGE);
  });

  it('refuses other hosts, reports load failures, times out and honours cancellation', async () => {
    const port = createElectronClaudeWebFetch({ baseUrl: BASE, timeoutMs: 1000 });
    expect(await port.fetch('https://evil.example/api', req())).toEqual({ kind: 'blocked_host', host: 'evil.example' });
    expect(fake.state.loads).toEqual([]);

    const viaOverride = createElectronClaudeWebFetch({ baseUrl: 'https://unreachable.test' });
    const net = await viaOverride.fetch('https://unreachable.test/api/organizations', req());
    expect(net.kind).toBe('network');

    fake.state.hang = true;
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
    } finally {
      vi.useRealTimers();
    }
  });
});
