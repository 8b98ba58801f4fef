/**
 * electron-updater, driven by electron/core/platform/update-policy.ts: GitHub releases (app-update.yml,
 * written by electron-builder from its `publish` setting), checked at launch and daily, downloaded
 * in the background, installed on "Restart to install" or at the next quit.
 */
import { app } from 'electron';
import electronUpdater, { type AppUpdater } from 'electron-updater';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { systemClock, type Clock } from '../core/platform/clock';
import { autostartFile, pointLinuxLoginItemAt } from '../core/platform/login-item-linux';
import type { Logger } from '../core/platform/log';
import {
  UpdateController,
  parseCodesignDetails,
  updateMode,
  type InstallFacts,
  type MacSignature,
  type UpdateMenuEntry,
  type UpdateState,
} from '../core/platform/update-policy';

const QUIT_FALLBACK_MS = 15_000;

export interface UpdaterOptions {
  logger: Logger;
  clock?: Clock;
  onChange?: (state: UpdateState, entries: UpdateMenuEntry[]) => void;
  /** Stops the core and saves state; runs before quitAndInstall so the quit is not held up. */
  beforeInstall: () => Promise<void>;
}

export interface Updater {
  entries(): UpdateMenuEntry[];
  state(): UpdateState;
  check(): boolean;
  install(): Promise<boolean>;
  dispose(): void;
}

function readPackageType(): string | null {
  try {
    return readFileSync(path.join(process.resourcesPath, 'package-type'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * How the running .app bundle (Contents/MacOS/<exe> → the bundle) is signed. `codesign -dv` writes
 * its details to stderr, whatever its exit status; spawnSync hands them back either way.
 */
function macSignature(): MacSignature {
  const bundle = path.resolve(path.dirname(process.execPath), '..', '..');
  const r = spawnSync('/usr/bin/codesign', ['-dv', bundle], { encoding: 'utf8', timeout: 5000 });
  return r.error ? 'unknown' : parseCodesignDetails(`${r.stdout}${r.stderr}`);
}

export function installFacts(): InstallFacts {
  return {
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImagePath: process.env.APPIMAGE,
    packageType: app.isPackaged && process.platform === 'linux' ? readPackageType() : null,
    ...(app.isPackaged && process.platform === 'darwin' ? { macSignature: macSignature() } : {}),
  };
}

export function startUpdater(opts: UpdaterOptions): Updater {
  const mode = updateMode(installFacts());
  const clock = opts.clock ?? systemClock();
  const noop = { check: async () => undefined, quitAndInstall: () => undefined };
  // Only touch autoUpdater when it will be used: its getter picks and constructs a platform updater.
  // electron-updater is CommonJS whose `autoUpdater` is a getter Node's ESM loader cannot see as a named export.
  const updater: AppUpdater | null = mode.kind === 'auto' || mode.kind === 'manual' ? electronUpdater.autoUpdater : null;
  const controller = new UpdateController({
    mode,
    clock,
    logger: opts.logger,
    onChange: opts.onChange,
    beforeInstall: opts.beforeInstall,
    driver: updater
      ? {
          check: () => updater.checkForUpdates(),
          quitAndInstall: () => {
            try {
              // Not silent (the nsis installer shows its progress); Brimline starts again afterwards.
              updater.quitAndInstall(false, true);
            } catch (err) {
              opts.logger.error(`updater: quitAndInstall failed: ${err instanceof Error ? err.message : String(err)}`);
            }
            // The core is already stopped: if the installer did not take the app down, quit anyway
            // (autoInstallOnAppQuit still installs at this quit).
            clock.setTimeout(() => app.quit(), QUIT_FALLBACK_MS);
          },
        }
      : noop,
  });
  if (updater) {
    updater.logger = {
      info: (m: unknown) => opts.logger.info(`updater: ${String(m)}`),
      warn: (m: unknown) => opts.logger.warn(`updater: ${String(m)}`),
      error: (m: unknown) => opts.logger.error(`updater: ${String(m)}`),
    };
    // A build that cannot install updates (ad hoc on macOS) only looks, and points at the download page.
    updater.autoDownload = mode.kind === 'auto';
    // A downloaded update also installs at an ordinary quit, which Brimline's own quit flow lets through.
    updater.autoInstallOnAppQuit = mode.kind === 'auto';
    updater.on('update-available', (info) => controller.dispatch({ type: 'update-available', version: info.version }));
    updater.on('update-not-available', () => controller.dispatch({ type: 'update-not-available' }));
    updater.on('download-progress', (p) => controller.dispatch({ type: 'download-progress', percent: p.percent }));
    updater.on('update-downloaded', (e) => controller.dispatch({ type: 'update-downloaded', version: e.version }));
    updater.on('error', (err) => controller.dispatch({ type: 'error', message: err.message }));
    // Without this the state would stay "downloading", and no check would ever run again.
    // An AppImage installed at quit gets a new file name and is not started as the app: the
    // autostart entry must follow it now, or the next login starts nothing.
    updater.on('appimage-filename-updated', (newPath: string) => {
      try {
        if (pointLinuxLoginItemAt(autostartFile(), newPath)) opts.logger.info(`updater: launch at login now starts ${newPath}`);
      } catch (err) {
        opts.logger.error(`updater: could not point launch at login at ${newPath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    updater.on('update-cancelled', () => controller.dispatch({ type: 'error', message: 'the download was cancelled' }));
  }
  controller.start();
  return {
    entries: () => controller.entries(),
    state: () => controller.state(),
    check: () => controller.checkNow(),
    install: () => controller.install(),
    dispose: () => controller.dispose(),
  };
}
