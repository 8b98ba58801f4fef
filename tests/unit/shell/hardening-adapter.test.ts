import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Menu, MockSession, MockWebContents, app, navigationEvent, resetElectronMock, shell } from './electron-mock';
import { hardenAllWebContents, hardenSession, hardenWebContents } from '../../../electron/adapters/session-hardening';
import { registerAppScheme, serveRenderer } from '../../../electron/adapters/app-protocol';
import { protocol } from './electron-mock';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/platform/security';
import { nullLogger } from '../../../electron/core/platform/log';

const prod = { devServerUrl: null };

describe('session hardening', () => {
  beforeEach(() => resetElectronMock());

  it('denies every permission but clipboard writes from our own page, and adds the CSP to responses', () => {
    const ses = new MockSession();
    hardenSession(ses as never, prod);
    const own = new MockWebContents();
    own.mainFrame.url = 'app://brimline/index.html#popover';
    const foreign = new MockWebContents();
    foreign.mainFrame.url = 'https://claude.ai/';
    const answers: [string, boolean][] = [];
    const ask = (wc: MockWebContents, permission: string, requestingUrl?: string): void =>
      ses.permissionRequest!(wc, permission, (g) => answers.push([permission, g]), { requestingUrl, isMainFrame: true });
    ask(own, 'notifications', 'app://brimline/index.html#popover');
    ask(own, 'media', 'app://brimline/index.html#popover');
    ask(own, 'clipboard-read', 'app://brimline/index.html#popover');
    ask(own, 'clipboard-sanitized-write', 'app://brimline/index.html#popover');
    // Without a requesting URL in the details, the webContents' own URL decides.
    ask(own, 'clipboard-sanitized-write');
    ask(foreign, 'clipboard-sanitized-write');
    expect(answers).toEqual([
      ['notifications', false],
      ['media', false],
      ['clipboard-read', false],
      ['clipboard-sanitized-write', true],
      ['clipboard-sanitized-write', true],
      ['clipboard-sanitized-write', false],
    ]);
    // navigator.clipboard.writeText asks the check handler first, with the origin only.
    expect(ses.permissionCheck!(own, 'clipboard-sanitized-write', 'app://brimline', {})).toBe(true);
    expect(ses.permissionCheck!(own, 'clipboard-sanitized-write', 'https://claude.ai', {})).toBe(false);
    expect(ses.permissionCheck!(own, 'notifications', 'app://brimline', {})).toBe(false);
    expect(ses.devicePermission!()).toBe(false);
    let headers: Record<string, string[]> = {};
    ses.headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('blocks navigation away from our page, opening only allowlisted https links externally', () => {
    const wc = new MockWebContents();
    hardenWebContents(wc as never, prod, nullLogger);
    const nav = (url: string): boolean => {
      // Electron 45 puts the URL on the event; the positional argument is deprecated and not sent here.
      const event = navigationEvent(url);
      wc.emit('will-navigate', event);
      return event.prevented;
    };
    expect(nav('app://brimline/index.html#settings')).toBe(false);
    expect(nav('https://claude.ai/settings/usage')).toBe(true);
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(shell.opened).toEqual(['https://claude.ai/settings/usage']);
    expect(wc.windowOpenHandler!({ url: 'https://docs.anthropic.com/en/x' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'http://docs.anthropic.com/' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://claude.ai/settings/usage', 'https://docs.anthropic.com/en/x']);
    let webviewBlocked = false;
    wc.emit('will-attach-webview', { preventDefault: () => (webviewBlocked = true) });
    expect(webviewBlocked).toBe(true);
  });

  it('refuses redirects away from our page, reading the URL from the event', () => {
    const wc = new MockWebContents();
    hardenWebContents(wc as never, prod, nullLogger);
    const away = navigationEvent('https://evil.example/');
    wc.emit('will-redirect', away);
    expect(away.prevented).toBe(true);
    const own = navigationEvent('app://brimline/index.html#settings');
    wc.emit('will-redirect', own);
    expect(own.prevented).toBe(false);
  });

  it('offers Cut/Copy/Paste/Select all in editable fields, Copy for a selection, nothing elsewhere', () => {
    const wc = new MockWebContents();
    hardenWebContents(wc as never, prod, nullLogger);
    const flags = {
      canUndo: false,
      canRedo: false,
      canCut: false,
      canCopy: false,
      canPaste: true,
      canDelete: false,
      canSelectAll: true,
      canEditRichly: false,
    };
    wc.emit('context-menu', {}, { isEditable: true, editFlags: flags, selectionText: '' });
    const menu = Menu.built.at(-1)!;
    expect(menu.items.map((i) => [i.role ?? i.type, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['separator', undefined],
      ['selectAll', true],
    ]);
    expect(menu.popups).toHaveLength(1);
    wc.emit('context-menu', {}, { isEditable: false, editFlags: { ...flags, canCopy: true }, selectionText: '42%' });
    expect(Menu.built.at(-1)!.items).toEqual([{ role: 'copy', enabled: true }]);
    const built = Menu.built.length;
    wc.emit('context-menu', {}, { isEditable: false, editFlags: flags, selectionText: '' });
    expect(Menu.built).toHaveLength(built);
  });

  it('hardens every webContents the app creates', () => {
    hardenAllWebContents(prod, nullLogger);
    const wc = new MockWebContents();
    app.emit('web-contents-created', {}, wc);
    expect(wc.windowOpenHandler).not.toBeNull();
  });
});

describe('app:// protocol', () => {
  it('registers a privileged standard scheme and serves only renderer files, with the CSP', async () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual(
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-renderer-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Brimline</title>');
      writeFileSync(path.join(os.tmpdir(), 'outside-secret.txt'), 'nope');
      const ses = new MockSession();
      serveRenderer(ses as never, dir);
      const handle = ses.protocolHandlers.get('app')!;
      const ok = await handle(new Request('app://brimline/index.html'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await ok.text()).toContain('<title>Brimline</title>');
      const escape = await handle(new Request('app://brimline/..%2foutside-secret.txt'));
      expect(escape.status).toBe(404);
      expect(await escape.text()).not.toContain('nope');
      expect((await handle(new Request('app://brimline/missing.js'))).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
