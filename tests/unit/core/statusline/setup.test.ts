/** The app's status-line setup against real Claude Code settings.json files in a temporary home. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shimPath } from '../../../../electron/core/statusline/launcher-shim';
import { createStatuslineSetup } from '../../../../electron/core/statusline/setup';

let home: string;
let dataDir: string;
const settingsFile = () => path.join(home, '.claude', 'settings.json');
const setup = (executable = '/opt/Brimline/brimline') =>
  createStatuslineSetup({
    env: {},
    home,
    dataDir,
    target: { executable, args: ['/opt/Brimline/resources/cli/brimline.mjs'] },
    now: Date.now,
    platform: 'linux',
  });

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-data-'));
  mkdirSync(path.join(home, '.claude'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('status-line setup from the app', () => {
  it('installs behind an existing status line, keeps the other keys, and restores it exactly on removal', async () => {
    const original = { model: 'opus', statusLine: { type: 'command', command: 'my-prompt --short' }, hooks: { x: 1 } };
    writeFileSync(settingsFile(), JSON.stringify(original, null, 2));
    const s = setup();
    expect(await s.state()).toMatchObject({ kind: 'other', description: expect.stringContaining('my-prompt --short') });

    const installed = await s.set(true);
    expect(installed).toMatchObject({ kind: 'installed', chained: 'my-prompt --short' });
    expect(installed.message).toBeTruthy();
    const written = JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
    expect(written.model).toBe('opus');
    expect(written.hooks).toEqual({ x: 1 });
    // The command points at the launcher in Brimline's data folder, which exists and runs this app.
    expect(JSON.stringify(written.statusLine)).toContain(shimPath(dataDir, 'linux'));
    expect(readFileSync(shimPath(dataDir, 'linux'), 'utf8')).toContain('/opt/Brimline/brimline');

    const removed = await s.set(false);
    expect(removed.kind).toBe('other');
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual(original);
  });

  it('refuses to touch a settings.json that does not parse, and says so', async () => {
    writeFileSync(settingsFile(), '{ "statusLine": ');
    const s = setup();
    const state = await s.state();
    expect(state.kind).toBe('unreadable');
    const after = await s.set(true);
    expect(after.kind).toBe('unreadable');
    expect(after.message).toMatch(/cannot be read .* Brimline changed nothing/);
    expect(readFileSync(settingsFile(), 'utf8')).toBe('{ "statusLine": ');
  });

  it('repoints an existing launcher at the updated app, and writes none where there was none', async () => {
    await setup().refreshLauncher();
    expect(existsSync(shimPath(dataDir, 'linux'))).toBe(false);
    await setup('/opt/Brimline-1.0/brimline').set(true);
    await setup('/opt/Brimline-2.0/brimline').refreshLauncher();
    const shim = readFileSync(shimPath(dataDir, 'linux'), 'utf8');
    expect(shim).toContain('/opt/Brimline-2.0/brimline');
    expect(shim).not.toContain('/opt/Brimline-1.0/brimline');
  });
});
