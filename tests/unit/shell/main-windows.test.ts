import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Tray, app } from './electron-mock';

/**
 * Windows only reaches an app from a toast clicked in the Action Center after a restart when the
 * app names itself as its Start-menu shortcut does (the installer stamps electron-builder's appId
 * on it) and registers the same activator class every run.
 */
describe('main on Windows: toasts clicked after a restart reach the app', () => {
  let tmp: string;
  const saved = { ...process.env };
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-win-'));
    Object.assign(process.env, {
      BRIMLINE_DATA_DIR: path.join(tmp, 'data'),
      CLAUDE_CONFIG_DIR: path.join(tmp, 'no-claude'),
      BRIMLINE_ANTHROPIC_API_URL: 'http://127.0.0.1:9',
      APPDATA: path.join(tmp, 'appdata'),
    });
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    await import('../../../electron/main');
    await vi.waitFor(() => expect(Tray.instances).toHaveLength(1), { timeout: 15_000 });
  });

  afterAll(async () => {
    app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app.lifecycle).toContain('quit'));
    Object.defineProperty(process, 'platform', platform);
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  });

  it("names itself with the installer's appId and a fixed activator class (Electron would pick a random one per run)", () => {
    const appId = /^appId:\s*(\S+)\s*$/m.exec(readFileSync(path.join(__dirname, '../../../electron-builder.yml'), 'utf8'))?.[1];
    expect(appId).toBeTruthy();
    expect(app.lifecycle).toContain(`setAppUserModelId:${appId}`);
    expect(app.toastActivatorCLSID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
  });
});
