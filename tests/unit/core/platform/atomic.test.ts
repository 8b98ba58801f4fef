import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskWriteError, loadJsonFile, writeJsonAtomic } from '../../../../electron/core/platform/fs/atomic';

describe('atomic files', () => {
  it('writes, replaces and leaves no temp files, readable only by the user', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-atomic-'));
    const f = path.join(dir, 'state.json');
    await writeJsonAtomic(f, { a: 1 });
    await writeJsonAtomic(f, { a: 2 });
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ a: 2 });
    expect(readdirSync(dir)).toEqual(['state.json']);
    if (process.platform !== 'win32') expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('keeps the previous file and explains when a write fails', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; simulate with a path whose parent is a file instead.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-atomic-'));
      writeFileSync(path.join(dir, 'blocker'), 'x');
      await expect(writeJsonAtomic(path.join(dir, 'blocker', 'state.json'), { a: 1 })).rejects.toBeInstanceOf(DiskWriteError);
      return;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-atomic-'));
    const f = path.join(dir, 'state.json');
    await writeJsonAtomic(f, { a: 1 });
    chmodSync(dir, 0o500);
    try {
      await expect(writeJsonAtomic(f, { a: 2 })).rejects.toThrow(/previous version is kept/);
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ a: 1 });
  });

  it('describes a full disk in words', () => {
    const e = new DiskWriteError('/x/settings.json', Object.assign(new Error('nospace'), { code: 'ENOSPC' }));
    expect(e.message).toBe('Could not save settings.json: the disk is full. The previous version is kept.');
  });

  it('quarantines a file that fails validation', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-atomic-'));
    const f = path.join(dir, 'x.json');
    writeFileSync(f, JSON.stringify({ foreign: true }));
    const r = await loadJsonFile(
      f,
      () => ({ ok: false as const, error: 'not ours' }),
      () => Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(r).toEqual({ kind: 'quarantined', movedTo: `${f}.corrupt-2026-01-01T00-00-00-000Z`, reason: 'not ours' });
    expect(readdirSync(dir)).toEqual(['x.json.corrupt-2026-01-01T00-00-00-000Z']);
    expect(await loadJsonFile(f, () => ({ ok: true as const, value: 1 }))).toEqual({ kind: 'missing' });
  });
});

describe('orphan temp files', () => {
  it('removes temp files of dead writers and keeps those of live ones and real files', async () => {
    const { removeOrphanTempFiles } = await import('../../../../electron/core/platform/fs/atomic');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-orphans-'));
    // A pid that has certainly exited: a child we ran to completion.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = `.settings.json.${dead}.0123abcd.tmp`;
    const live = `.settings.json.${process.pid}.89abcdef.tmp`;
    for (const f of [orphan, live, 'settings.json', '.unrelated.tmp']) writeFileSync(path.join(dir, f), '{}');
    expect(await removeOrphanTempFiles(dir)).toEqual([orphan]);
    expect(readdirSync(dir).sort()).toEqual(['.settings.json.' + process.pid + '.89abcdef.tmp', '.unrelated.tmp', 'settings.json'].sort());
  });
});
