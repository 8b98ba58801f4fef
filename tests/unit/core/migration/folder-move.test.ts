/**
 * The former data folder moves to the new one on the first start: real folders in temp dirs; the
 * failures (another volume, a full disk, a denied write) are injected into the file-system calls.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pendingFolderMove } from '../../../../electron/core/migration/data-folder';
import { moveDataFolder, NOTE_FILE, type FolderFs } from '../../../../electron/core/migration/folder-move';
import { migrateDataFolderAtAppStart } from '../../../../electron/core/migration/app-start';
import { errno, legacyHome, treeListing } from './helpers';

const run = promisify(execFile);

/** Real fs, with rename refused for the folder itself and copyFileSync failing on its `failAt`-th call. */
function faultyFs(opts: { renameCode?: string; copyCode?: string; failAt?: number } = {}): FolderFs & { copies: number } {
  const f = { ...fs, copies: 0 } as FolderFs & { copies: number };
  f.renameSync = (a, b) => {
    if (opts.renameCode && !String(a).includes('.partial-')) throw errno(opts.renameCode);
    fs.renameSync(a, b);
  };
  f.copyFileSync = (a, b, mode) => {
    f.copies++;
    if (opts.copyCode && f.copies >= (opts.failAt ?? 1)) throw errno(opts.copyCode);
    fs.copyFileSync(a, b, mode);
  };
  return f;
}

const siblings = (config: string): string[] => fs.readdirSync(config).sort();

