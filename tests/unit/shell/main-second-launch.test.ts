/**
 * `brimline --toggle` while Brimline runs: this (second) process hands the running one the toggle
 * and exits, without starting anything of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { BrowserWindow, Tray, app } from './electron-mock';

describe('main: a second launch with --toggle', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-second-'));
  const saved = { env: { ...process.env }, argv: process.argv };
  afterAll(() => {
    process.env = saved.env;
    process.argv = saved.argv;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('hands the toggle to the running instance and quits', async () => {
    Object.assign(process.env, { BRIMLINE_DATA_DIR: path.join(tmp, 'data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg') });
    process.argv = ['/opt/Brimline/brimline', '--toggle'];
    app.gotLock = false;
    await import('../../../electron/main');
    expect(app.lockData).toEqual({ toggle: true });
    expect(app.lifecycle).toContain('quit');
    expect(app.lifecycle).not.toContain('enableSandbox');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Tray.instances).toEqual([]);
    expect(BrowserWindow.instances).toEqual([]);
  });
});
