import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { MockSession, MockWebContents, app, resetElectronMock, shell } from './electron-mock';
import { hardenAllWebContents, hardenSession, hardenWebContents } from '../../../electron/adapters/session-hardening';
import { registerAppScheme, serveRenderer } from '../../../electron/adapters/app-protocol';
import { protocol } from './electron-mock';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/security';
import { nullLogger } from '../../../electron/core/log';

const prod = { devServerUrl: null };

describe('session hardening', () => {
  beforeEach(() => resetElectronMock());

  it('denies every permission and adds the CSP to responses', () => {
    const ses = new MockSession();
    hardenSession(ses as never, prod);
    const answers: boolean[] = [];
    ses.permissionRequest!({}, 'notifications', (g) => answers.push(g));
    ses.permissionRequest!({}, 'media', (g) => answers.push(g));
    expect(answers).toEqual([false, false]);
    expect(ses.permissionCheck!()).toBe(false);
    expect(ses.devicePermission!()).toBe(false);
    let headers: Record<string, string[]> = {};
    ses.headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('blocks navigation away from our page, opening only allowlisted https links externally', () => {
    const wc = new MockWebContents();
    hardenWebContents(wc as never, prod, nullLogger);
    const nav = (url: string): boolean => {
      let prevented = false;
      wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('app://headroom/index.html#settings')).toBe(false);
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
    const dir = mkdtempSync(path.join(os.tmpdir(), 'headroom-renderer-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Headroom</title>');
      writeFileSync(path.join(os.tmpdir(), 'outside-secret.txt'), 'nope');
      const ses = new MockSession();
      serveRenderer(ses as never, dir);
      const handle = ses.protocolHandlers.get('app')!;
      const ok = await handle(new Request('app://headroom/index.html'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await ok.text()).toContain('<title>Headroom</title>');
      const escape = await handle(new Request('app://headroom/..%2foutside-secret.txt'));
      expect(escape.status).toBe(404);
      expect(await escape.text()).not.toContain('nope');
      expect((await handle(new Request('app://headroom/missing.js'))).status).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
