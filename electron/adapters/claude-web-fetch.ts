/**
 * The app's way to reach claude.ai: claude.ai sits behind Cloudflare, whose browser check a plain
 * HTTP client cannot pass. Each poll loads the API URLs in a hidden, sandboxed BrowserWindow whose
 * dedicated session partition carries the `sessionKey` cookie (and whatever clearance cookie
 * Cloudflare sets), then reads the body the page shows. The window lives for a poll and closes
 * after a short idle; the partition (and so the clearance) lives as long as the app. Its rules are
 * in electron/core/sources/claude-web/hidden-window.ts; everything else (which URLs, what the
 * answer means) lives in electron/core/sources/claude-web.
 */
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, hostOf, isAllowedRequestUrl, type HttpResult } from '../core/platform/net/http';
import type { ClaudeWebFetch, ClaudeWebRequest } from '../core/sources/claude-web/fetch-port';
import {
  CHALLENGE_WAIT_MS,
  HIDDEN_WINDOW_IDLE_MS,
  hiddenWindowMayNavigate,
  isChallenge,
  pageKey,
} from '../core/sources/claude-web/hidden-window';

/**
 * In memory only (no `persist:` prefix): the session key is a secret and must never land in
 * Chromium's cookie store on disk. The cost is a Cloudflare check again after each restart.
 */
export const CLAUDE_WEB_PARTITION = 'brimline-claude-web';

/**
 * Whether a webContents is the hidden claude.ai window. The app's own hardening (which refuses every
 * navigation away from the app and opens allowed https links in the browser) must skip it: it would
 * cancel claude.ai's redirects and open API URLs in the user's browser at each Cloudflare check.
 * Electron keeps one Session object per partition, so identity is the test.
 */
export function isClaudeWebContents(contents: WebContents): boolean {
  return contents.session === session.fromPartition(CLAUDE_WEB_PARTITION);
}

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
  /** Increases with every answer, so a load knows which answers came after it started. */
  seq: number;
}

export interface ElectronClaudeWebFetch {
  fetch: ClaudeWebFetch;
  /** Closes the hidden window (on quit, or when the source is switched off). */
  dispose(): void;
  /** Forgets the cookies (when the user removes the session key). */
  clear(): Promise<void>;
}

export interface ClaudeWebFetchOptions {
  baseUrl: string;
  timeoutMs?: number;
  idleMs?: number;
}

