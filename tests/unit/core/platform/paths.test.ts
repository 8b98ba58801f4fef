import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumProfileDir, dataDir } from '../../../../electron/core/platform/paths';

describe('chromiumProfileDir', () => {
  // Electron's appData per platform, and Brimline's data folder there.
  const cases = [
    { platform: 'linux', appData: '/home/me/.config', env: { XDG_CONFIG_HOME: '/home/me/.config' }, home: '/home/me' },
    { platform: 'darwin', appData: '/Users/me/Library/Application Support', env: {}, home: '/Users/me' },
    {
      platform: 'win32',
      appData: 'C:\\Users\\me\\AppData\\Roaming',
      env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
      home: 'C:\\Users\\me',
    },
  ] as const;

  it("is a folder of its own: Chromium/ inside Brimline's data folder when installed, outside it for a dev run", () => {
    for (const c of cases) {
      const data = dataDir(c.env, c.platform, c.home);
      for (const packaged of [true, false]) {
        const profile = chromiumProfileDir(c.appData, packaged);
        expect(profile.toLowerCase()).not.toBe(data.toLowerCase());
        expect(path.dirname(profile).toLowerCase() === data.toLowerCase()).toBe(packaged);
      }
    }
  });

  it('gives a dev run its own profile, so it does not share the installed single-instance lock', () => {
    expect(chromiumProfileDir('/home/me/.config', false)).not.toBe(chromiumProfileDir('/home/me/.config', true));
    expect(chromiumProfileDir('/home/me/.config', false).toLowerCase()).not.toContain(`${path.sep}brimline${path.sep}`);
  });
});
