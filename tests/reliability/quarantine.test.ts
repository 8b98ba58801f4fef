/**
 * A corrupt or foreign file found at start-up is moved aside, kept byte for byte, named in a clear
 * message, and the defaults are used. Runs over every entry of PERSISTED_FILES.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBrimlineCore } from '../../electron/core/usage/app-core';
import { FILES } from '../../electron/core/platform/paths';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { PERSISTED_FILES } from './persisted-files';
import { recordFigure } from './report';

const BAD_FILES: { name: string; bytes: Buffer | 'directory' }[] = [
  { name: 'truncated JSON', bytes: Buffer.from('{"version":1,"sources":[{"snapshot":{"sourceId":"claude-o') },
  { name: 'foreign JSON', bytes: Buffer.from('{"name":"some-other-app","theme":"dark"}\n') },
  { name: 'binary', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]) },
  { name: 'empty', bytes: Buffer.alloc(0) },
  { name: 'a directory in its place', bytes: 'directory' },
];

let root = '';
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('bad files at start-up are set aside', () => {
  for (const entry of PERSISTED_FILES) {
    for (const bad of BAD_FILES) {
      it(`${entry.name}: ${bad.name}`, async () => {
        root ||= await mkdtemp(path.join(os.tmpdir(), 'brimline-quarantine-'));
        const dir = await mkdtemp(path.join(root, 'case-'));
        const file = path.join(dir, entry.fileName);
        // Files inside a folder of the data dir (history/…) need that folder.
        await mkdir(path.dirname(file), { recursive: true });
        if (bad.bytes === 'directory') await mkdir(path.join(file, 'inner'), { recursive: true });
        else await writeFile(file, bad.bytes);
        const got = await entry.load(dir).catch((err: unknown) => ({ kind: 'threw' as const, problem: String(err) }));
        let ok = false;
        try {
          expect(got.kind, got.kind === 'threw' ? got.problem : '').toBe('quarantined');
          if (got.kind !== 'quarantined') return;
          const moved = /moved to (.+?\.corrupt-[0-9TZ-]+)/.exec(got.problem)?.[1];
          expect(moved, got.problem).toBeDefined();
          expect(existsSync(file)).toBe(false);
          if (bad.bytes !== 'directory') expect(readFileSync(moved!).equals(bad.bytes)).toBe(true);
          // The next start finds no file and uses the defaults, quietly.
          expect((await entry.load(dir)).kind).toBe('missing');
          ok = true;
        } finally {
          recordFigure({
            section: 'quarantine',
            name: `${entry.name}: ${bad.name}`,
            tried: 1,
            bad: ok ? 0 : 1,
            detail: ok
              ? 'moved aside, kept, named; defaults in use'
              : `not set aside: ${got.kind === 'quarantined' ? got.problem : got.kind === 'threw' ? got.problem : got.kind}`,
          });
        }
      });
    }
  }

  it('the core starts with defaults and reports each file it set aside', async () => {
    root ||= await mkdtemp(path.join(os.tmpdir(), 'brimline-quarantine-'));
    const dir = await mkdtemp(path.join(root, 'core-'));
    await writeFile(path.join(dir, FILES.settings), '{"pollIntervalMinutes": "often"');
    await writeFile(path.join(dir, FILES.snapshots), '<html>');
    const core = createBrimlineCore({
      env: { BRIMLINE_DATA_DIR: dir, CLAUDE_CONFIG_DIR: path.join(dir, 'none') },
      dataDir: dir,
      sources: () => [],
      watchFiles: false,
    });
    await core.start();
    await core.stop();
    const problems = core.startupProblems();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/settings file could not be read .* moved to .*settings\.json\.corrupt-.* defaults are in use/);
    expect(problems[1]).toMatch(/saved usage data could not be read .* moved to .*snapshots\.json\.corrupt-/);
    expect(core.settings.get()).toEqual(DEFAULT_SETTINGS);
  });
});
