/**
 * The app's way to reach claude.ai: claude.ai sits behind Cloudflare, whose browser check a plain
 * HTTP client cannot pass. Each request loads the API URL in one hidden, sandboxed BrowserWindow
 * whose dedicated session partition carries the `sessionKey` cookie (and whatever clearance cookie
 * Cloudflare sets), then reads the body the page shows. Everything else (which URLs, what the
 * answer means) lives in electron/core/sources/claude-web.
 */
import { BrowserWindow, session, type Session } from 'electron';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, hostOf, isAllowedRequestUrl, type HttpResult } from '../core/platform/net/http';
import type { ClaudeWebFetch, ClaudeWebRequest } from '../core/sources/claude-web/fetch-port';

/**
 * In memory only (no `persist:` prefix): the session key is a secret and must never land in
 * Chromium's cookie store on disk. The cost is a Cloudflare check again after each restart.
 */
export const CLAUDE_WEB_PARTITION = 'brimline-claude-web';
/** How long a Cloudflare check may take to pass on its own before the page is read as it is. */
const CHALLENGE_WAIT_MS = 10_000;

/** Reads JSON from Chromium's plain-text view, or the whole document when it is an HTML page. */
const READ_BODY = `(() => {
  const type = document.contentType || '';
  if (/html/i.test(type)) return { type, text: document.documentElement ? document.documentElement.outerHTML : '' };
  const pre = document.querySelector('body > pre');
  return { type, text: pre ? pre.textContent || '' : document.body ? document.body.innerText : '' };
})()`;

interface MainFrameAnswer {
  status: number;
  headers: Headers;
}

export interface ElectronClaudeWebFetch {
  fetch: ClaudeWebFetch;
  /** Closes the hidden window (on quit, or when the source is switched off). */
  dispose(): void;
  /** Forgets the cookies (when the user removes the session key). */
  clear(): Promise<void>;
}

export function createElectronClaudeWebFetch(opts: { baseUrl: string; timeoutMs?: number }): ElectronClaudeWebFetch {
  const origin = new URL(opts.baseUrl).origin;
  const extraHosts = hostOf(opts.baseUrl);
  const ses: Session = session.fromPartition(CLAUDE_WEB_PARTITION);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  let win: BrowserWindow | null = null;
  let cookieFor: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const answers = new Map<string, MainFrameAnswer>();

  ses.webRequest.onCompleted({ urls: [`${origin}/*`] }, (details) => {
    if (details.resourceType !== 'mainFrame') return;
    const headers = new Headers();
    for (const [name, values] of Object.entries(details.responseHeaders ?? {})) for (const v of values) headers.append(name, v);
    answers.set(details.url, { status: details.statusCode, headers });
  });

  function window(): BrowserWindow {
    if (win && !win.isDestroyed()) return win;
    win = createHiddenWindow(origin);
    return win;
  }

  async function ensureCookie(key: string): Promise<void> {
    if (cookieFor === key) return;
    await ses.cookies.set({
      url: origin,
      name: 'sessionKey',
      value: key,
      secure: origin.startsWith('https:'),
      httpOnly: true,
      sameSite: 'lax',
      // A session cookie: it lives as long as this in-memory partition, never on disk.
    });
    cookieFor = key;
  }

  async function load(url: string, req: ClaudeWebRequest): Promise<HttpResult> {
    if (!isAllowedRequestUrl(url, extraHosts)) return { kind: 'blocked_host', host: new URL(url).host };
    await ensureCookie(req.sessionKey);
    const w = window();
    answers.delete(url);
    try {
      await w.loadURL(url, {
        extraHeaders: Object.entries(req.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      });
    } catch (err) {
      // loadURL rejects on network failures (ERR_NAME_NOT_RESOLVED, ERR_CONNECTION_REFUSED, …).
      return { kind: 'network', message: err instanceof Error ? err.message.split('\n')[0]!.slice(0, 120) : 'network error' };
    }
    let answer = answers.get(url) ?? null;
    if (answer?.headers.get('cf-mitigated')?.toLowerCase() === 'challenge') {
      await challengePassedOrTimeout(w);
      answer = answers.get(url) ?? answer;
    }
    const body = (await w.webContents.executeJavaScript(READ_BODY, true)) as { type: string; text: string };
    if (Buffer.byteLength(body.text, 'utf8') > DEFAULT_MAX_BYTES) return { kind: 'too_large', limit: DEFAULT_MAX_BYTES };
    const headers = answer?.headers ?? new Headers();
    if (!headers.has('content-type') && body.type) headers.set('content-type', body.type);
    return { kind: 'response', status: answer?.status ?? 200, headers, text: body.text };
  }

  function withDeadline(url: string, req: ClaudeWebRequest): Promise<HttpResult> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<HttpResult>((resolve) => {
      const finish = (r: HttpResult): void => {
        clearTimeout(timer);
        req.signal.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const stop = (r: HttpResult): void => {
        if (win && !win.isDestroyed()) win.webContents.stop();
        finish(r);
      };
      const onAbort = (): void => stop({ kind: 'aborted' });
      const timer = setTimeout(() => stop({ kind: 'timeout' }), timeoutMs);
      if (req.signal.aborted) return stop({ kind: 'aborted' });
      req.signal.addEventListener('abort', onAbort, { once: true });
      load(url, req).then(finish, (err: unknown) =>
        finish({ kind: 'network', message: err instanceof Error ? err.message.slice(0, 120) : 'network error' }),
      );
    });
  }

  return {
    // One window, so one request at a time; the source issues them one after another anyway.
    fetch: (url, req) => {
      const next = queue.then(() => withDeadline(url, req));
      queue = next.catch(() => undefined);
      return next;
    },
    dispose() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
    async clear() {
      cookieFor = null;
      await ses.clearStorageData({ storages: ['cookies'] });
    },
  };
}

/** The hidden, sandboxed window on the claude.ai partition: it may only stay on claude.ai. */
function createHiddenWindow(origin: string): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    width: 800,
    height: 600,
    webPreferences: {
      partition: CLAUDE_WEB_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      backgroundThrottling: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  return win;
}

/** A Cloudflare check often passes by itself within seconds and reloads the page: wait for that, or for CHALLENGE_WAIT_MS. */
function challengePassedOrTimeout(w: BrowserWindow): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CHALLENGE_WAIT_MS);
    w.webContents.once('did-finish-load', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
