/**
 * Serves the built renderer from app://brimline/ instead of file://, so every response carries our
 * CSP header, origins are well defined for the sender check, and only files inside the renderer
 * folder can be read.
 */
import { net, protocol, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, mimeType, resolveAppAsset } from '../core/platform/security';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } },
  ]);
}

export function serveRenderer(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
    try {
      const upstream = await net.fetch(pathToFileURL(file).toString());
      if (!upstream.ok) return new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
      return new Response(upstream.body, {
        status: 200,
        headers: {
          'Content-Type': mimeType(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
    }
  });
}
