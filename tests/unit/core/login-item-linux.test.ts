import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartFile,
  desktopEntry,
  isLinuxLoginItemEnabled,
  launchCommand,
  quoteExecArg,
  setLinuxLoginItem,
} from '../../../electron/core/login-item-linux';

describe('Linux autostart entry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'headroom-xdg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in XDG_CONFIG_HOME/autostart, or ~/.config/autostart', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: dir }, '/home/u')).toBe(path.join(dir, 'autostart', 'headroom.desktop'));
    expect(autostartFile({}, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart', 'headroom.desktop'));
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/Headroom/headroom')).toBe('/opt/Headroom/headroom');
    expect(quoteExecArg('/home/me/My Apps/Headroom.AppImage')).toBe('"/home/me/My Apps/Headroom.AppImage"');
    expect(quoteExecArg('/a/$HOME/"x"\\y')).toBe('"/a/\\$HOME/\\"x\\"\\\\y"');
    expect(quoteExecArg('50%')).toBe('50%%');
    expect(() => quoteExecArg('a\nb')).toThrow(/line break/);
  });

  it('launches the AppImage itself when running from one', () => {
    expect(launchCommand('/tmp/.mount_Head/headroom', { APPIMAGE: '/home/me/Headroom.AppImage' })).toEqual(['/home/me/Headroom.AppImage']);
    expect(launchCommand('/usr/lib/headroom/headroom', {}, ['--hidden'])).toEqual(['/usr/lib/headroom/headroom', '--hidden']);
  });

  it('writes, reports and removes the entry; off by default', async () => {
    const file = autostartFile({ XDG_CONFIG_HOME: dir });
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
    await setLinuxLoginItem(true, file, ['/opt/Head room/headroom']);
    expect(await isLinuxLoginItemEnabled(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application');
    expect(text).toContain('Exec="/opt/Head room/headroom"');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    await setLinuxLoginItem(false, file, ['/x']);
    expect(existsSync(file)).toBe(false);
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
  });

  it('treats an entry the desktop switched off as off', async () => {
    const file = path.join(dir, 'h.desktop');
    writeFileSync(file, desktopEntry(['/x']).replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
    writeFileSync(file, desktopEntry(['/x']) + 'Hidden=true\n');
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
    writeFileSync(file, 'garbage');
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
  });
});
