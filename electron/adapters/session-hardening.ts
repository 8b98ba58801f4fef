/**
 * Session-wide and per-webContents lock-down: deny every permission, add the CSP to responses,
 * refuse navigation away from our page, never open new windows, never attach <webview>.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  devCsp,
  withCsp,
  type RendererOrigin,
} from '../core/security';
import type { Logger } from '../core/log';

export function hardenSession(ses: Session, origin: RendererOrigin): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(decidePermission()));
  ses.setPermissionCheckHandler(() => decidePermission());
  ses.setDevicePermissionHandler(() => decidePermission());
  const csp = origin.devServerUrl ? devCsp(origin.devServerUrl) : CONTENT_SECURITY_POLICY;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

export function openExternalSafely(url: string, logger: Logger): boolean {
  const { openExternally } = decideWindowOpen(url);
  if (!openExternally) {
    logger.warn('Refused to open a link that is not an allowed https address.');
    return false;
  }
  void shell.openExternal(openExternally).catch((err: unknown) => logger.warn(`Could not open the browser: ${String(err)}`));
  return true;
}

export function hardenWebContents(contents: WebContents, origin: RendererOrigin, logger: Logger): void {
  contents.on('will-navigate', (event, url) => {
    const d = decideNavigation(url, origin);
    if (d.allow) return;
    event.preventDefault();
    if (d.openExternally) openExternalSafely(d.openExternally, logger);
    else logger.warn('Blocked a navigation away from Headroom.');
  });
  contents.on('will-redirect', (event, url) => {
    if (!decideNavigation(url, origin).allow) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, logger);
    return { action: 'deny' };
  });
}

/** Applies `hardenWebContents` to every webContents the app ever creates. */
export function hardenAllWebContents(origin: RendererOrigin, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin, logger));
}
