/**
 * The launcher shipped in the app's resources (assets/cli/brimline), run in a copy of the Linux
 * install layout: `<app>/brimline` (the binary) and `<app>/resources/{bin,cli}`. The binary here is
 * a stand-in that, like Electron with the runAsNode fuse, runs its first argument as Node when
 * ELECTRON_RUN_AS_NODE=1 and refuses otherwise.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, fixtureAt, root } from './helpers';

describe.skipIf(process.platform === 'win32')('packaged launcher (resources/bin/brimline)', () => {
  it('runs the CLI bundle with the app binary as Node, also through a symlink on PATH', () => {
    const app = mkdtempSync(path.join(os.tmpdir(), 'hr-app-'));
    mkdirSync(path.join(app, 'resources', 'bin'), { recursive: true });
    copyFileSync(path.join(root, 'assets/cli/brimline'), path.join(app, 'resources', 'bin', 'brimline'));
    chmodSync(path.join(app, 'resources', 'bin', 'brimline'), 0o755);
    cpSync(path.dirname(buildCli()), path.join(app, 'resources', 'cli'), { recursive: true });
    writeFileSync(
      path.join(app, 'brimline'),
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "GUI mode" >&2; exit 9; }\nexec '${process.execPath}' "$@"\n`,
    );
    chmodSync(path.join(app, 'brimline'), 0o755);
    const onPath = mkdtempSync(path.join(os.tmpdir(), 'hr-path-'));
    symlinkSync(path.join(app, 'resources', 'bin', 'brimline'), path.join(onPath, 'brimline'));

    const data = mkdtempSync(path.join(os.tmpdir(), 'hr-appdata-'));
    const out = execFileSync(path.join(onPath, 'brimline'), ['statusline'], {
      input: JSON.stringify(fixtureAt(Date.now())),
      env: { PATH: process.env.PATH ?? '', HOME: data, BRIMLINE_DATA_DIR: data, CLAUDE_CONFIG_DIR: path.join(data, 'c') },
    });
    expect(String(out)).toMatch(/^5h 42% ↺\S+ · 7d 86%\n$/);
  });

  it('hands --toggle to the app binary itself (not as Node), which opens or closes the running popover', () => {
    const app = mkdtempSync(path.join(os.tmpdir(), 'hr-app-'));
    mkdirSync(path.join(app, 'resources', 'bin'), { recursive: true });
    copyFileSync(path.join(root, 'assets/cli/brimline'), path.join(app, 'resources', 'bin', 'brimline'));
    chmodSync(path.join(app, 'resources', 'bin', 'brimline'), 0o755);
    writeFileSync(path.join(app, 'brimline'), `#!/bin/sh\necho "node=\${ELECTRON_RUN_AS_NODE:-no} args=$*"\n`);
    chmodSync(path.join(app, 'brimline'), 0o755);
    const out = execFileSync(path.join(app, 'resources', 'bin', 'brimline'), ['--toggle'], { env: { PATH: process.env.PATH ?? '' } });
    expect(String(out)).toBe('node=no args=--toggle\n');
  });
});
