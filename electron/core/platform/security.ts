/**
 * The shell's security rules as pure functions, so they are tested without Electron: the CSP, the
 * webPreferences every window gets, which URLs count as Brimline's own renderer, where navigation
 * may go, and how app:// requests map to files.
 */
import * as path from 'node:path';
import { isAllowedExternalUrl } from '../../../shared/ipc';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The renderer in production is served from this privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'brimline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type View = 'popover' | 'settings';

/** The subset of Electron's WebPreferences we set; declared here because core may not import electron. */
export interface SecureWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

export function secureWebPreferences(preload: string, devTools: boolean): SecureWebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

/** Where the renderer comes from: the electron-vite dev server (loopback only) or app://. */
export interface RendererOrigin {
  devServerUrl: string | null;
}

/** A dev server URL is honoured only on loopback, so a stray env var cannot load a remote page with the bridge. */
export function trustedDevServer(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return (u.protocol === 'http:' || u.protocol === 'https:') && loopback ? u.origin : null;
  } catch {
    return null;
  }
}

/** `part` picks a part of the view: the settings section (`#settings/accounts`). */
export function rendererUrl(view: View, origin: RendererOrigin, part?: string): string {
  const base = origin.devServerUrl ?? APP_ORIGIN;
  return `${base}/index.html#${view}${part === undefined ? '' : `/${encodeURIComponent(part)}`}`;
}

/** True for Brimline's own renderer page (any view), as reported by a sender frame or a navigation. */
export function isAppRendererUrl(raw: string | null | undefined, origin: RendererOrigin): boolean {
  if (!isAppOrigin(raw, origin)) return false;
  const { pathname } = new URL(raw!);
  return pathname === '/index.html' || pathname === '/';
}

export type NavigationDecision = { allow: true } | { allow: false; openExternally: string | null };

/**
 * In-app navigation may only switch views of our own page (hash changes). Anything else is denied;
 * an allowlisted https link is handed to the OS browser instead.
 */
export function decideNavigation(target: string, origin: RendererOrigin): NavigationDecision {
  if (isAppRendererUrl(target, origin)) return { allow: true };
  return { allow: false, openExternally: isAllowedExternalUrl(target) ? target : null };
}

/** window.open and target=_blank never create a window; allowlisted links open in the browser. */
export function decideWindowOpen(target: string): { openExternally: string | null } {
  return { openExternally: isAllowedExternalUrl(target) ? target : null };
}

/** True when `raw` (a URL or a bare origin such as "app://brimline") is Brimline's own origin. */
export function isAppOrigin(raw: string | null | undefined, origin: RendererOrigin): boolean {
  if (!raw) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  // Compared by parts: URL.origin is "null" for non-special schemes such as app://.
  const own = new URL(origin.devServerUrl ?? APP_ORIGIN);
  return u.protocol === own.protocol && u.host === own.host && u.username === '' && u.password === '';
}

/**
 * Every web permission is refused except writing to the clipboard from Brimline's own page: the
 * popover's Copy buttons use navigator.clipboard.writeText, which Chromium gates behind
 * 'clipboard-sanitized-write'. Reading the clipboard stays refused.
 */
export function decidePermission(permission: string, requesting: string | null | undefined, origin: RendererOrigin): boolean {
  return permission === 'clipboard-sanitized-write' && isAppOrigin(requesting, origin);
}

/** Response headers with our CSP, replacing any the server sent (header names are case-insensitive). */
export function withCsp(
  headers: Readonly<Record<string, string[] | string>> | undefined,
  csp = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** The dev server needs Vite's inline refresh preamble and its websocket; used only with a loopback dev server. */
export function devCsp(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'none'", `connect-src ${devServerOrigin} ${ws}`);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request to a file inside the renderer folder, or null. Rejects other hosts,
 * encoded traversal (`..%2f`), absolute paths and anything that resolves outside `rendererDir`.
 */
export function resolveAppAsset(requestUrl: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const full = path.resolve(root, '.' + path.posix.normalize(rel));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  if (rel.split('/').includes('..')) return null;
  return full;
}
