/**
 * Claude Code's settings.json written by a development build (`headroom statusline`): after the
 * data folder moves, the first CLI start points it at the new launcher, keeping the chained
 * command and the record uninstall restores from; install recognises the former command as ours.
 * Real files in temp dirs, the built bin, the command run the way Claude Code runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLegacyStatuslineCommand, repointStatuslineInstalls } from '../../../../electron/core/migration/statusline';
import { chainedCommand, installStatusline, uninstallStatusline } from '../../../../electron/core/statusline/settings-file';
import { buildCli, fixtureAt, runBin, type RunResult } from '../statusline/helpers';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

const ORIGINAL =
  '{\n    "model": "opus",\n    "statusLine": {\n        "type": "command",\n        "command": "printf \'theirs\\\\n\'",\n        "padding": 1\n    },\n    "env": {\n        "FOO": "bar"\n    }\n}\n';

interface Dev {
  home: string;
  env: Record<string, string>;
  from: string;
  to: string;
  claude: string;
  settingsFile: string;
  backup: string;
}

/** What a development build left: its data folder, its launcher, and a settings.json it changed. */
function developmentBuild(): Dev {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-sl-'));
  const config = path.join(home, '.config');
  const from = path.join(config, 'Headroom');
  const to = path.join(config, 'Brimline');
  const claude = path.join(home, 'claude');
  fs.mkdirSync(path.join(from, 'bin'), { recursive: true });
  fs.mkdirSync(claude);
  const oldLauncher = path.join(from, 'bin', 'headroom');
  fs.writeFileSync(oldLauncher, `#!/bin/sh\nHEADROOM_DATA_DIR='${from}'; export HEADROOM_DATA_DIR\nexec /nonexistent/headroom.mjs "$@"\n`, {
    mode: 0o700,
  });
  const settingsFile = path.join(claude, 'settings.json');
  const backup = `${settingsFile}.headroom-backup-2026-11-20T10-00-00-000Z`;
  fs.writeFileSync(backup, ORIGINAL, { mode: 0o600 });
  const installed = ORIGINAL.replace(`"command": "printf 'theirs\\\\n'"`, `"command": "'${oldLauncher}' statusline"`);
  fs.writeFileSync(settingsFile, installed);
  const record = {
    hadFile: true,
    hadStatusLine: true,
    original: { type: 'command', command: "printf 'theirs\\n'", padding: 1 },
    command: `'${oldLauncher}' statusline`,
    backup,
    originalSha256: sha(ORIGINAL),
    writtenSha256: sha(installed),
    installedAt: '2026-11-20T10:00:00.000Z',
  };
  fs.writeFileSync(path.join(from, 'statusline-installs.json'), JSON.stringify({ version: 1, installs: { [settingsFile]: record } }));
  return {
    home,
    from,
    to,
    claude,
    settingsFile,
    backup,
    env: { HOME: home, XDG_CONFIG_HOME: config, CLAUDE_CONFIG_DIR: claude },
  };
}

function runAsClaudeCode(command: string, input: string, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: 0 }));
    child.stdin.end(input);
  });
}

const statusLineOf = (file: string): { command: string; padding?: number } =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { statusLine: { command: string; padding?: number } }).statusLine;

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000);

describe('status line after the data folder moves', () => {
  it('the first CLI start repoints settings.json at the new launcher, chain kept, and uninstall restores the original bytes', async () => {
    const dev = developmentBuild();
    const first = await runBin(bin, ['statusline', 'show'], { env: dev.env });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`your data moved from ${dev.from} to ${dev.to}`);
    expect(fs.existsSync(dev.from)).toBe(false);

    const launcher = path.join(dev.to, 'bin', 'brimline');
    expect(statusLineOf(dev.settingsFile)).toEqual({ type: 'command', command: `'${launcher}' statusline`, padding: 1 });
    expect(Object.keys(JSON.parse(fs.readFileSync(dev.settingsFile, 'utf8')) as object)).toEqual(['model', 'statusLine', 'env']);
    expect(fs.existsSync(launcher)).toBe(true);
    expect(fs.readdirSync(path.join(dev.to, 'bin'))).toEqual(['brimline']);
    expect(chainedCommand(dev.to, dev.settingsFile)).toBe("printf 'theirs\\n'");
    expect(first.stdout).toContain(`Status line: Brimline ('${launcher}' statusline)`);

    // Claude Code's status line works again: the chained tool first, then Brimline's numbers.
    const input = JSON.stringify(fixtureAt(Date.now()));
    const run = await runAsClaudeCode(statusLineOf(dev.settingsFile).command, input, { HOME: dev.home, CLAUDE_CONFIG_DIR: dev.claude });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^theirs \| 5h 42% ↺\S+ · 7d 86%\n$/);

    const un = await runBin(bin, ['statusline', 'uninstall'], { env: dev.env });
    expect(un.stdout).toContain('restored');
    expect(fs.readFileSync(dev.settingsFile, 'utf8')).toBe(ORIGINAL);
  }, 60_000);

  // A read-only mount needs a mount namespace (`unshare -rm`, unprivileged where user namespaces are on).
  const canMount = spawnSync('unshare', ['-rm', 'true']).status === 0;
  it.skipIf(!canMount)(
    `a settings.json that cannot be written is left as it was, with what to do; install then repoints it and uninstall still restores it${canMount ? '' : ' (skipped: no mount namespace here)'}`,
    async () => {
      const dev = developmentBuild();
      const before = fs.readFileSync(dev.settingsFile, 'utf8');
      // Claude Code's folder mounted read-only, for this run only (root ignores file modes).
      const script = `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "$2" "$3" statusline show`;
      const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', dev.claude, process.execPath, bin], {
        env: { PATH: process.env.PATH ?? '', ...dev.env },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(`Claude Code's status line in ${dev.settingsFile} still runs Brimline's launcher from before its rename`);
      expect(r.stderr).toContain('run `brimline statusline install`');
      expect(fs.readFileSync(dev.settingsFile, 'utf8')).toBe(before);
      expect(fs.existsSync(dev.to)).toBe(true);

      const inst = await runBin(bin, ['statusline', 'install'], { env: dev.env });
      expect(inst.code).toBe(0);
      expect(statusLineOf(dev.settingsFile).command).toBe(`'${path.join(dev.to, 'bin', 'brimline')}' statusline`);
      expect(chainedCommand(dev.to, dev.settingsFile)).toBe("printf 'theirs\\n'");
      await runBin(bin, ['statusline', 'uninstall'], { env: dev.env });
      expect(fs.readFileSync(dev.settingsFile, 'utf8')).toBe(ORIGINAL);
    },
    60_000,
  );
});

