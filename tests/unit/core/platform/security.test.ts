import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  devCsp,
  isAppRendererUrl,
  mimeType,
  rendererUrl,
  resolveAppAsset,
  secureWebPreferences,
  trustedDevServer,
  withCsp,
} from '../../../../electron/core/platform/security';
import { popoverPosition } from '../../../../electron/core/tray/window-placement';

const prod = { devServerUrl: null };
const dev = { devServerUrl: 'http://localhost:5173' };

describe('security rules', () => {
  it('sends the same Content-Security-Policy as the page declares, and it forbids everything remote or inline', () => {
    // Two real sources of truth: the meta tag the renderer ships and the header main adds.
    const html = readFileSync(path.resolve(__dirname, '../../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const directives = (csp: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .sort();
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')));
    for (const d of directives(CONTENT_SECURITY_POLICY)) expect(d).not.toMatch(/unsafe-|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });

  it('sets the CSP header, replacing any the server sent', () => {
    const h = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(h).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withCsp(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('relaxes the CSP only for a loopback dev server', () => {
    expect(devCsp('http://localhost:5173')).toContain('connect-src http://localhost:5173 ws://localhost:5173');
    expect(trustedDevServer('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(trustedDevServer('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(trustedDevServer('https://evil.example')).toBeNull();
    expect(trustedDevServer('file:///tmp/x.html')).toBeNull();
    expect(trustedDevServer('not a url')).toBeNull();
    expect(trustedDevServer(undefined)).toBeNull();
  });

  it('gives every window a sandboxed, isolated renderer without Node', () => {
    expect(secureWebPreferences('/p/index.cjs', false)).toMatchObject({
      preload: '/p/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      devTools: false,
    });
  });

  it('recognises only our own page as a renderer', () => {
    expect(rendererUrl('popover', prod)).toBe(`${APP_ORIGIN}/index.html#popover`);
    expect(rendererUrl('settings', dev)).toBe('http://localhost:5173/index.html#settings');
    expect(rendererUrl('settings', prod, 'accounts')).toBe(`${APP_ORIGIN}/index.html#settings/accounts`);
    expect(isAppRendererUrl('app://brimline/index.html#settings', prod)).toBe(true);
    expect(isAppRendererUrl('app://brimline/', prod)).toBe(true);
    expect(isAppRendererUrl('app://other/index.html', prod)).toBe(false);
    expect(isAppRendererUrl('app://brimline/assets/x.js', prod)).toBe(false);
    expect(isAppRendererUrl('file:///out/renderer/index.html', prod)).toBe(false);
    expect(isAppRendererUrl('https://claude.ai/index.html', prod)).toBe(false);
    expect(isAppRendererUrl('http://localhost:5173/index.html', prod)).toBe(false);
    expect(isAppRendererUrl('http://localhost:5173/index.html#popover', dev)).toBe(true);
    expect(isAppRendererUrl(null, prod)).toBe(false);
  });

  it('allows only view switches; allowlisted https links go to the browser instead', () => {
    expect(decideNavigation('app://brimline/index.html#settings', prod)).toEqual({ allow: true });
    expect(decideNavigation('https://claude.ai/settings/usage', prod)).toEqual({
      allow: false,
      openExternally: 'https://claude.ai/settings/usage',
    });
    expect(decideNavigation('http://claude.ai/', prod)).toEqual({ allow: false, openExternally: null });
    expect(decideNavigation('https://claude.ai.evil.example/', prod)).toEqual({ allow: false, openExternally: null });
    expect(decideNavigation('javascript:alert(1)', prod)).toEqual({ allow: false, openExternally: null });
    expect(decideWindowOpen('https://user:pw@claude.ai/')).toEqual({ openExternally: null });
    expect(decideWindowOpen('https://docs.anthropic.com/x')).toEqual({ openExternally: 'https://docs.anthropic.com/x' });
    const dev = { devServerUrl: 'http://localhost:5173' };
    expect(decidePermission('clipboard-sanitized-write', 'app://brimline/index.html#popover', prod)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'app://brimline', prod)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'http://localhost:5173/index.html', dev)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'http://localhost:5173/index.html', prod)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'https://claude.ai/', prod)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'app://evil/index.html', prod)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', '', prod)).toBe(false);
    expect(decidePermission('clipboard-read', 'app://brimline/index.html', prod)).toBe(false);
    expect(decidePermission('notifications', 'app://brimline/index.html', prod)).toBe(false);
    expect(decidePermission('media', 'app://brimline/index.html', prod)).toBe(false);
  });

  it('serves only files inside the renderer folder', () => {
    const root = path.resolve('/srv/renderer');
    expect(resolveAppAsset('app://brimline/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('app://brimline/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('app://brimline/assets/a%20b.js?x=1', root)).toBe(path.join(root, 'assets', 'a b.js'));
    expect(resolveAppAsset('app://brimline/../../etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppAsset('app://brimline/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    // The URL parser already folds an encoded dot-dot segment, which cannot climb above the root.
    expect(resolveAppAsset('app://brimline/%2e%2e/%2e%2e/x', root)).toBe(path.join(root, 'x'));
    expect(resolveAppAsset('app://brimline/a%5c..%5cx', root)).toBeNull();
    expect(resolveAppAsset('app://brimline/%00', root)).toBeNull();
    expect(resolveAppAsset('app://brimline/%E0%A4%A', root)).toBeNull();
    expect(resolveAppAsset('app://elsewhere/index.html', root)).toBeNull();
    expect(resolveAppAsset('file:///etc/passwd', root)).toBeNull();
    expect(mimeType('a/b/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeType('x.bin')).toBe('application/octet-stream');
  });
});

describe('popover placement', () => {
  const work = { x: 0, y: 25, width: 1440, height: 875 };
  const size = { width: 360, height: 520 };

  it('sits under a top menu-bar icon, centred and inside the screen', () => {
    expect(popoverPosition({ x: 1000, y: 0, width: 24, height: 24 }, size, work, 'darwin')).toEqual({ x: 832, y: 28 });
    expect(popoverPosition({ x: 1430, y: 0, width: 24, height: 24 }, size, work, 'darwin')).toEqual({ x: 1080, y: 28 });
  });

  it('sits above a bottom taskbar icon', () => {
    const winWork = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition({ x: 1800, y: 1044, width: 24, height: 32 }, size, winWork, 'win32')).toEqual({ x: 1560, y: 520 });
  });

  it('uses a corner when the tray position is unknown (Wayland)', () => {
    expect(popoverPosition(null, size, work, 'linux')).toEqual({ x: 1076, y: 29 });
    expect(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, size, work, 'win32')).toEqual({ x: 1076, y: 376 });
  });
});
