/**
 * `brimline statusline install | uninstall | show` against real settings.json files in temp dirs,
 * through the built bin; the installed command is then run the way Claude Code runs it (`sh -c`).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { rmSync } from 'node:fs';
import { statuslineState } from '../../../../electron/core/statusline/settings-file';
import { buildCli, fixtureAt, runBin, tempDirs, type RunResult } from './helpers';

let bin: string;
let dirs: ReturnType<typeof tempDirs>;
let env: Record<string, string>;
let settingsFile: string;

beforeAll(() => {
  bin = buildCli();
});

beforeEach(() => {
  dirs = tempDirs();
  env = { HOME: dirs.home, BRIMLINE_DATA_DIR: dirs.data, CLAUDE_CONFIG_DIR: dirs.config };
  settingsFile = path.join(dirs.config, 'settings.json');
});

const cli = (...args: string[]): Promise<RunResult> => runBin(bin, ['statusline', ...args], { env });
const settings = (): Record<string, unknown> => JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
const backups = (dir = dirs.config): string[] => readdirSync(dir).filter((n) => n.includes('.brimline-backup-'));

/** Runs the statusLine command from settings.json as Claude Code does: through a shell, payload on stdin. */
function runAsClaudeCode(command: string, input: string, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: dirs.home, env: { PATH: process.env.PATH ?? '', ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(input);
  });
}

const ORIGINAL_WITH_STATUSLINE =
  '{\n    "model": "opus",\n    "statusLine": {\n        "type": "command",\n        "command": "cat > seen.json; printf \'theirs\\\\n\'",\n        "padding": 1\n    },\n    "env": {\n        "FOO": "bar"\n    }\n}\n';

