/**
 * Launch at login: the OS's own setting on macOS and Windows, an XDG autostart file on Linux.
 * Reads always ask the OS, so the checkbox shows the real state.
 */
import { app } from 'electron';
import { autostartFile, isLinuxLoginItemEnabled, launchCommand, setLinuxLoginItem } from '../core/login-item-linux';
import type { Env } from '../core/paths';

export interface LoginItem {
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
}

export function createLoginItem(platform: NodeJS.Platform, env: Env = process.env): LoginItem {
  if (platform === 'linux') {
    const file = autostartFile(env);
    return {
      get: () => isLinuxLoginItemEnabled(file),
      set: (enabled) => setLinuxLoginItem(enabled, file, launchCommand(process.execPath, env)),
    };
  }
  if (platform === 'darwin' || platform === 'win32') {
    return {
      get: async () => app.getLoginItemSettings().openAtLogin,
      set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
    };
  }
  return {
    get: async () => false,
    set: async () => {
      throw new Error('Launch at login is not supported on this platform.');
    },
  };
}
