import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  autostartFile,
  desktopEntry,
  execProgram,
  isLinuxLoginItemEnabled,
  launchCommand,
  pointLinuxLoginItemAt,
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
  it('points a switched-on entry at the AppImage an update installed at quit, synchronously', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-xdg-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'autostart', 'brimline.desktop');
    await setLinuxLoginItem(true, file, ['/home/me/Apps/Brimline-1.2.0.AppImage']);
    expect(pointLinuxLoginItemAt(file, '/home/me/Apps/Brimline-1.3.0.AppImage')).toBe(true);
    expect(execProgram(readFileSync(file, 'utf8'))).toBe('/home/me/Apps/Brimline-1.3.0.AppImage');
    expect(await isLinuxLoginItemEnabled(file)).toBe(true);
    // Already there: nothing to write.
    expect(pointLinuxLoginItemAt(file, '/home/me/Apps/Brimline-1.3.0.AppImage')).toBe(false);
  });

  it('leaves an entry that is off, or missing, as it is', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-xdg-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'autostart', 'brimline.desktop');
    expect(pointLinuxLoginItemAt(file, '/x/Brimline-2.0.0.AppImage')).toBe(false);
    expect(existsSync(file)).toBe(false);
    const off = `${desktopEntry(['/x/Brimline-1.0.0.AppImage'])}Hidden=true\n`;
    await setLinuxLoginItem(true, file, ['/x/Brimline-1.0.0.AppImage']);
    writeFileSync(file, off);
    expect(pointLinuxLoginItemAt(file, '/x/Brimline-2.0.0.AppImage')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(off);
  });
});
