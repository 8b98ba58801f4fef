import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { DEFAULT_SETTINGS, thresholdProblem } from '../../../../shared/settings';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'hr-settings-'));

describe('settings store', () => {
  it('uses defaults when there is no file', async () => {
    const s = new SettingsStore(tmp());
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
  });

  it('rereads what another process saved, telling listeners only of a change; a bad file changes nothing and stays', async () => {
    const dir = tmp();
    const mine = new SettingsStore(dir);
    await mine.load();
    const seen: number[][] = [];
    mine.onChange((s) => seen.push(s.thresholds));
    const app = new SettingsStore(dir);
    await app.load();
    await app.update({ thresholds: [60, 80] });
    expect(await mine.reread()).toBe(true);
    expect(await mine.reread()).toBe(false);
    expect(seen).toEqual([[60, 80]]);
    writeFileSync(path.join(dir, 'settings.json'), '{"thresholds": "no"}');
    expect(await mine.reread()).toBe(false);
    expect(mine.get().thresholds).toEqual([60, 80]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('applies a valid patch, persists it and survives a restart', async () => {
    const dir = tmp();
    const s = new SettingsStore(dir);
    await s.load();
    let seen = 0;
    s.onChange(() => seen++);
    await s.update({ pollIntervalMinutes: 10, thresholds: [90, 40], tray: { display: 'remaining' } });
    expect(seen).toBe(1);
    const again = new SettingsStore(dir);
    const loaded = await again.load();
    expect(loaded.pollIntervalMinutes).toBe(10);
    expect(loaded.thresholds).toEqual([40, 90]);
    expect(loaded.tray).toEqual({ window: 'auto', display: 'remaining', paceMarker: false, account: 'auto' });
  });

  it('rejects invalid patches with a readable message and changes nothing', async () => {
    const dir = tmp();
    const s = new SettingsStore(dir);
    await s.load();
    for (const bad of [
      { pollIntervalMinutes: 0 },
      { thresholds: [50, 50] },
      { thresholds: [101] },
      { theme: 'neon' },
      { unknownKey: 1 },
      null,
      'x',
      { notifications: { enabled: 'yes' } },
    ]) {
      await expect(s.update(bad)).rejects.toThrow(/Invalid settings/);
    }
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(existsSync(s.file)).toBe(false);
  });

  it('moves a corrupt file aside, says so, and uses the defaults', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'settings.json'), '{"version": 1, "pollIntervalMinutes": ');
    const s = new SettingsStore(dir);
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.loadProblem).toMatch(/could not be read \(it is not valid JSON\); it was moved to .*settings\.json\.corrupt-/);
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside && readFileSync(path.join(dir, aside), 'utf8')).toContain('pollIntervalMinutes');
  });

  it('fills keys missing from an older file with defaults', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, theme: 'dark' }));
    const s = new SettingsStore(dir);
    expect(await s.load()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('remembers the settings section and the compact popover, and loads a file written before them', async () => {
    const dir = tmp();
    // A file from before the ui block, and one with only part of it: both load, the rest defaulted.
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, pollIntervalMinutes: 7 }));
    expect((await new SettingsStore(dir).load()).ui).toEqual({ settingsSection: 'general', compact: false });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, ui: { compact: true } }));
    const s = new SettingsStore(dir);
    expect((await s.load()).ui).toEqual({ settingsSection: 'general', compact: true });
    await s.update({ ui: { settingsSection: 'accounts' } });
    expect((await new SettingsStore(dir).load()).ui).toEqual({ settingsSection: 'accounts', compact: true });
    await expect(s.update({ ui: { settingsSection: 'secrets' } })).rejects.toThrow(/ui\.settingsSection/);
    await expect(s.update({ ui: { compact: 'yes' } })).rejects.toThrow(/ui\.compact/);
  });

  it('validates thresholds as the user types', () => {
    expect(thresholdProblem([50, 75], '90')).toBeNull();
    expect(thresholdProblem([50, 75], '')).toBe('not_a_number');
    expect(thresholdProblem([50, 75], '7.5')).toBe('not_a_number');
    expect(thresholdProblem([50, 75], '0')).toBe('out_of_range');
    expect(thresholdProblem([50, 75], '101')).toBe('out_of_range');
    expect(thresholdProblem([50, 75], '75')).toBe('duplicate');
    expect(thresholdProblem([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 11)).toBe('too_many');
  });
});