describe('which folder waits to move', () => {
  it('asks nothing of the disk when a variable sets the data folder (the status-line launcher does)', () => {
    const calls: string[] = [];
    const exists = (p: string): boolean => (calls.push(p), true);
    expect(pendingFolderMove({ BRIMLINE_DATA_DIR: '/x' }, 'linux', '/home/u', exists)).toBeNull();
    expect(pendingFolderMove({ HEADROOM_DATA_DIR: '/x' }, 'linux', '/home/u', exists)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('costs one existsSync once the new folder exists', () => {
    const calls: string[] = [];
    expect(pendingFolderMove({}, 'linux', '/home/u', (p) => (calls.push(p), true))).toBeNull();
    expect(calls).toEqual(['/home/u/.config/Brimline']);
  });

  it('names the former folder beside the new one on each platform', () => {
    const only = (p: string): boolean => !p.endsWith('Brimline');
    expect(pendingFolderMove({}, 'darwin', '/Users/u', only)).toEqual({
      from: '/Users/u/Library/Application Support/Headroom',
      to: '/Users/u/Library/Application Support/Brimline',
    });
    expect(pendingFolderMove({ APPDATA: '/c/AppData/Roaming' }, 'win32', '/c', only)).toEqual({
      from: path.join('/c/AppData/Roaming', 'Headroom'),
      to: path.join('/c/AppData/Roaming', 'Brimline'),
    });
    expect(pendingFolderMove({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u', only)).toEqual({
      from: '/xdg/Headroom',
      to: '/xdg/Brimline',
    });
    expect(pendingFolderMove({}, 'linux', '/home/u', () => false)).toBeNull();
  });
});

describe('moving the folder', () => {
  it('renames it, keeping every file, link and mode', () => {
    const h = legacyHome();
    const before = treeListing(h.from);
    const plan = pendingFolderMove(h.env, 'linux', h.home)!;
    expect(moveDataFolder(plan)).toEqual({ kind: 'moved', how: 'renamed', from: h.from, to: h.to });
    expect(treeListing(h.to)).toEqual(before);
    expect(fs.existsSync(h.from)).toBe(false);
    expect(siblings(h.config)).toEqual(['Brimline']);
    expect(pendingFolderMove(h.env, 'linux', h.home)).toBeNull();
  });

  it.each(['EXDEV', 'EPERM', 'EBUSY'])('copies when rename fails with %s, and leaves a note in the old folder', (code) => {
    const h = legacyHome();
    const before = treeListing(h.from);
    const res = moveDataFolder(
      { from: h.from, to: h.to },
      { fs: faultyFs({ renameCode: code }), now: () => Date.parse('2026-12-04T10:00:00Z') },
    );
    expect(res).toEqual({ kind: 'moved', how: 'copied', from: h.from, to: h.to });
    expect(treeListing(h.to)).toEqual(before);
    const note = fs.readFileSync(path.join(h.from, NOTE_FILE), 'utf8');
    expect(note).toContain(h.to);
    expect(note).toContain('2026-12-04T10:00:00.000Z');
    // The old folder is kept as it was, plus the note; no partial copy or lock is left beside them.
    expect(treeListing(h.from).filter((l) => !l.startsWith(NOTE_FILE))).toEqual(before);
    expect(siblings(h.config)).toEqual(['Brimline', 'Headroom']);
  });

  it.each([
    ['ENOSPC', /disk is full.*free some disk space/s],
    ['EACCES', /permission was denied.*make sure you can write to/s],
  ])('a copy failing halfway with %s removes its partial copy, loses nothing and says what to do', (code, says) => {
    const h = legacyHome();
    const before = treeListing(h.from);
    const f = faultyFs({ renameCode: 'EXDEV', copyCode: code, failAt: 4 });
    const res = moveDataFolder({ from: h.from, to: h.to }, { fs: f });
    expect(f.copies).toBe(4);
    expect(res.kind).toBe('failed');
    if (res.kind !== 'failed') return;
    expect(res.from).toBe(h.from);
    expect(res.message).toMatch(says);
    expect(res.message).toContain(`Nothing was lost: Brimline uses ${h.from}`);
    expect(treeListing(h.from)).toEqual(before);
    expect(fs.existsSync(h.to)).toBe(false);
    expect(siblings(h.config).filter((n) => n.includes('partial') || n.endsWith('lock'))).toEqual([]);
  });

  it('after a failed copy the CLI waits before trying again, the app tries at once and finishes', () => {
    const h = legacyHome();
    const before = treeListing(h.from);
    let t = 1_000_000;
    const now = (): number => t;
    const full = faultyFs({ renameCode: 'EXDEV', copyCode: 'ENOSPC', failAt: 2 });
    expect(moveDataFolder({ from: h.from, to: h.to }, { fs: full, now }).kind).toBe('failed');
    // A status-line run a minute later does not copy again…
    t += 60_000;
    const cli = faultyFs({ renameCode: 'EXDEV' });
    const again = moveDataFolder({ from: h.from, to: h.to }, { fs: cli, now, retryAfterMs: 600_000 });
    expect(again.kind === 'failed' && again.message).toMatch(/disk is full/);
    expect(cli.copies).toBe(0);
    // …the app does, and with space again it succeeds.
    const app = faultyFs({ renameCode: 'EXDEV' });
    expect(moveDataFolder({ from: h.from, to: h.to }, { fs: app, now }).kind).toBe('moved');
    expect(treeListing(h.to)).toEqual(before);
    expect(siblings(h.config)).toEqual(['Brimline', 'Headroom']);
  });

  it('waits for another process holding the lock, then uses the old folder for this run and says so', () => {
    const h = legacyHome();
    fs.writeFileSync(`${h.to}.migration-lock`, '999 now\n');
    let t = Date.now();
    const res = moveDataFolder({ from: h.from, to: h.to }, { now: () => t, waitMs: 500, sleep: (ms) => void (t += ms) });
    expect(res.kind === 'failed' && res.message).toMatch(/Another Brimline process is moving/);
    expect(fs.existsSync(h.to)).toBe(false);
    expect(fs.existsSync(h.from)).toBe(true);
  });

  it('takes over a lock left by a process that died', () => {
    const h = legacyHome();
    const lock = `${h.to}.migration-lock`;
    fs.writeFileSync(lock, '999 long ago\n');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(lock, old, old);
    expect(moveDataFolder({ from: h.from, to: h.to }).kind).toBe('moved');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('two first starts at once (the app and a status-line call): one moves, the other uses the result', async () => {
    const h = legacyHome();
    const before = treeListing(h.from);
    const child = path.join(__dirname, 'folder-move-child.ts');
    const GO_AT = String(Date.now() + 4000);
    const start = (): Promise<{ stdout: string }> =>
      run(process.execPath, ['--import', 'tsx', child], { env: { PATH: process.env.PATH ?? '', ...h.env, GO_AT }, timeout: 60_000 });
    const results = (await Promise.all([start(), start()])).map((r) => (JSON.parse(r.stdout) as { kind: string }).kind).sort();
    expect(results).toEqual(['moved', 'nothing']);
    expect(treeListing(h.to)).toEqual(before);
    expect(siblings(h.config)).toEqual(['Brimline', 'Headroom']);
  }, 90_000);

  it('the app start uses the old folder and its own Chromium profile there while the move fails', () => {
    const h = legacyHome();
    // XDG_CONFIG_HOME puts both folders in the temp home.
    const res = migrateDataFolderAtAppStart(h.env, { fs: faultyFs({ renameCode: 'EXDEV', copyCode: 'ENOSPC', failAt: 1 }) });
    expect(res.dataDir).toBe(h.from);
    expect(res.chromiumProfile).toBe(path.join(h.from, 'Chromium'));
    expect(res.problems).toHaveLength(1);
    expect(res.problems[0]).toMatch(/disk is full/);
    expect(fs.existsSync(h.to)).toBe(false);
    const ok = migrateDataFolderAtAppStart(h.env);
    expect(ok).toEqual({ dataDir: h.to, chromiumProfile: null, problems: [], log: `Data folder moved from ${h.from} to ${h.to}.` });
  });
});
