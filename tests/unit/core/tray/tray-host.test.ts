import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  decideTrayHost,
  detectTrayHost,
  looksLikeVanillaGnome,
  parseNameHasOwner,
  probeStatusNotifierWatcher,
  type RunTool,
} from '../../../../electron/core/tray/tray-host';

const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };

describe('tray host on Linux', () => {
  it('vanilla GNOME without a watcher: popover at every start, with the AppIndicator note', () => {
    const gnome = { XDG_CURRENT_DESKTOP: 'GNOME' };
    expect(decideTrayHost('linux', gnome, false, false)).toEqual({ host: 'absent', showPopoverAtStart: true, note: 'gnome-appindicator' });
    // The extension is enabled: the watcher answers and nothing special happens.
    expect(decideTrayHost('linux', gnome, true, true)).toEqual({ host: 'present', showPopoverAtStart: false, note: null });
  });

  it('no watcher on another desktop: the popover, without a GNOME-specific note', () => {
    expect(decideTrayHost('linux', { XDG_CURRENT_DESKTOP: 'sway' }, false, false)).toEqual({
      host: 'absent',
      showPopoverAtStart: true,
      note: null,
    });
  });

  it('bus not askable: guesses from XDG_CURRENT_DESKTOP, and then only opens the popover on the first start', () => {
    expect(decideTrayHost('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, null, true)).toEqual({
      host: 'likely-absent',
      showPopoverAtStart: true,
      note: 'gnome-appindicator',
    });
    expect(decideTrayHost('linux', { XDG_CURRENT_DESKTOP: 'GNOME' }, null, false).showPopoverAtStart).toBe(false);
    for (const d of ['ubuntu:GNOME', 'KDE', 'XFCE', 'X-Cinnamon', 'pop:GNOME', 'Budgie:GNOME', 'GNOME-Flashback:GNOME', '']) {
      expect(decideTrayHost('linux', { XDG_CURRENT_DESKTOP: d }, null, true).host, d).toBe('present');
    }
    expect(looksLikeVanillaGnome({ XDG_CURRENT_DESKTOP: 'GNOME-Classic:GNOME' })).toBe(true);
  });

  it('macOS and Windows always have a tray', () => {
    expect(decideTrayHost('darwin', { XDG_CURRENT_DESKTOP: 'GNOME' }, false, true).showPopoverAtStart).toBe(false);
    expect(decideTrayHost('win32', {}, null, true).host).toBe('present');
  });
});

describe('asking the session bus', () => {
  it('reads gdbus and dbus-send answers', () => {
    expect(parseNameHasOwner('(true,)\n')).toBe(true);
    expect(parseNameHasOwner('(false,)\n')).toBe(false);
    expect(parseNameHasOwner('method return time=1.2 sender=org.freedesktop.DBus\n   boolean true\n')).toBe(true);
    expect(parseNameHasOwner('   boolean false\n')).toBe(false);
    expect(parseNameHasOwner('Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown')).toBeNull();
    expect(parseNameHasOwner('')).toBeNull();
  });

  it('asks NameHasOwner for org.kde.StatusNotifierWatcher with gdbus, then dbus-send, then gives up', async () => {
    const asked: string[] = [];
    const gdbusMissing: RunTool = async (file, args) => {
      asked.push(`${file} ${args.join(' ')}`);
      if (file === 'gdbus') throw Object.assign(new Error('spawn gdbus ENOENT'), { code: 'ENOENT' });
      return 'method return\n   boolean false\n';
    };
    expect(await probeStatusNotifierWatcher(bus, gdbusMissing)).toBe(false);
    expect(asked[0]).toMatch(/^gdbus call --session .*org\.freedesktop\.DBus\.NameHasOwner org\.kde\.StatusNotifierWatcher$/);
    expect(asked[1]).toMatch(/^dbus-send --session --print-reply .* string:org\.kde\.StatusNotifierWatcher$/);

    expect(await probeStatusNotifierWatcher(bus, async () => '(true,)')).toBe(true);
    const nothing: RunTool = async () => {
      throw new Error('not found');
    };
    expect(await probeStatusNotifierWatcher(bus, nothing)).toBeNull();
    // No session bus at all: nothing to ask, no process started.
    let started = 0;
    expect(
      await probeStatusNotifierWatcher({}, async () => {
        started++;
        return '(true,)';
      }),
    ).toBeNull();
    expect(started).toBe(0);
  });
});

describe('detectTrayHost', () => {
  it('asks the bus only on Linux and decides from the answer', async () => {
    let asked = 0;
    const noWatcher: RunTool = async () => {
      asked++;
      return '(false,)';
    };
    const gnome = { ...bus, XDG_CURRENT_DESKTOP: 'GNOME' };
    expect(await detectTrayHost('linux', gnome, false, noWatcher)).toEqual({
      host: 'absent',
      showPopoverAtStart: true,
      note: 'gnome-appindicator',
    });
    expect(asked).toBe(1);
    expect((await detectTrayHost('darwin', gnome, true, noWatcher)).host).toBe('present');
    expect(asked).toBe(1);
  });
});

const hasTool = (tool: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const realBus = process.platform === 'linux' && hasTool('dbus-run-session') && hasTool('gdbus');

describe.skipIf(!realBus)('on a real session bus (dbus-run-session, gdbus)', () => {
  it('finds no StatusNotifierWatcher on a bare bus, as on vanilla GNOME', async () => {
    const { stdout } = await promisify(execFile)(
      'dbus-run-session',
      ['--', process.execPath, '--import', 'tsx', path.join(__dirname, 'tray-host-child.ts')],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ watcher: false });
  });
});
