import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartFile,
  desktopEntry,
  execProgram,
  isLinuxLoginItemEnabled,
  launchCommand,
  quoteExecArg,
  setLinuxLoginItem,
} from '../../../../electron/core/platform/login-item-linux';

describe('Linux autostart entry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-xdg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in XDG_CONFIG_HOME/autostart, or ~/.config/autostart', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: dir }, '/home/u')).toBe(path.join(dir, 'autostart', 'brimline.desktop'));
    expect(autostartFile({}, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart', 'brimline.desktop'));
  });

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/Brimline/brimline')).toBe('/opt/Brimline/brimline');
    expect(quoteExecArg('/home/me/My Apps/Brimline.AppImage')).toBe('"/home/me/My Apps/Brimline.AppImage"');
    expect(quoteExecArg('/a/$HOME/"x"\\y')).toBe('"/a/\\$HOME/\\"x\\"\\\\y"');
    expect(quoteExecArg('50%')).toBe('50%%');
    expect(() => quoteExecArg('a\nb')).toThrow(/line break/);
  });

  it('launches the AppImage itself when running from one', () => {
    expect(launchCommand('/tmp/.mount_Head/brimline', { APPIMAGE: '/home/me/Brimline.AppImage' })).toEqual(['/home/me/Brimline.AppImage']);
    expect(launchCommand('/usr/lib/brimline/brimline', {}, ['--hidden'])).toEqual(['/usr/lib/brimline/brimline', '--hidden']);
  });

  it('writes, reports and removes the entry; off by default', async () => {
    const file = autostartFile({ XDG_CONFIG_HOME: dir });
    expect(await isLinuxLoginItemEnabled(file)).toBe(false);
    await setLinuxLoginItem(true, file, ['/opt/Head room/brimline']);
    expect(await isLinuxLoginItemEnabled(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]\nType=Application');
    expect(text).toContain('Exec="/opt/Head room/brimline"');
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

describe('execProgram', () => {
  it('reads back the program of every entry desktopEntry writes, however it had to be quoted', () => {
    for (const program of ['/opt/Brimline.AppImage', '/home/me/Apps/Brimline 0.2.0.AppImage', '/tmp/a"b$c`d\\e', '/srv/100%/x']) {
      expect(execProgram(desktopEntry([program, '--hidden']))).toBe(program);
    }
    expect(execProgram('[Desktop Entry]\nName=x\n')).toBeNull();
  });
});
