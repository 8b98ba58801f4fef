/**
 * Electron hardening, as generated checks on top of the shell's example-based unit tests
 * (tests/unit/shell): every window the shell creates is sandboxed; the production CSP allows
 * nothing remote or inline; thousands of generated URLs never navigate away, open a window, reach
 * the OS browser off the allowlist, or pass as our own page to IPC; every channel refuses foreign
 * senders and invalid payloads; every permission is denied.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../unit/shell/electron-mock'));

import * as electronMock from '../unit/shell/electron-mock';
import { registerIpcHandlers, type IpcHandlers } from '../../electron/adapters/ipc';
import { hardenSession, hardenWebContents } from '../../electron/adapters/session-hardening';
import { WindowManager } from '../../electron/adapters/windows';
import { CONTENT_SECURITY_POLICY, decideNavigation, decideWindowOpen, isAppRendererUrl } from '../../electron/core/platform/security';
import { nullLogger } from '../../electron/core/platform/log';
import { EXTERNAL_HOSTS, isAllowedExternalUrl } from '../../shared/ipc';
import { INVOKE_CHANNELS } from '../../electron/core/app/ipc-schemas';
import { byProfile, recordFigure } from './report';

const URL_RUNS = byProfile(20_000, 5_000);
const origin = { devServerUrl: null };

/** URLs aimed at the rules: our scheme with tricks, allowlisted hosts over other schemes, lookalikes. */
const trickyUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('https', 'http', 'app', 'file', 'javascript', 'data', 'ws', 'chrome', 'devtools', 'HTTPS'),
      fc.constantFrom(...EXTERNAL_HOSTS, 'brimline', 'claude.ai.evil.com', 'evil.com', 'xn--claude-9ya.ai', '127.0.0.1', ''),
      fc.constantFrom('', ':443', ':8443', ':0'),
      fc.constantFrom('', '/', '/index.html', '/../index.html', '/%2e%2e/x', '//evil.com', '/index.html#popover'),
      fc.constantFrom('', 'user:pw@', 'claude.ai@'),
    )
    .map(([scheme, host, port, p, cred]) => `${scheme}://${cred}${host}${port}${p}`),
  fc.string({ maxLength: 60 }),
);

