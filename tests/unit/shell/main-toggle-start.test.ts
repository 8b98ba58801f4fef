/** `brimline --toggle` when Brimline is not running: it starts, and opens the popover once started. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Tray, app } from './electron-mock';

describe('main: a first launch with --toggle', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-toggle-'));
  const saved = { env: { ...process.env }, argv: process.argv };
  afterAll(async () => {
    app.emit('before-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app.lifecycle).toContain('quit'));
    process.env = saved.env;
    process.argv = saved.argv;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('starts as usual and opens the popover, which a plain start leaves closed where the tray shows', async () => {
    Object.assign(process.env, {
      BRIMLINE_DATA_DIR: path.join(tmp, 'data'),
      CLAUDE_CONFIG_DIR: path.join(tmp, 'no-claude'),
      BRIMLINE_ANTHROPIC_API_URL: 'http://127.0.0.1:9',
      XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
      // A desktop with a tray: nothing else opens the popover at start.
      XDG_CURRENT_DESKTOP: 'KDE',
    });
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.XDG_RUNTIME_DIR;
    process.argv = ['/opt/Brimline/brimline', '--toggle'];
    await import('../../../electron/main');
    await vi.waitFor(() => expect(Tray.instances).toHaveLength(1), { timeout: 15_000 });
    expect(app.lockData).toEqual({ toggle: true });
    await vi.waitFor(() => expect(BrowserWindow.instances[0]?.visible).toBe(true));
  });
});
