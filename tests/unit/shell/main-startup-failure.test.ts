/**
 * A start-up that fails before the tray appears must not vanish silently: main shows an error box
 * naming the log, then exits with status 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { Menu, Tray, app, dialog } from './electron-mock';

describe('main: a start-up failure', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-main-fail-'));
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows an error box with the reason and where the log is, then exits 1', async () => {
    // The data folder's parent is a file: nothing can be created there.
    const blocker = path.join(tmp, 'not-a-folder');
    writeFileSync(blocker, '');
    Object.assign(process.env, {
      BRIMLINE_DATA_DIR: path.join(blocker, 'data'),
      CLAUDE_CONFIG_DIR: path.join(tmp, 'no-claude'),
      BRIMLINE_ANTHROPIC_API_URL: 'http://127.0.0.1:9',
      XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
    });
    await import('../../../electron/main');
    await vi.waitFor(() => expect(app.lifecycle).toContain('exit:1'), { timeout: 15_000 });
    expect(Tray.instances).toEqual([]);
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]!.title).toBe('Brimline could not start');
    expect(dialog.errorBoxes[0]!.content).toContain(path.join(blocker, 'data', 'brimline.log'));
    // Windows and Linux get no default File/Edit/View menu (this runs on Linux).
    if (process.platform !== 'darwin') expect(Menu.applicationMenu).toBeNull();
  });
});
