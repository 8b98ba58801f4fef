import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { app, net, powerMonitor, resetElectronMock, setMockPlatform } from './electron-mock';
import { watchPowerAndNetwork } from '../../../electron/adapters/power';
import { createLoginItem } from '../../../electron/adapters/login-item';

describe('power and network events', () => {
  beforeEach(() => resetElectronMock());

  it('forwards sleep and wake, and reports coming back online', () => {
    const calls: string[] = [];
    const core = { suspend: () => calls.push('suspend'), resume: () => calls.push('resume'), networkOnline: () => calls.push('online') };
    let tick: () => void = () => undefined;
    const stop = watchPowerAndNetwork(core, { setInterval: (fn) => (tick = fn), clearInterval: () => undefined });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    tick();
    net.online = false;
    tick();
    net.online = true;
    tick();
    tick();
    expect(calls).toEqual(['suspend', 'resume', 'online']);
    stop();
    powerMonitor.emit('suspend');
    expect(calls).toHaveLength(3);
  });
});

describe('launch at login', () => {
  it('uses the OS setting on macOS and Windows', async () => {
    resetElectronMock();
    const li = createLoginItem('darwin');
    expect(await li.get()).toBe(false);
    await li.set(true);
    expect(app.loginItem.openAtLogin).toBe(true);
    expect(await li.get()).toBe(true);
  });

  it('macOS: reports a login item waiting for approval in System Settings', async () => {
    resetElectronMock();
    setMockPlatform('darwin');
    const li = createLoginItem('darwin');
    expect(await li.requiresApproval!()).toBe(false);
    app.loginItemStatus = 'requires-approval';
    await li.set(true);
    // Registered but not approved: the OS says "not open at login", and that it waits for the user.
    app.loginItem.openAtLogin = false;
    expect(await li.get()).toBe(false);
    expect(await li.requiresApproval!()).toBe(true);
    app.loginItemStatus = 'enabled';
    expect(await li.requiresApproval!()).toBe(false);
    // Windows has no such state (no status field).
    setMockPlatform('win32');
    expect(await createLoginItem('win32').requiresApproval!()).toBe(false);
  });

  it('uses an XDG autostart file on Linux', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-li-'));
    try {
      const li = createLoginItem('linux', { XDG_CONFIG_HOME: dir });
      expect(await li.get()).toBe(false);
      await li.set(true);
      expect(await li.get()).toBe(true);
      await li.set(false);
      expect(await li.get()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Windows: switched off in Task Manager reads as off, and turning it on here lifts that', async () => {
    resetElectronMock();
    setMockPlatform('win32');
    const li = createLoginItem('win32');
    await li.set(true);
    expect(await li.get()).toBe(true);
    // The user disables Brimline under Task Manager › Startup apps: the Run entry stays, nothing starts.
    app.taskManagerEnabled = false;
    expect(app.getLoginItemSettings().openAtLogin).toBe(true);
    expect(await li.get()).toBe(false);
    await li.set(true);
    expect(app.taskManagerEnabled).toBe(true);
    expect(await li.get()).toBe(true);
  });

  it('Linux AppImage: after an update deleted the versioned file, the entry follows the running copy', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-li-'));
    try {
      const oldImage = path.join(dir, 'Brimline-0.1.0.AppImage');
      const newImage = path.join(dir, 'Brimline 0.2.0.AppImage');
      writeFileSync(oldImage, '');
      await createLoginItem('linux', { XDG_CONFIG_HOME: dir, APPIMAGE: oldImage }).set(true);
      const file = path.join(dir, 'autostart', 'brimline.desktop');
      expect(readFileSync(file, 'utf8')).toContain(`Exec=${oldImage}\n`);
      // electron-updater installed 0.2.0 under its own name and removed 0.1.0.
      rmSync(oldImage);
      writeFileSync(newImage, '');
      const li = createLoginItem('linux', { XDG_CONFIG_HOME: dir, APPIMAGE: newImage });
      expect(await li.get()).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`Exec="${newImage}"\n`);
      // An entry whose program still exists (a copy the user keeps elsewhere) is left alone.
      const other = path.join(dir, 'other.AppImage');
      writeFileSync(other, '');
      expect(await createLoginItem('linux', { XDG_CONFIG_HOME: dir, APPIMAGE: other }).get()).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`Exec="${newImage}"\n`);
      // Off stays off.
      await li.set(false);
      rmSync(newImage);
      expect(await createLoginItem('linux', { XDG_CONFIG_HOME: dir, APPIMAGE: other }).get()).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly where it is not supported', async () => {
    await expect(createLoginItem('freebsd').set(true)).rejects.toThrow(/not supported/);
  });
});
