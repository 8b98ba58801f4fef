/**
 * Session-wide and per-webContents lock-down: deny every permission but clipboard writes from our
 * own page, add the CSP to responses, refuse navigation away from our page, never open new windows,
 * never attach <webview>. Editable fields get the usual Cut/Copy/Paste menu (pasting a key).
 */
import { Menu, app, shell, type ContextMenuParams, type MenuItemConstructorOptions, type Session, type WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  devCsp,
  withCsp,
  type RendererOrigin,
} from '../core/platform/security';
import type { Logger } from '../core/platform/log';

export function hardenSession(ses: Session, origin: RendererOrigin): void {
  ses.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(decidePermission(permission, details.requestingUrl || wc.getURL(), origin)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) => decidePermission(permission, requestingOrigin, origin));
  ses.setDevicePermissionHandler(() => false);
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
  contents.on('will-navigate', (event) => {
    const d = decideNavigation(event.url, origin);
    if (d.allow) return;
    event.preventDefault();
    if (d.openExternally) openExternalSafely(d.openExternally, logger);
    else logger.warn('Blocked a navigation away from Brimline.');
  });
  contents.on('will-redirect', (event) => {
    if (!decideNavigation(event.url, origin).allow) event.preventDefault();
  });
  contents.on('context-menu', (_event, params) => {
    const template = editMenuTemplate(params);
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, logger);
    return { action: 'deny' };
  });
}

/**
 * Right-click in a text field (pasting an API key or session key): the standard edit roles, each
 * enabled as Chromium reports. Elsewhere, with a selection, just Copy; otherwise no menu.
 */
export function editMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'editFlags' | 'selectionText'>,
): MenuItemConstructorOptions[] {
  const f = params.editFlags;
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: f.canCut },
      { role: 'copy', enabled: f.canCopy },
      { role: 'paste', enabled: f.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: f.canSelectAll },
    ];
  }
  return params.selectionText.trim() !== '' ? [{ role: 'copy', enabled: f.canCopy }] : [];
}

/**
 * Applies `hardenWebContents` to every webContents the app ever creates, but those `hasOwnRules`
 * claims: the hidden claude.ai window follows claude.ai's redirects and must never open a link.
 */
export function hardenAllWebContents(
  origin: RendererOrigin,
  logger: Logger,
  hasOwnRules: (contents: WebContents) => boolean = () => false,
): void {
  app.on('web-contents-created', (_event, contents) => {
    if (!hasOwnRules(contents)) hardenWebContents(contents, origin, logger);
  });
}
