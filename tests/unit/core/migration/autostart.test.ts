/** The Linux autostart entry of a development build gives way to Brimline's own; real files. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateLinuxAutostart } from '../../../../electron/core/migration/autostart';
import { migrateAtAppReady } from '../../../../electron/core/migration/app-start';
import { autostartFile, isLinuxLoginItemEnabled } from '../../../../electron/core/platform/login-item-linux';
import { nullLogger } from '../../../../electron/core/platform/log';

function config(): { file: string; legacy: string; env: Record<string, string> } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-auto-'));
  const env = { XDG_CONFIG_HOME: base };
  const file = autostartFile(env);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return { file, legacy: path.join(path.dirname(file), 'headroom.desktop'), env };
}

const ENTRY = '[Desktop Entry]\nType=Application\nName=Headroom\nExec=/opt/Headroom/headroom\nX-GNOME-Autostart-enabled=true\n';

describe('Linux launch at login', () => {
  it('when it was on, Brimline starts at login instead, and the former entry is gone', async () => {
    const c = config();
    fs.writeFileSync(c.legacy, ENTRY);
    expect(await migrateLinuxAutostart(c.file, ['/opt/Brimline/brimline'])).toEqual({ kind: 'replaced', enabled: true });
    expect(fs.existsSync(c.legacy)).toBe(false);
    expect(await isLinuxLoginItemEnabled(c.file)).toBe(true);
    expect(fs.readFileSync(c.file, 'utf8')).toContain('Exec=/opt/Brimline/brimline');
  });

  it('when it was off, nothing starts at login, and the former entry is gone', async () => {
    const c = config();
    fs.writeFileSync(c.legacy, ENTRY.replace('enabled=true', 'enabled=false'));
    expect(await migrateLinuxAutostart(c.file, ['/opt/Brimline/brimline'])).toEqual({ kind: 'replaced', enabled: false });
    expect(fs.readdirSync(path.dirname(c.file))).toEqual([]);
  });

  it('does nothing without a former entry, and leaves an existing entry of Brimline as it is', async () => {
    const c = config();
    fs.writeFileSync(c.file, 'mine');
    expect(await migrateLinuxAutostart(c.file, ['/x'])).toEqual({ kind: 'nothing' });
    expect(fs.readFileSync(c.file, 'utf8')).toBe('mine');
  });
});

describe('the app, once ready', () => {
  it('reports a locked keychain as a start-up problem and still does the rest', async () => {
    const c = config();
    fs.writeFileSync(c.legacy, ENTRY);
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-ready-'));
    const warned: string[] = [];
    const problems = await migrateAtAppReady({
      dataDir: data,
      target: { executable: process.execPath, args: ['/x/brimline.mjs'] },
      autostart: { file: c.file, command: ['/opt/Brimline/brimline'] },
      logger: { ...nullLogger, warn: (m: string) => void warned.push(m) },
      now: Date.now,
      keychainAnswers: true,
      keychain: {
        load: async () => ({
          findCredentials: async () => {
            throw new Error('Cannot unlock the collection');
          },
          getPassword: async () => null,
          setPassword: async () => undefined,
          deletePassword: async () => false,
        }),
      },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not move your saved keys .*Cannot unlock the collection.*tries again at its next start/);
    expect(warned).toEqual(problems);
    expect(await isLinuxLoginItemEnabled(c.file)).toBe(true);
    expect(fs.existsSync(c.legacy)).toBe(false);
  });

  it('leaves the keychain alone, quietly, while the secret store cannot reach it (its own message says to unlock it)', async () => {
    let asked = 0;
    const problems = await migrateAtAppReady({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-ready-')),
      target: { executable: process.execPath, args: ['/x/brimline.mjs'] },
      autostart: null,
      logger: nullLogger,
      now: Date.now,
      keychainAnswers: false,
      keychain: {
        load: async () => {
          asked++;
          throw new Error('not reached');
        },
      },
    });
    expect(problems).toEqual([]);
    expect(asked).toBe(0);
  });
});
