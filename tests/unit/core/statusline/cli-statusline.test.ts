/**
 * `brimline statusline` as Claude Code runs it: the built bin in a real process, stdin piped in.
 * Every malformed input must exit 0 with a short line, record nothing, and print no secret.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { FALLBACK_LINE } from '../../../../electron/core/statusline/line';
import { allFiles, buildCli, fixtureAt, root, runBin, tempDirs } from './helpers';

const execFileP = promisify(execFile);

let bin: string;
let dirs: ReturnType<typeof tempDirs>;
let env: Record<string, string>;

beforeAll(() => {
  bin = buildCli();
});

beforeEach(() => {
  dirs = tempDirs();
  env = { HOME: dirs.home, BRIMLINE_DATA_DIR: dirs.data, CLAUDE_CONFIG_DIR: dirs.config };
});

const obsDir = (): string => path.join(dirs.data, 'statusline');
const observations = (): Array<Record<string, unknown>> =>
  existsSync(obsDir())
    ? readdirSync(obsDir())
        .filter((n) => n.endsWith('.json'))
        .map((n) => JSON.parse(readFileSync(path.join(obsDir(), n), 'utf8')) as Record<string, unknown>)
    : [];

/** A payload shaped like Claude Code's, with the fields Brimline must not keep. */
function richPayload(now: number): Record<string, unknown> {
  return {
    session_id: '0b6f3c1e-4a1d-4c8e-9f55-1b2f3a4c5d6e',
    transcript_path: '/home/someone/.claude/projects/secret-project/0b6f.jsonl',
    cwd: '/home/someone/secret-project',
    model: { id: 'claude-opus-4-5', display_name: 'Opus' },
    workspace: { current_dir: '/home/someone/secret-project', project_dir: '/home/someone/secret-project' },
    version: '2.1.80',
    output_style: { name: 'default' },
    cost: { total_cost_usd: 1.23, total_duration_ms: 4000 },
    ...fixtureAt(now),
  };
}

