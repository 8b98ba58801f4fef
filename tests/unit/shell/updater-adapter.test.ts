import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAUNCH_CHECK_DELAY_MS } from '../../../electron/core/platform/update-policy';
import { desktopEntry, execProgram } from '../../../electron/core/platform/login-item-linux';
import type { Logger } from '../../../electron/core/platform/log';
import { ManualClock } from '../../support/manual-clock';

vi.mock('electron', () => import('./electron-mock'));

/** Stands in for electron-updater's autoUpdater; touching it counts as using electron-updater. */
class FakeAutoUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown = null;
  readonly calls: string[] = [];
  async checkForUpdates(): Promise<null> {
    this.calls.push('checkForUpdates');
    return null;
  }
  quitAndInstall(isSilent: boolean, forceRunAfter: boolean): void {
    this.calls.push(`quitAndInstall(${isSilent}, ${forceRunAfter})`);
  }
}
const fake = { instance: new FakeAutoUpdater(), touched: 0 };
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      fake.touched++;
      return fake.instance;
    },
  },
}));

import { app } from './electron-mock';
import { startUpdater } from '../../../electron/adapters/updater';

const logger: Logger = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('updater adapter', () => {
  let resources: string;
  const savedResources = process.resourcesPath;
  const savedAppImage = process.env.APPIMAGE;

  beforeEach(() => {
    resources = mkdtempSync(path.join(os.tmpdir(), 'brimline-updater-'));
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true, writable: true });
    fake.instance = new FakeAutoUpdater();
    fake.touched = 0;
    app.isPackaged = true;
  });

  afterEach(() => {
    app.isPackaged = false;
    Object.defineProperty(process, 'resourcesPath', { value: savedResources, configurable: true, writable: true });
    if (savedAppImage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = savedAppImage;
    rmSync(resources, { recursive: true, force: true });
  });

  it('does not touch electron-updater in dev', async () => {
    app.isPackaged = false;
    const clock = new ManualClock();
    const u = startUpdater({ logger, clock, beforeInstall: async () => undefined });
    await clock.advance(2 * LAUNCH_CHECK_DELAY_MS);
    expect(fake.touched).toBe(0);
    expect(u.entries()).toEqual([]);
    expect(u.check()).toBe(false);
  });

  it.runIf(process.platform === 'linux')('for a deb install, says the package manager updates Brimline and never checks', async () => {
    delete process.env.APPIMAGE;
    writeFileSync(path.join(resources, 'package-type'), 'deb');
    const clock = new ManualClock();
    const u = startUpdater({ logger, clock, beforeInstall: async () => undefined });
    await clock.advance(7 * 24 * 3600_000);
    expect(fake.touched).toBe(0);
    expect(u.entries()).toEqual([{ key: 'update.packageManager', enabled: false, action: null }]);
  });

  it.runIf(process.platform === 'linux')(
    'for an AppImage: checks after launch, follows the events, and stops the core before quitAndInstall',
    async () => {
      process.env.APPIMAGE = '/home/me/Brimline.AppImage';
      const clock = new ManualClock();
      const order: string[] = [];
      const changes: string[] = [];
      const u = startUpdater({
        logger,
        clock,
        onChange: (s) => changes.push(s.status),
        beforeInstall: async () => {
          order.push(`beforeInstall (calls so far: ${fake.instance.calls.join(', ')})`);
        },
      });
      expect(fake.instance.autoDownload).toBe(true);
      expect(fake.instance.autoInstallOnAppQuit).toBe(true);
      await clock.advance(LAUNCH_CHECK_DELAY_MS);
      expect(fake.instance.calls).toEqual(['checkForUpdates']);
      fake.instance.emit('update-available', { version: '0.2.0' });
      fake.instance.emit('download-progress', { percent: 60 });
      fake.instance.emit('update-downloaded', { version: '0.2.0' });
      expect(changes).toEqual(['idle', 'checking', 'available', 'downloading', 'downloaded']);
      expect(u.entries()).toEqual([{ key: 'update.restartToInstall', params: { version: '0.2.0' }, enabled: true, action: 'install' }]);
      expect(await u.install()).toBe(true);
      expect(order).toEqual(['beforeInstall (calls so far: checkForUpdates)']);
      expect(fake.instance.calls).toEqual(['checkForUpdates', 'quitAndInstall(false, true)']);
      // Should the installer not take the app down, Brimline (already stopped) quits by itself.
      app.lifecycle.length = 0;
      await clock.advance(15_000);
      expect(app.lifecycle).toEqual(['quit']);
    },
  );

  it.runIf(process.platform === 'linux')('an electron-updater error becomes the error state, with the next check in an hour', async () => {
    process.env.APPIMAGE = '/home/me/Brimline.AppImage';
    const clock = new ManualClock();
    const u = startUpdater({ logger, clock, beforeInstall: async () => undefined });
    await clock.advance(LAUNCH_CHECK_DELAY_MS);
    fake.instance.emit('error', new Error('HttpError: 404 latest-linux.yml'));
    expect(u.state()).toMatchObject({ status: 'error', error: 'HttpError: 404 latest-linux.yml' });
    expect(u.entries().map((e) => e.key)).toEqual(['update.check', 'update.failed']);
    expect(clock.nextTimerAt()! - clock.now()).toBe(3600_000);
    u.dispose();
    expect(clock.pendingCount()).toBe(0);
  });

  it.runIf(process.platform === 'linux')(
    'an AppImage installed at quit under a new name: the launch-at-login entry follows it before the process exits',
    () => {
      const config = mkdtempSync(path.join(os.tmpdir(), 'brimline-xdg-'));
      const savedConfig = process.env.XDG_CONFIG_HOME;
      process.env.XDG_CONFIG_HOME = config;
      try {
        process.env.APPIMAGE = '/home/me/Apps/Brimline-0.2.0.AppImage';
        const entry = path.join(config, 'autostart', 'brimline.desktop');
        mkdirSync(path.dirname(entry), { recursive: true });
        writeFileSync(entry, desktopEntry(['/home/me/Apps/Brimline-0.2.0.AppImage']));
        const u = startUpdater({ logger, clock: new ManualClock(), beforeInstall: async () => undefined });
        // electron-updater emits this synchronously inside doInstall, then runs the new file only to install it.
        fake.instance.emit('appimage-filename-updated', '/home/me/Apps/Brimline-0.3.0.AppImage');
        expect(execProgram(readFileSync(entry, 'utf8'))).toBe('/home/me/Apps/Brimline-0.3.0.AppImage');
        u.dispose();
      } finally {
        if (savedConfig === undefined) delete process.env.XDG_CONFIG_HOME;
        else process.env.XDG_CONFIG_HOME = savedConfig;
        rmSync(config, { recursive: true, force: true });
      }
    },
  );

  it.runIf(process.platform === 'linux')('a cancelled download is an error, so the checks go on', async () => {
    process.env.APPIMAGE = '/home/me/Brimline.AppImage';
    const clock = new ManualClock();
    const u = startUpdater({ logger, clock, beforeInstall: async () => undefined });
    await clock.advance(LAUNCH_CHECK_DELAY_MS);
    fake.instance.emit('update-available', { version: '0.3.0' });
    fake.instance.emit('download-progress', { percent: 10 });
    expect(clock.pendingCount()).toBe(0);
    fake.instance.emit('update-cancelled', { version: '0.3.0' });
    expect(u.state()).toMatchObject({ status: 'error', error: 'the download was cancelled' });
    await clock.advance(3600_000);
    expect(fake.instance.calls).toEqual(['checkForUpdates', 'checkForUpdates']);
    u.dispose();
  });
});