describe('statusline install / uninstall', () => {
  it('chains an existing status line, keeps every other key in order, and uninstall restores the file byte for byte', async () => {
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    const inst = await cli('install');
    expect(inst.code).toBe(0);
    expect(inst.stdout).toContain('is kept: Brimline runs it with the same input');
    expect(inst.stdout).toContain("`cat > seen.json; printf 'theirs\\n'`");

    const after = settings();
    expect(Object.keys(after)).toEqual(['model', 'statusLine', 'env']);
    expect(after.model).toBe('opus');
    expect(after.env).toEqual({ FOO: 'bar' });
    const launcher = path.join(dirs.data, 'bin', 'brimline');
    expect(after.statusLine).toEqual({ type: 'command', command: `'${launcher}' statusline`, padding: 1 });
    expect(readFileSync(settingsFile, 'utf8')).toMatch(/^\{\n {4}"model"/);
    // Backed up before writing: the backup is the original, exactly.
    expect(backups()).toHaveLength(1);
    expect(readFileSync(path.join(dirs.config, backups()[0]!), 'utf8')).toBe(ORIGINAL_WITH_STATUSLINE);

    const show = await cli('show');
    expect(show.stdout).toContain(`Status line: Brimline ('${launcher}' statusline)`);
    expect(show.stdout).toContain("Chained: `cat > seen.json; printf 'theirs\\n'` runs first");

    // Claude Code runs the command: both outputs are printed, the chained one got the same stdin.
    const input = JSON.stringify(fixtureAt(Date.now()));
    const run = await runAsClaudeCode((after.statusLine as { command: string }).command, input);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^theirs \| 5h 42% ↺\S+ · 7d 86%\n$/);
    expect(readFileSync(path.join(dirs.home, 'seen.json'), 'utf8')).toBe(input);
    expect(readdirSync(path.join(dirs.data, 'statusline')).filter((n) => n.endsWith('.json'))).toHaveLength(1);

    const un = await cli('uninstall');
    expect(un.code).toBe(0);
    expect(un.stdout).toContain('restored');
    expect(readFileSync(settingsFile, 'utf8')).toBe(ORIGINAL_WITH_STATUSLINE);
    expect((await cli('show')).stdout).toContain("Status line: another tool's");
  });

  it('after other edits, uninstall puts the original status line back in place and keeps those edits', async () => {
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    const original = settings().statusLine;
    expect((await cli('install')).code).toBe(0);
    const edited = { ...settings(), theme: 'dark' };
    writeFileSync(settingsFile, JSON.stringify(edited, null, 2) + '\n');
    expect((await cli('uninstall')).code).toBe(0);
    const after = settings();
    expect(Object.keys(after)).toEqual(['model', 'statusLine', 'env', 'theme']);
    expect(after.statusLine).toEqual(original);
    expect(after.theme).toBe('dark');
  });

  it('without a status line: adds one at the end, and uninstall gives back the same bytes', async () => {
    const original = '{\n  "model": "sonnet",\n  "permissions": {\n    "allow": ["Bash(ls:*)"]\n  }\n}\n';
    writeFileSync(settingsFile, original);
    const inst = await cli('install');
    expect(inst.code).toBe(0);
    expect(inst.stdout).not.toContain('is kept');
    expect(Object.keys(settings())).toEqual(['model', 'permissions', 'statusLine']);
    expect(settings().permissions).toEqual({ allow: ['Bash(ls:*)'] });
    const run = await runAsClaudeCode((settings().statusLine as { command: string }).command, JSON.stringify(fixtureAt(Date.now())));
    expect(run.stdout).toMatch(/^5h 42% ↺\S+ · 7d 86%\n$/);
    expect((await cli('uninstall')).code).toBe(0);
    expect(readFileSync(settingsFile, 'utf8')).toBe(original);
  });

  it('without a settings file: creates it, and uninstall removes it again', async () => {
    expect((await cli('install')).code).toBe(0);
    expect(Object.keys(settings())).toEqual(['statusLine']);
    expect((await cli('uninstall')).code).toBe(0);
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('refuses a settings.json that cannot be parsed, with a clear message, and touches nothing', async () => {
    const broken = '{\n  // my settings\n  "model": "opus",\n}\n';
    writeFileSync(settingsFile, broken);
    for (const verb of ['install', 'uninstall']) {
      const r = await cli(verb);
      expect(r.code, verb).toBe(1);
      expect(r.stderr).toContain(`Claude Code's settings file ${settingsFile} cannot be read (it is not valid JSON`);
      expect(r.stderr).toContain('Brimline changed nothing: fix or move the file');
      expect(readFileSync(settingsFile, 'utf8')).toBe(broken);
      expect(backups()).toEqual([]);
      expect(existsSync(path.join(dirs.data, 'statusline-installs.json'))).toBe(false);
    }
    expect((await cli('show')).stdout).toContain('Status line: unknown, the file cannot be read');
  });

  it('writes to CLAUDE_CONFIG_DIR when set, and to ~/.claude otherwise', async () => {
    const defaultFile = path.join(dirs.home, '.claude', 'settings.json');
    expect((await cli('install')).code).toBe(0);
    expect(existsSync(settingsFile)).toBe(true);
    expect(existsSync(defaultFile)).toBe(false);

    const noOverride = { HOME: dirs.home, BRIMLINE_DATA_DIR: dirs.data };
    mkdirSync(path.dirname(defaultFile), { recursive: true });
    writeFileSync(defaultFile, '{"model":"opus"}');
    const r = await runBin(bin, ['statusline', 'install'], { env: noOverride });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(defaultFile, 'utf8'))).toMatchObject({ model: 'opus', statusLine: { type: 'command' } });
    // Without a final newline before, none after; other settings file untouched by the second install.
    expect(readFileSync(defaultFile, 'utf8').endsWith('\n')).toBe(false);
    expect(await runBin(bin, ['statusline', 'uninstall'], { env: noOverride })).toMatchObject({ code: 0 });
    expect(readFileSync(defaultFile, 'utf8')).toBe('{"model":"opus"}');
    expect(settings().statusLine).toMatchObject({ type: 'command' });
  });

  it('installing twice changes nothing and never chains Brimline to itself', async () => {
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    expect((await cli('install')).code).toBe(0);
    const once = readFileSync(settingsFile, 'utf8');
    const again = await cli('install');
    expect(again.stdout).toContain('already installed');
    expect(readFileSync(settingsFile, 'utf8')).toBe(once);
    expect((await cli('uninstall')).code).toBe(0);
    expect(readFileSync(settingsFile, 'utf8')).toBe(ORIGINAL_WITH_STATUSLINE);
  });

  it("leaves another tool's status line alone if it replaced Brimline's after install", async () => {
    expect((await cli('install')).code).toBe(0);
    const theirs = { statusLine: { type: 'command', command: 'other-tool statusline' } };
    writeFileSync(settingsFile, JSON.stringify(theirs));
    const r = await cli('uninstall');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("which is not Brimline's; it was left as it is");
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual(theirs);
  });

  it('still runs the chained status line, with the same stdin, when Brimline cannot use the input', async () => {
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    expect((await cli('install')).code).toBe(0);
    const run = await runAsClaudeCode((settings().statusLine as { command: string }).command, 'not json at all');
    expect(run).toMatchObject({ code: 0, stdout: 'theirs | Brimline: no usage data\n' });
    expect(readFileSync(path.join(dirs.home, 'seen.json'), 'utf8')).toBe('not json at all');
    expect(existsSync(path.join(dirs.data, 'statusline'))).toBe(false);
  });

  it('prints its own segment when the chained command hangs', async () => {
    writeFileSync(settingsFile, JSON.stringify({ statusLine: { type: 'command', command: 'sleep 10; echo late' } }));
    expect((await cli('install')).code).toBe(0);
    const run = await runAsClaudeCode((settings().statusLine as { command: string }).command, JSON.stringify(fixtureAt(Date.now())));
    expect(run.stdout).toMatch(/^5h 42% ↺\S+ · 7d 86%\n$/);
    expect(run.ms).toBeLessThan(8000);
  });

  it('the launcher pins the data dir it was installed for, whatever Claude Code has in its environment', async () => {
    expect((await cli('install')).code).toBe(0);
    const elsewhere = path.join(dirs.home, 'elsewhere');
    const run = await runAsClaudeCode((settings().statusLine as { command: string }).command, JSON.stringify(fixtureAt(Date.now())), {
      BRIMLINE_DATA_DIR: elsewhere,
    });
    expect(run.code).toBe(0);
    // One observation and its trail line (statusline/trail.ts), both in the pinned data dir.
    const names = readdirSync(path.join(dirs.data, 'statusline'));
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.trail'))).toHaveLength(1);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('reports its state for the Settings switch: none, Brimline (chained, launcher present or not), another tool', async () => {
    const ctx = { env, dataDir: dirs.data, launcher: path.join(dirs.data, 'bin', 'brimline'), now: () => Date.now() };
    expect(await statuslineState(ctx)).toEqual({ kind: 'none', file: settingsFile });
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    expect(await statuslineState(ctx)).toMatchObject({ kind: 'other', description: "`cat > seen.json; printf 'theirs\\n'`" });
    expect((await cli('install')).code).toBe(0);
    expect(await statuslineState(ctx)).toMatchObject({
      kind: 'brimline',
      chained: "cat > seen.json; printf 'theirs\\n'",
      launcherCurrent: true,
      launcherExists: true,
    });
    rmSync(ctx.launcher);
    expect(await statuslineState(ctx)).toMatchObject({ kind: 'brimline', launcherExists: false });
    expect((await cli('show')).stdout).toContain('is missing; `brimline statusline install` writes it again');
    expect(await statuslineState({ ...ctx, launcher: '/elsewhere/bin/brimline' })).toMatchObject({ launcherCurrent: false });
  });

  it('sets a corrupt install record aside instead of overwriting it, and still uninstalls', async () => {
    writeFileSync(settingsFile, ORIGINAL_WITH_STATUSLINE);
    expect((await cli('install')).code).toBe(0);
    writeFileSync(path.join(dirs.data, 'statusline-installs.json'), '{"version":1,"installs":');
    const r = await cli('uninstall');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no record of what was there before; earlier versions are in settings.json.brimline-backup-*');
    // Without the record the original cannot come back: the key goes, and the corrupt copy is kept.
    expect(settings()).toEqual({ model: 'opus', env: { FOO: 'bar' } });
    expect(readdirSync(dirs.data).filter((n) => n.startsWith('statusline-installs.json.corrupt-'))).toHaveLength(1);
    expect(backups().length).toBeGreaterThanOrEqual(2);
  });
});