describe('repointing at every start', () => {
  it("also repoints Brimline's own launcher installed in the former folder while its move had failed, then leaves all as it is", async () => {
    const dev = developmentBuild();
    // The move had failed: the app used the former folder, and installing there wrote its own launcher.
    const inFormer = path.join(dev.from, 'bin', 'brimline');
    const ctx = {
      env: { CLAUDE_CONFIG_DIR: dev.claude },
      dataDir: dev.from,
      launcher: inFormer,
      now: Date.now,
      platform: 'linux' as const,
    };
    fs.writeFileSync(inFormer, '#!/bin/sh\n', { mode: 0o700 });
    expect((await installStatusline(ctx)).ok).toBe(true);
    expect(statusLineOf(dev.settingsFile).command).toBe(`'${inFormer}' statusline`);
    const target = { executable: process.execPath, args: [bin] };
    // Still in the former folder: nothing to do.
    expect(await repointStatuslineInstalls({ dataDir: dev.from, target, now: Date.now, platform: 'linux' })).toEqual({
      repointed: [],
      problems: [],
    });
    fs.renameSync(dev.from, dev.to);
    const res = await repointStatuslineInstalls({ dataDir: dev.to, target, now: Date.now, platform: 'linux' });
    expect(res).toEqual({ repointed: [dev.settingsFile], problems: [] });
    expect(statusLineOf(dev.settingsFile).command).toBe(`'${path.join(dev.to, 'bin', 'brimline')}' statusline`);
    expect(chainedCommand(dev.to, dev.settingsFile)).toBe("printf 'theirs\\n'");
    expect(await repointStatuslineInstalls({ dataDir: dev.to, target, now: Date.now, platform: 'linux' })).toEqual({
      repointed: [],
      problems: [],
    });
    await uninstallStatusline({ ...ctx, dataDir: dev.to, launcher: path.join(dev.to, 'bin', 'brimline') });
    expect(fs.readFileSync(dev.settingsFile, 'utf8')).toBe(ORIGINAL);
  });
});

describe('install recognises the former command as ours', () => {
  const FORMS = [
    `'/home/u/.config/Headroom/bin/headroom' statusline`,
    `"C:\\Users\\u\\AppData\\Roaming\\Headroom\\bin\\headroom.cmd" statusline`,
    'headroom statusline',
    'npx headroom statusline',
    'npm run --silent headroom -- statusline',
    'node /src/headroom/out/cli/headroom.mjs statusline',
  ];

  it.each(FORMS)('replaces %s in place, chaining nothing', async (command) => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-form-'));
    const claude = path.join(base, 'claude');
    const data = path.join(base, 'data');
    fs.mkdirSync(claude);
    const file = path.join(claude, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ a: 1, statusLine: { type: 'command', command }, z: 2 }, null, 2) + '\n');
    expect(isLegacyStatuslineCommand(command)).toBe(true);
    const ctx = {
      env: { CLAUDE_CONFIG_DIR: claude },
      dataDir: data,
      launcher: path.join(data, 'bin', 'brimline'),
      now: Date.now,
      platform: 'linux' as const,
    };
    const res = await installStatusline(ctx);
    expect(res.ok && res.message).not.toContain('is kept');
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(after)).toEqual(['a', 'statusLine', 'z']);
    expect(after.statusLine).toEqual({ type: 'command', command: `'${ctx.launcher}' statusline` });
    expect(chainedCommand(data, file)).toBeNull();
    // Without a record of what was there before, uninstall points at every backup, the former ones too.
    fs.rmSync(path.join(data, 'statusline-installs.json'));
    fs.writeFileSync(`${file}.headroom-backup-2026-11-01T00-00-00-000Z`, '{}');
    const un = await uninstallStatusline(ctx);
    expect(un.message).toContain('settings.json.brimline-backup-* beside it (and settings.json.headroom-backup-* from before');
  });

  it('does not take another tool that merely mentions the word for ours', () => {
    expect(isLegacyStatuslineCommand('echo headroom')).toBe(false);
    expect(isLegacyStatuslineCommand('myheadroom statusline')).toBe(false);
    expect(isLegacyStatuslineCommand('brimline statusline')).toBe(false);
  });
});