describe('brimline statusline (built bin, real process)', () => {
  it('records both windows, the time, the version and the session, and prints the compact line', async () => {
    const before = Date.now();
    const r = await runBin(bin, ['statusline'], { env, input: JSON.stringify(richPayload(before)) });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^5h 42% ↺1h1[1-3]m · 7d 86%\n$/);
    const obs = observations();
    expect(obs).toHaveLength(1);
    const o = obs[0]!;
    expect(Object.keys(o).sort()).toEqual(
      ['apiKeyBilling', 'claudeCodeVersion', 'configDir', 'fiveHour', 'observedAt', 'sessionId', 'sevenDay', 'version'].sort(),
    );
    expect(o).toMatchObject({
      version: 1,
      claudeCodeVersion: '2.1.80',
      sessionId: '0b6f3c1e-4a1d-4c8e-9f55-1b2f3a4c5d6e',
      configDir: dirs.config,
      apiKeyBilling: false,
      fiveHour: { usedPercent: 42.3 },
      sevenDay: { usedPercent: 85.7 },
    });
    const observedAt = Date.parse(o.observedAt as string);
    expect(observedAt).toBeGreaterThanOrEqual(before - 1);
    expect(observedAt).toBeLessThanOrEqual(Date.now());
    // Nothing else from the payload is kept.
    const text = allFiles(dirs.data)
      .map((f) => f.text)
      .join('\n');
    for (const leaked of ['secret-project', 'Opus', 'total_cost_usd', 'transcript']) expect(text).not.toContain(leaked);
  });

  it('keeps a value over 100 % as reported', async () => {
    const p = fixtureAt(Date.now()) as { rate_limits: { five_hour: { used_percentage: number } } };
    p.rate_limits.five_hour.used_percentage = 104.6;
    const r = await runBin(bin, ['statusline'], { env, input: JSON.stringify(p) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^5h 105% ↺/);
    expect(observations()[0]).toMatchObject({ fiveHour: { usedPercent: 104.6 } });
  });

  it('treats a window left out as unknown: shown as –, absent from the file, never 0 %', async () => {
    const p = fixtureAt(Date.now()) as { rate_limits: Record<string, unknown> };
    delete p.rate_limits.seven_day;
    const r = await runBin(bin, ['statusline'], { env, input: JSON.stringify(p) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^5h 42% ↺\S+ · 7d –\n$/);
    const o = observations()[0]!;
    expect(o).not.toHaveProperty('sevenDay');
    expect(o).toHaveProperty('fiveHour');
  });

  it('records a payload with no rate_limits at all (older releases, API-key sessions) with both windows unknown', async () => {
    const r = await runBin(bin, ['statusline'], { env, input: JSON.stringify({ version: '2.1.70', session_id: 'abc' }) });
    expect(r.stdout).toBe('5h – · 7d –\n');
    expect(observations()[0]).not.toHaveProperty('fiveHour');
  });

  const rejected: Array<[string, () => string | Buffer]> = [
    [
      'an epoch timestamp where a percent belongs',
      () => {
        const p = fixtureAt(Date.now()) as { rate_limits: { five_hour: { used_percentage: number } } };
        p.rate_limits.five_hour.used_percentage = 1774036800;
        return JSON.stringify(p);
      },
    ],
    [
      'a negative percent',
      () => {
        const p = fixtureAt(Date.now()) as { rate_limits: { seven_day: { used_percentage: number } } };
        p.rate_limits.seven_day.used_percentage = -3;
        return JSON.stringify(p);
      },
    ],
    [
      'a percent that is a string',
      () => {
        const p = fixtureAt(Date.now()) as { rate_limits: { seven_day: { used_percentage: unknown } } };
        p.rate_limits.seven_day.used_percentage = '42';
        return JSON.stringify(p);
      },
    ],
    [
      'a reset time in milliseconds instead of seconds',
      () => {
        const p = fixtureAt(Date.now()) as { rate_limits: { five_hour: { resets_at: number } } };
        p.rate_limits.five_hour.resets_at *= 1000;
        return JSON.stringify(p);
      },
    ],
    ['garbage', () => Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x7b, 0x22])],
    ['truncated JSON', () => JSON.stringify(fixtureAt(Date.now())).slice(0, 40)],
    ['a JSON array', () => '[1,2,3]'],
    ['empty stdin', () => ''],
    ['huge stdin (4 MB)', () => JSON.stringify({ ...fixtureAt(Date.now()), pad: 'x'.repeat(4 * 1024 * 1024) })],
  ];

  for (const [name, input] of rejected) {
    it(`rejects ${name}: exit 0, the fallback line, nothing recorded, the last good observation kept`, async () => {
      const good = await runBin(bin, ['statusline'], { env, input: JSON.stringify(fixtureAt(Date.now())) });
      expect(good.code).toBe(0);
      const before = observations();
      expect(before).toHaveLength(1);
      const r = await runBin(bin, ['statusline'], { env, input: input() });
      expect(r).toMatchObject({ code: 0, stdout: `${FALLBACK_LINE}\n`, stderr: '' });
      expect(observations()).toEqual(before);
    });
  }

  it('does not wait for a writer that never closes stdin', async () => {
    const r = await runBin(bin, ['statusline'], { env, input: null });
    expect(r).toMatchObject({ code: 0, stdout: `${FALLBACK_LINE}\n` });
    expect(observations()).toHaveLength(0);
  });

  it('records that an API key bills the session, never the key itself', async () => {
    const secret = 'sk-ant-api03-THISISTHEAPIKEY-XYZ';
    const r = await runBin(bin, ['statusline'], {
      env: { ...env, ANTHROPIC_API_KEY: secret },
      input: JSON.stringify(richPayload(Date.now())),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('API key billing');
    expect(observations()[0]).toMatchObject({ apiKeyBilling: true });
    for (const needle of [secret, 'THISISTHEAPIKEY']) {
      expect(r.stdout + r.stderr).not.toContain(needle);
      for (const f of allFiles(dirs.data)) expect(f.text, f.file).not.toContain(needle);
    }
  });

  it('keeps the latest observation per config dir: two accounts never overwrite each other', async () => {
    const other = path.join(dirs.home, 'work-claude');
    await runBin(bin, ['statusline'], { env, input: JSON.stringify(fixtureAt(Date.now())) });
    const p = fixtureAt(Date.now()) as { rate_limits: { five_hour: { used_percentage: number } } };
    p.rate_limits.five_hour.used_percentage = 7;
    await runBin(bin, ['statusline'], { env: { ...env, CLAUDE_CONFIG_DIR: other }, input: JSON.stringify(p) });
    const byDir = new Map(observations().map((o) => [o.configDir, o]));
    expect(byDir.get(dirs.config)).toMatchObject({ fiveHour: { usedPercent: 42.3 } });
    expect(byDir.get(other)).toMatchObject({ fiveHour: { usedPercent: 7 } });
  });

  it('survives its reader going away (EPIPE) without a crash or a stack trace', async () => {
    for (const args of [['statusline'], ['--help'], ['statusline', '--help']]) {
      const r = await runBin(bin, args, { env, input: JSON.stringify(fixtureAt(Date.now())), closeStdout: true });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
  });

  it('can be piped into head', async () => {
    const { stdout } = await execFileP('sh', ['-c', `"${process.execPath}" "${bin}" --help | head -c 6`], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toBe('Usage:');
  });

  it('runs the same way through `npm run --silent brimline -- statusline` (tsx)', async () => {
    const input = JSON.stringify(fixtureAt(Date.now()));
    const child = execFile('npm', ['run', '--silent', 'brimline', '--', 'statusline'], { cwd: root, env: { ...process.env, ...env } });
    child.stdin?.end(input);
    const out = await new Promise<string>((resolve, reject) => {
      let s = '';
      child.stdout?.on('data', (d: Buffer) => (s += String(d)));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`exit ${code}`))));
    });
    expect(out).toMatch(/^5h 42% ↺\S+ · 7d 86%\n$/);
    expect(observations()).toHaveLength(1);
  }, 30_000);

  it('still prints its line when the data dir cannot be written', async () => {
    const blocked = path.join(dirs.home, 'not-a-dir');
    writeFileSync(blocked, 'a file where the data dir should be');
    const r = await runBin(bin, ['statusline'], {
      env: { ...env, BRIMLINE_DATA_DIR: blocked },
      input: JSON.stringify(fixtureAt(Date.now())),
    });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^5h 42%/);
  });
});