export function createElectronClaudeWebFetch(opts: ClaudeWebFetchOptions): ElectronClaudeWebFetch {
  const origin = new URL(opts.baseUrl).origin;
  const extraHosts = hostOf(opts.baseUrl);
  const ses: Session = session.fromPartition(CLAUDE_WEB_PARTITION);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  let win: BrowserWindow | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let cookieFor: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let seq = 0;
  const answers = new Map<string, MainFrameAnswer>();

  ses.webRequest.onCompleted({ urls: [`${origin}/*`] }, (details) => {
    if (details.resourceType !== 'mainFrame') return;
    const headers = new Headers();
    for (const [name, values] of Object.entries(details.responseHeaders ?? {})) for (const v of values) headers.append(name, v);
    answers.set(pageKey(details.url), { status: details.statusCode, headers, seq: ++seq });
  });

  function closeWindow(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (win && !win.isDestroyed()) win.destroy();
    win = null;
  }

  function window(): BrowserWindow {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
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

  /** The answer for `url`'s page that arrived after `since`, if any. */
  const answerSince = (url: string, since: number): MainFrameAnswer | null => {
    const a = answers.get(pageKey(url));
    return a && a.seq > since ? a : null;
  };

  async function load(url: string, req: ClaudeWebRequest): Promise<HttpResult> {
    if (!isAllowedRequestUrl(url, extraHosts)) return { kind: 'blocked_host', host: new URL(url).host };
    await ensureCookie(req.sessionKey);
    const w = window();
    const since = seq;
    try {
      await w.loadURL(url, {
        extraHeaders: Object.entries(req.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      });
    } catch (err) {
      // Chromium fails the load of an error status with an empty body (ERR_HTTP_RESPONSE_CODE_FAILURE),
      // yet the server did answer: its status is what the source needs (401: the key has expired).
      const answered = answerSince(url, since);
      if (answered) return { kind: 'response', status: answered.status, headers: answered.headers, text: '' };
      // A real network failure (ERR_NAME_NOT_RESOLVED, ERR_CONNECTION_REFUSED, …).
      return { kind: 'network', message: err instanceof Error ? err.message.split('\n')[0]!.slice(0, 120) : 'network error' };
    }
    let answer = answerSince(url, since);
    if (answer && isChallenge(answer.headers)) answer = await waitOutChallenge(w, () => answerSince(url, since));
    if (w.isDestroyed()) return { kind: 'aborted' };
    const body = (await w.webContents.executeJavaScript(READ_BODY, true)) as { type: string; text: string };
    if (Buffer.byteLength(body.text, 'utf8') > DEFAULT_MAX_BYTES) return { kind: 'too_large', limit: DEFAULT_MAX_BYTES };
    const headers = answer?.headers ?? new Headers();
    if (!headers.has('content-type') && body.type) headers.set('content-type', body.type);
    return { kind: 'response', status: answer?.status ?? 200, headers, text: body.text };
  }

  /** The window (one more renderer process) goes once a poll is over, not at the app's quit. */
  function closeWhenIdle(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(closeWindow, opts.idleMs ?? HIDDEN_WINDOW_IDLE_MS);
  }

  return {
    // One window, so one request at a time; the source issues them one after another anyway.
    fetch: (url, req) => {
      const next = queue.then(() =>
        withDeadline(
          () => load(url, req),
          req.signal,
          opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          () => win,
        ),
      );
      queue = next.catch(() => undefined).then(closeWhenIdle);
      return next;
    },
    dispose: closeWindow,
    async clear() {
      cookieFor = null;
      await ses.clearStorageData({ storages: ['cookies'] });
    },
  };
}

/** The hidden window with its own rules: claude.ai's redirects and the end of a Cloudflare check are followed; nothing else, and nothing opens in the browser. */
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
  const contents = win.webContents;
  // claude.ai's redirects and the navigation that ends a Cloudflare check stay inside claude.ai;
  // anything else is stopped here and never handed to the user's browser.
  const sameOriginOnly = (event: { url: string; preventDefault(): void }): void => {
    if (!hiddenWindowMayNavigate(event.url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', sameOriginOnly);
  contents.on('will-redirect', sameOriginOnly);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return win;
}

/** A Cloudflare check often passes by itself within seconds and navigates back to the API URL. */
async function waitOutChallenge(w: BrowserWindow, answerSince: () => MainFrameAnswer | null): Promise<MainFrameAnswer | null> {
  const deadline = Date.now() + CHALLENGE_WAIT_MS;
  for (;;) {
    const current = answerSince();
    if (current && !isChallenge(current.headers)) return current;
    const left = deadline - Date.now();
    if (left <= 0 || w.isDestroyed()) return current;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        w.webContents.removeListener('did-finish-load', done);
        resolve();
      };
      const timer = setTimeout(done, left);
      w.webContents.on('did-finish-load', done);
    });
  }
}

/** Runs one load with the request's deadline and cancellation; a load cut short stops the page. */
function withDeadline(
  load: () => Promise<HttpResult>,
  signal: AbortSignal,
  timeoutMs: number,
  currentWindow: () => BrowserWindow | null,
): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve) => {
    const finish = (r: HttpResult): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const stop = (r: HttpResult): void => {
      const win = currentWindow();
      if (win && !win.isDestroyed()) win.webContents.stop();
      finish(r);
    };
    const onAbort = (): void => stop({ kind: 'aborted' });
    const timer = setTimeout(() => stop({ kind: 'timeout' }), timeoutMs);
    if (signal.aborted) return stop({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    load().then(finish, (err: unknown) =>
      finish({ kind: 'network', message: err instanceof Error ? err.message.slice(0, 120) : 'network error' }),
    );
  });
}
