/**
 * Repointing a settings.json whose write fails after its backup was made (a disk filling up):
 * the file and the install record stay as they were, so a later repoint and uninstall still give
 * back the original bytes. The failure is injected into the atomic write of settings.json only.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const failing = vi.hoisted(() => ({ on: false }));
vi.mock('../../../../electron/core/platform/fs/atomic', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../electron/core/platform/fs/atomic')>();
  return {
    ...real,
    writeFileAtomic: async (file: string, ...rest: [string, number?]) => {
      if (failing.on && file.endsWith('settings.json'))
        throw new real.DiskWriteError(file, Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' }));
      return real.writeFileAtomic(file, ...rest);
    },
  };
});

const { repointStatuslineInstalls } = await import('../../../../electron/core/migration/statusline');
const { uninstallStatusline } = await import('../../../../electron/core/statusline/settings-file');

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const ORIGINAL = '{\n  "statusLine": {\n    "type": "command",\n    "command": "printf theirs"\n  }\n}\n';

describe('repointing when settings.json cannot be written', () => {
  it('keeps settings.json and its record as they were, says what to do, and a later repoint and uninstall still restore it', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-full-'));
    const data = path.join(base, 'Brimline');
    const claude = path.join(base, 'claude');
    fs.mkdirSync(data);
    fs.mkdirSync(claude);
    const file = path.join(claude, 'settings.json');
    const backup = `${file}.headroom-backup-1`;
    fs.writeFileSync(backup, ORIGINAL);
    const installed = ORIGINAL.replace('printf theirs', `'${base}/Headroom/bin/headroom' statusline`);
    fs.writeFileSync(file, installed);
    const stateFile = path.join(data, 'statusline-installs.json');
    const state = {
      version: 1,
      installs: {
        [file]: {
          hadFile: true,
          hadStatusLine: true,
          original: { type: 'command', command: 'printf theirs' },
          command: `'${base}/Headroom/bin/headroom' statusline`,
          backup,
          originalSha256: sha(ORIGINAL),
          writtenSha256: sha(installed),
          installedAt: '2026-11-20T10:00:00.000Z',
        },
      },
    };
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const opts = {
      dataDir: data,
      target: { executable: process.execPath, args: ['/x/brimline.mjs'] },
      now: Date.now,
      platform: 'linux' as const,
    };

    failing.on = true;
    const failed = await repointStatuslineInstalls(opts);
    expect(failed.repointed).toEqual([]);
    expect(failed.problems).toHaveLength(1);
    expect(failed.problems[0]).toContain(`Claude Code's status line in ${file} still runs Brimline's launcher from before its rename`);
    expect(failed.problems[0]).toContain('the disk is full');
    expect(failed.problems[0]).toContain('`brimline statusline install`');
    expect(fs.readFileSync(file, 'utf8')).toBe(installed);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual(state);

    failing.on = false;
    const ok = await repointStatuslineInstalls(opts);
    expect(ok).toEqual({ repointed: [file], problems: [] });
    const un = await uninstallStatusline({
      env: { CLAUDE_CONFIG_DIR: claude },
      dataDir: data,
      launcher: path.join(data, 'bin', 'brimline'),
      now: Date.now,
    });
    expect(un.message).toContain('restored');
    expect(fs.readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });
});
