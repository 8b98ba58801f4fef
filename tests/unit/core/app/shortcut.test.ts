/** The global shortcut part, with the real settings store on a temp dir and an in-memory OS that may hold keys for other apps. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { startShortcut, toggleCommand, wantsToggle, type GlobalShortcutPort } from '../../../../electron/core/app/shortcut';

/** The OS's key grabs: `taken` are held by other apps; `press` is the user pressing keys. */
function osShortcuts(taken: string[] = []): GlobalShortcutPort & { held: Map<string, () => void>; log: string[]; press(a: string): void } {
  const held = new Map<string, () => void>();
  const log: string[] = [];
  return {
    held,
    log,
    register(accelerator, onPress) {
      log.push(`register:${accelerator}`);
      if (accelerator.includes('Banana')) throw new TypeError('conversion failure');
      if (taken.includes(accelerator) || held.has(accelerator)) return false;
      held.set(accelerator, onPress);
      return true;
    },
    unregister(accelerator) {
      log.push(`unregister:${accelerator}`);
      held.delete(accelerator);
    },
    unregisterAll() {
      log.push('unregisterAll');
      held.clear();
    },
    press(a) {
      held.get(a)?.();
    },
  };
}

describe('the global shortcut', () => {
  let dir: string;
  let settings: SettingsStore;
  let changes: number;
  let presses: number;
  const warnings: string[] = [];
  const logger = { log() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
  const start = (port: GlobalShortcutPort, wayland = false) =>
    startShortcut({
      settings,
      shortcut: { port, onPress: () => void presses++, wayland, toggleCommand: 'brimline --toggle' },
      logger,
      changed: () => void changes++,
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-shortcut-'));
    settings = new SettingsStore(dir);
    await settings.load();
    changes = 0;
    presses = 0;
    warnings.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('registers nothing while the setting is off', () => {
    const port = osShortcuts();
    const shortcut = start(port);
    expect(port.log).toEqual([]);
    expect(shortcut.state()).toEqual({ status: 'off', accelerator: null, wayland: false, toggleCommand: 'brimline --toggle' });
  });

  it('registers the shortcut when it is set, and a press does what the shell asked', async () => {
    const port = osShortcuts();
    const shortcut = start(port);
    const before = changes;
    await settings.update({ shortcut: 'CommandOrControl+Shift+U' });
    expect(shortcut.state()).toMatchObject({ status: 'active', accelerator: 'CommandOrControl+Shift+U' });
    expect(changes).toBeGreaterThan(before);
    port.press('CommandOrControl+Shift+U');
    port.press('CommandOrControl+Shift+U');
    expect(presses).toBe(2);
  });

  it('registers a shortcut saved earlier at start', async () => {
    await settings.update({ shortcut: 'Alt+F9' });
    const port = osShortcuts();
    expect(start(port).state().status).toBe('active');
    expect([...port.held.keys()]).toEqual(['Alt+F9']);
  });

  it('releases the old shortcut when the setting changes, and every one when it is cleared', async () => {
    const port = osShortcuts();
    const shortcut = start(port);
    await settings.update({ shortcut: 'CommandOrControl+Shift+U' });
    await settings.update({ shortcut: 'Super+U' });
    expect([...port.held.keys()]).toEqual(['Super+U']);
    port.press('CommandOrControl+Shift+U');
    expect(presses).toBe(0);
    await settings.update({ shortcut: null });
    expect(port.held.size).toBe(0);
    expect(shortcut.state()).toMatchObject({ status: 'off', accelerator: null });
    expect(port.log).toEqual([
      'register:CommandOrControl+Shift+U',
      'unregister:CommandOrControl+Shift+U',
      'register:Super+U',
      'unregister:Super+U',
    ]);
  });

  it('leaves the shortcut alone when another setting changes', async () => {
    const port = osShortcuts(['Alt+F9']);
    start(port);
    await settings.update({ shortcut: 'Alt+F9' });
    await settings.update({ theme: 'dark' });
    expect(port.log).toEqual(['register:Alt+F9']);
    expect(warnings).toHaveLength(1);
  });

  it('says "refused" with the accelerator when another app holds it, keeps the setting, and logs why', async () => {
    const port = osShortcuts(['CommandOrControl+Shift+U']);
    const shortcut = start(port);
    await settings.update({ shortcut: 'CommandOrControl+Shift+U' });
    expect(shortcut.state()).toMatchObject({ status: 'refused', accelerator: 'CommandOrControl+Shift+U' });
    expect(settings.get().shortcut).toBe('CommandOrControl+Shift+U');
    expect(warnings[0]).toContain('CommandOrControl+Shift+U was refused');
    // Choosing another that is free clears the refusal.
    await settings.update({ shortcut: 'CommandOrControl+Alt+U' });
    expect(shortcut.state()).toMatchObject({ status: 'active', accelerator: 'CommandOrControl+Alt+U' });
  });

  it('takes an accelerator Electron throws on as refused, not as a crash', async () => {
    // The schema keeps such strings out; the port's throw is the last line.
    const port = osShortcuts();
    const shortcut = startShortcut({
      settings: { get: () => ({ shortcut: 'Control+Banana' }), onChange: () => () => undefined },
      shortcut: { port, onPress: () => undefined, wayland: false, toggleCommand: 'x' },
      logger,
      changed: () => undefined,
    });
    expect(shortcut.state()).toMatchObject({ status: 'refused', accelerator: 'Control+Banana' });
    expect(warnings[0]).toContain('conversion failure');
  });

  it('releases every shortcut on quit and stops following the setting', async () => {
    const port = osShortcuts();
    const shortcut = start(port);
    await settings.update({ shortcut: 'Super+U' });
    shortcut.dispose();
    expect(port.held.size).toBe(0);
    expect(port.log.at(-1)).toBe('unregisterAll');
    await settings.update({ shortcut: 'Super+I' });
    expect(port.held.size).toBe(0);
  });

  it('says Wayland, with the command to bind, whatever the OS answered', async () => {
    const port = osShortcuts();
    const shortcut = start(port, true);
    await settings.update({ shortcut: 'Super+U' });
    expect(shortcut.state()).toEqual({ status: 'active', accelerator: 'Super+U', wayland: true, toggleCommand: 'brimline --toggle' });
  });

  it('has nothing to register without the OS (the CLI)', () => {
    const shortcut = startShortcut({ settings, logger, changed: () => undefined });
    expect(shortcut.state()).toMatchObject({ status: 'off', wayland: false });
  });
});

describe('--toggle', () => {
  it('is asked for by the flag or by the data a second instance hands over', () => {
    expect(wantsToggle(['/opt/Brimline/brimline', '--toggle'])).toBe(true);
    expect(wantsToggle(['/opt/Brimline/brimline'], { toggle: true })).toBe(true);
    expect(wantsToggle(['/opt/Brimline/brimline'])).toBe(false);
    expect(wantsToggle(['/opt/Brimline/brimline', '--toggled'], { toggle: 'yes' })).toBe(false);
  });

  it('is bound to the AppImage, the installed `brimline`, or this binary', () => {
    const base = {
      execPath: '/opt/Brimline/brimline',
      appPath: '/opt/Brimline/resources/app.asar',
      packaged: true,
      platform: 'linux' as const,
    };
    expect(toggleCommand({ ...base, env: {} })).toBe('brimline --toggle');
    expect(
      toggleCommand({ ...base, execPath: '/tmp/.mount_Brim12/brimline', env: { APPIMAGE: '/home/ada/Apps/Brimline 1.2.AppImage' } }),
    ).toBe("'/home/ada/Apps/Brimline 1.2.AppImage' --toggle");
    expect(toggleCommand({ ...base, execPath: '/home/ada/brimline/brimline', env: {} })).toBe('/home/ada/brimline/brimline --toggle');
    expect(
      toggleCommand({ execPath: '/src/node_modules/electron/dist/electron', appPath: '/src', packaged: false, platform: 'linux', env: {} }),
    ).toBe('/src/node_modules/electron/dist/electron /src --toggle');
  });
});