describe('Electron hardening, generated', () => {
  beforeEach(() => electronMock.resetElectronMock());

  it('every window the shell creates is sandboxed and isolated, without Node', () => {
    const wm = new WindowManager({ preload: '/p.cjs', origin, platform: 'linux', devTools: false });
    wm.preload();
    wm.openSettings();
    const wins = electronMock.BrowserWindow.instances;
    expect(wins.length).toBe(2);
    let checks = 0;
    for (const w of wins) {
      const wp = w.options.webPreferences as Record<string, unknown>;
      for (const [k, v] of Object.entries({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      })) {
        expect(wp[k], k).toBe(v);
        checks++;
      }
      expect(w.loadedUrl).toMatch(/^app:\/\/brimline\/index\.html#/);
    }
    recordFigure({
      section: 'hardening',
      name: 'window options',
      tried: checks,
      bad: 0,
      detail: `${wins.length} windows: sandbox, contextIsolation, no Node, no webview, app:// page`,
    });
  });

  it('the production CSP allows nothing remote, inline or evaluated', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    for (const [k, v] of directives) for (const src of v) expect(`${k} ${src}`).not.toMatch(/unsafe|\*|https?:|ws:/);
    const session = new electronMock.MockSession();
    hardenSession(session as never, origin);
    let headers: Record<string, string[]> = {};
    session.headers!({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    recordFigure({
      section: 'hardening',
      name: 'CSP',
      tried: directives.size + 1,
      bad: 0,
      detail: "default-src 'none', no unsafe-*, no remote source; replaces any server CSP",
    });
  });

  it('every permission request and check is denied, except clipboard writes from our own page', () => {
    const session = new electronMock.MockSession();
    hardenSession(session as never, origin);
    const perms = [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'idle-detection',
      'storage-access',
      'window-management',
      'unknown',
    ];
    const own = new electronMock.MockWebContents();
    own.mainFrame.url = 'app://brimline/index.html#popover';
    const pages = [
      own,
      ...['https://claude.ai/', 'app://other/index.html', 'file:///index.html', ''].map((u) => {
        const wc = new electronMock.MockWebContents();
        wc.mainFrame.url = u;
        return wc;
      }),
    ];
    let bad = 0;
    let tried = 1;
    for (const p of perms) {
      for (const wc of pages) {
        const expected = p === 'clipboard-sanitized-write' && wc === own;
        let granted: boolean | null = null;
        session.permissionRequest!(wc, p, (g) => (granted = g), { requestingUrl: wc.mainFrame.url, isMainFrame: true });
        const requestOrigin = wc.mainFrame.url ? wc.mainFrame.url.replace(/^(\w+:\/\/[^/]*).*$/, '$1') : '';
        const checked = session.permissionCheck!(wc, p, requestOrigin, {});
        tried += 2;
        if (granted !== expected) bad++;
        if (checked !== expected) bad++;
      }
    }
    if (session.devicePermission!()) bad++;
    expect(bad).toBe(0);
    recordFigure({
      section: 'hardening',
      name: 'permissions',
      tried,
      bad,
      detail: 'request, check and device handlers deny all but clipboard-sanitized-write from app://brimline',
    });
  });

  it(`${URL_RUNS} generated URLs: no navigation away, no new window, only allowlisted https links open`, () => {
    const wc = new electronMock.MockWebContents();
    wc.mainFrame.url = 'app://brimline/index.html#popover';
    hardenWebContents(wc as never, origin, nullLogger);
    let bad = 0;
    let tried = 0;
    fc.assert(
      fc.property(trickyUrl, (url) => {
        tried++;
        electronMock.shell.opened.length = 0;
        let prevented = false;
        wc.emit('will-navigate', { url, preventDefault: () => (prevented = true) }, url);
        const own = isAppRendererUrl(url, origin);
        const action = wc.windowOpenHandler!({ url });
        const opened = [...electronMock.shell.opened];
        const problems: string[] = [];
        if (!own && !prevented) problems.push('navigation away was not prevented');
        if (action.action !== 'deny') problems.push('window.open was allowed');
        for (const o of opened) {
          const u = new URL(o);
          if (u.protocol !== 'https:' || !EXTERNAL_HOSTS.includes(u.hostname) || u.username || u.password) problems.push(`opened ${o}`);
        }
        if (own && new URL(url).protocol !== 'app:') problems.push('a non-app URL passed as our page');
        if (decideNavigation(url, origin).allow !== own) problems.push('navigation decision disagrees with the page check');
        if ((decideWindowOpen(url).openExternally !== null) !== isAllowedExternalUrl(url))
          problems.push('window.open decision disagrees with the allowlist');
        if (problems.length > 0) {
          bad++;
          throw new Error(`${url}: ${problems.join('; ')}`);
        }
      }),
      { numRuns: URL_RUNS },
    );
    recordFigure({
      section: 'hardening',
      name: 'navigation, window.open, external links',
      tried,
      bad,
      detail: 'generated URLs incl. lookalike hosts, credentials, other schemes',
    });
  });

  it('every channel refuses foreign senders and invalid payloads before its handler runs', async () => {
    const ran: string[] = [];
    const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, () => void ran.push(c)])) as unknown as IpcHandlers;
    const own = new electronMock.MockWebContents();
    registerIpcHandlers(handlers, { ownsWebContents: (id) => id === own.id, origin }, nullLogger);
    const frame = (url: string, parent: boolean) => ({ url, parent: parent ? { url: 'app://brimline/index.html' } : null });
    const foreign = [
      { sender: { id: own.id + 1000 }, senderFrame: frame('app://brimline/index.html#popover', false) },
      { sender: { id: own.id }, senderFrame: frame('https://claude.ai/', false) },
      { sender: { id: own.id }, senderFrame: frame('app://brimline/index.html#popover', true) },
      { sender: { id: own.id }, senderFrame: null },
      { sender: { id: own.id }, senderFrame: frame('app://evil/index.html', false) },
      { sender: { id: own.id }, senderFrame: frame('file:///index.html', false) },
    ];
    const invalid: unknown[] = [
      { x: 1 },
      'str',
      42,
      [],
      { name: 'nope', value: 'v' },
      { url: 7 },
      { pollIntervalMinutes: 0 },
      { __proto__: { polluted: true } },
    ];
    let refused = 0;
    let tried = 0;
    for (const channel of INVOKE_CHANNELS) {
      const h = electronMock.ipcMain.handlers.get(channel)!;
      for (const ev of foreign) {
        tried++;
        await expect(Promise.resolve().then(() => h(ev, undefined))).rejects.toThrow(/Refused/);
        refused++;
      }
      const ownEvent = { sender: { id: own.id }, senderFrame: frame('app://brimline/index.html#settings', false) };
      for (const p of invalid) {
        tried++;
        await expect(Promise.resolve().then(() => h(ownEvent, p))).rejects.toThrow(/Invalid request/);
        refused++;
      }
    }
    expect(ran).toEqual([]);
    recordFigure({
      section: 'hardening',
      name: 'IPC senders and payloads',
      tried,
      bad: tried - refused + ran.length,
      detail: `${INVOKE_CHANNELS.length} channels × ${foreign.length} foreign senders + ${invalid.length} invalid payloads, all refused`,
    });
  });
});
