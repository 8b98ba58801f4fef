/**
 * Launch at login: the OS's own setting on macOS and Windows, an XDG autostart file on Linux.
 * Reads always ask the OS, so the checkbox shows the real state. macOS 13+ registers the app with
 * SMAppService, which may wait for the user's approval in System Settings › General › Login Items:
 * then it is neither on nor off, and Settings must say where to approve it.
 */
import { app } from 'electron';
import {
  autostartFile,
  followLinuxLoginItem,
  isLinuxLoginItemEnabled,
  launchCommand,
  setLinuxLoginItem,
} from '../core/platform/login-item-linux';
import type { Env } from '../core/platform/paths';

export interface LoginItem {
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
  /**
   * macOS: registered, but the user has not approved it yet. Always false elsewhere. Optional so
   * that test doubles of the shell need not implement it.
   */
  requiresApproval?(): Promise<boolean>;
}

export function createLoginItem(platform: NodeJS.Platform, env: Env = process.env): LoginItem {
  if (platform === 'linux') {
    const file = autostartFile(env);
    const command = launchCommand(process.execPath, env);
    return {
      // Reading also repairs an entry an AppImage update left pointing at the deleted old file.
      get: async () => {
        await followLinuxLoginItem(file, command, env);
        return isLinuxLoginItemEnabled(file);
      },
      set: (enabled) => setLinuxLoginItem(enabled, file, command),
      requiresApproval: async () => false,
    };
  }
  if (platform === 'win32') {
    return {
      // Switched off in Task Manager's Startup apps, the entry stays (openAtLogin is still true) but
      // nothing starts: executableWillLaunchAtLogin is what says whether it will.
      get: async () => app.getLoginItemSettings().executableWillLaunchAtLogin,
      // `enabled: true` also lifts a Task Manager switch-off when the user turns it on here.
      set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, enabled }),
      requiresApproval: async () => false,
    };
  }
  if (platform === 'darwin') {
    return {
      get: async () => app.getLoginItemSettings().openAtLogin,
      set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
      requiresApproval: async () => app.getLoginItemSettings().status === 'requires-approval',
    };
  }
  return {
    get: async () => false,
    set: async () => {
      throw new Error('Launch at login is not supported on this platform.');
    },
    requiresApproval: async () => false,
  };
}
