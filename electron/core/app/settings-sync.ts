/**
 * Settings as the app changes them, and launch-at-login kept in step with the OS: a settings
 * change turns the OS login item on or off, and the setting follows what the OS really did, so
 * the checkbox never lies. Every settings change redraws.
 */
import type { Settings } from '../../../shared/settings';
import type { SettingsStore } from '../settings/settings-store';
import type { Logger } from '../platform/log';

/** The OS's launch-at-login switch (electron/adapters/login-item.ts). */
export interface LoginItemPort {
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
  /** macOS 13+: registered, waiting for the user's approval in System Settings. */
  requiresApproval?(): Promise<boolean>;
}

export interface SettingsSync {
  update(patch: unknown): Promise<Settings>;
  /** Whether the OS starts Brimline at login (a login item awaiting approval counts as on). */
  launchAtLogin(): boolean;
  loginItemNeedsApproval(): boolean;
  /** Asks the OS again: the user may have changed or approved it in System Settings. */
  readLoginItem(): Promise<void>;
  setLaunchAtLogin(enabled: boolean): Promise<void>;
  dispose(): void;
}

export interface SettingsSyncOptions {
  settings: Pick<SettingsStore, 'get' | 'update' | 'onChange'>;
  loginItem?: LoginItemPort;
  logger: Logger;
  changed: () => void;
}

export async function startSettingsSync({ settings, loginItem, logger, changed }: SettingsSyncOptions): Promise<SettingsSync> {
  let launchAtLogin = false;
  let needsApproval = false;
  /**
   * Asks the OS. A macOS login item waiting for approval is not on yet, but it is what the user
   * asked for: it counts as on (the checkbox stays ticked) and Settings says where to approve it.
   */
  const readLoginItem = async (): Promise<void> => {
    if (!loginItem) return;
    const [on, pending] = await Promise.all([
      loginItem.get().catch(() => launchAtLogin),
      loginItem.requiresApproval ? loginItem.requiresApproval().catch(() => false) : Promise.resolve(false),
    ]);
    needsApproval = pending;
    launchAtLogin = on || pending;
  };

  const setLaunchAtLogin = async (enabled: boolean): Promise<void> => {
    if (!loginItem) return;
    try {
      await loginItem.set(enabled);
    } catch (err) {
      logger.warn(`Could not change launch at login: ${err instanceof Error ? err.message : String(err)}`);
    }
    await readLoginItem();
    if (settings.get().launchAtLogin !== launchAtLogin) {
      await settings.update({ launchAtLogin }).catch((err: unknown) => logger.warn(`Settings not saved: ${String(err)}`));
    }
    changed();
  };

  await readLoginItem();
  let previous = settings.get();
  const unsubscribe = settings.onChange((s) => {
    const wasLaunch = previous.launchAtLogin;
    previous = s;
    if (s.launchAtLogin !== wasLaunch && s.launchAtLogin !== launchAtLogin) void setLaunchAtLogin(s.launchAtLogin);
    changed();
  });

  return {
    update: (patch) => settings.update(patch),
    launchAtLogin: () => launchAtLogin,
    loginItemNeedsApproval: () => needsApproval,
    readLoginItem,
    setLaunchAtLogin,
    dispose: unsubscribe,
  };
}
