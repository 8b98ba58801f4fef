import { failure } from '../../../support/poll-result';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  loadObservations,
  MAX_OBSERVATION_FILES,
  observationFile,
  recordObservation,
} from '../../../../electron/core/statusline/observation-store';
import type { Observation } from '../../../../electron/core/statusline/payload';
import { API_KEY_BILLING_MESSAGE, createStatuslineSource, observationWarnings } from '../../../../electron/core/statusline/source';
import { shimText, writeLauncherShim } from '../../../../electron/core/statusline/launcher-shim';
import { isBrimlineCommand } from '../../../../electron/core/statusline/install-state';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'hr-slstore-'));
const NOW = Date.parse('2026-07-03T10:00:00Z');
const ctx = { signal: new AbortController().signal, now: () => NOW };

function obs(configDir: string, o: Partial<Observation> = {}): Observation {
  return {
    version: 1,
    observedAt: '2026-07-03T09:58:00.000Z',
    claudeCodeVersion: '2.1.80',
    sessionId: 's1',
    configDir,
    apiKeyBilling: false,
    fiveHour: { usedPercent: 42.3, resetsAt: '2026-07-03T12:00:00.000Z' },
    sevenDay: { usedPercent: 104, resetsAt: '2026-07-08T09:00:00.000Z' },
    ...o,
  };
}

describe('observation store', () => {
  it('writes one private file per config dir, the latest winning', async () => {
    const dir = tmp();
    const f = await recordObservation(dir, obs('/a'));
    await recordObservation(dir, obs('/a', { observedAt: '2026-07-03T09:59:00.000Z', sessionId: 's2' }));
    await recordObservation(dir, obs('/b'));
    expect(f).toBe(observationFile(dir, '/a'));
    expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
    const loaded = await loadObservations(dir, () => NOW);
    expect(loaded.observations.map((o) => [o.configDir, o.sessionId])).toEqual([
      ['/a', 's2'],
      ['/b', 's1'],
    ]);
  });

  it(`stays bounded at ${MAX_OBSERVATION_FILES} files, dropping the oldest`, async () => {
    const dir = tmp();
    for (let i = 0; i < MAX_OBSERVATION_FILES; i++) {
      const f = await recordObservation(dir, obs(`/cfg/${i}`));
      const t = new Date(NOW - 1_000_000 + i * 1000);
      utimesSync(f, t, t);
    }
    await recordObservation(dir, obs('/cfg/new'));
    const names = readdirSync(path.join(dir, 'statusline'));
    expect(names).toHaveLength(MAX_OBSERVATION_FILES);
    expect(names).toContain(path.basename(observationFile(dir, '/cfg/new')));
    expect(names).not.toContain(path.basename(observationFile(dir, '/cfg/0')));
  });

  it('sets a corrupt or impossible file aside and still reads the others', async () => {
    const dir = tmp();
    await recordObservation(dir, obs('/good'));
    const bad = observationFile(dir, '/bad');
    writeFileSync(bad, '{"version":1,"observedAt":');
    const odd = observationFile(dir, '/odd');
    writeFileSync(odd, JSON.stringify({ ...obs('/odd'), fiveHour: { usedPercent: 1774036800, resetsAt: null } }));
    const loaded = await loadObservations(dir, () => NOW);
    expect(loaded.observations.map((o) => o.configDir)).toEqual(['/good']);
    expect(loaded.quarantined.map((q) => q.reason).sort()).toEqual(['a window has an impossible value', 'it is not valid JSON']);
    expect(readdirSync(path.join(dir, 'statusline')).filter((n) => n.includes('.corrupt-'))).toHaveLength(2);
  });
});

describe('statusline source', () => {
  it('reports the windows with the OAuth ids and labels, when they were observed, and whose they are', async () => {
    const dir = tmp();
    await recordObservation(dir, obs('/a', { sevenDay: undefined }));
    const source = createStatuslineSource({ dataDir: dir });
    expect(source.id).toBe('statusline');
    expect(await source.poll(ctx)).toEqual({
      ok: true,
      data: {
        windows: [{ id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 42.3, resetsAt: '2026-07-03T12:00:00.000Z' }],
        plan: null,
        extraUsage: null,
        observedAt: '2026-07-03T09:58:00.000Z',
        account: { configDir: '/a' },
        warnings: [],
      },
    });
    // An API key in Claude Code's environment travels as a warning with the data (the fact, never the key).
    await recordObservation(dir, obs('/a', { apiKeyBilling: true }));
    const billed = await source.poll(ctx);
    expect(billed.ok && billed.data.warnings).toEqual([{ code: 'claude_code_api_key_billing', message: API_KEY_BILLING_MESSAGE }]);
  });

  it('picks the newest observation, or the one for the config dir it was given', async () => {
    const dir = tmp();
    await recordObservation(dir, obs('/a', { observedAt: '2026-07-03T09:00:00.000Z' }));
    await recordObservation(dir, obs('/b', { observedAt: '2026-07-03T09:30:00.000Z', sevenDay: { usedPercent: 7, resetsAt: null } }));
    const newest = await createStatuslineSource({ dataDir: dir }).poll(ctx);
    expect(newest.ok && newest.data.account).toEqual({ configDir: '/b' });
    expect(newest.ok && newest.data.windows[1]).toEqual({
      id: 'seven_day',
      kind: 'weekly',
      label: 'Weekly (all models)',
      usedPercent: 7,
      resetsAt: null,
    });
    const seen: Observation[] = [];
    const a = await createStatuslineSource({ dataDir: dir, configDir: '/a', onObservation: (o) => seen.push(o) }).poll(ctx);
    expect(a.ok && a.data.observedAt).toBe('2026-07-03T09:00:00.000Z');
    expect(seen.map((o) => o.configDir)).toEqual(['/a']);
  });

  it('is unconfigured, with the command to fix it, before any observation; says so when the file was corrupt', async () => {
    const dir = tmp();
    const none = await createStatuslineSource({ dataDir: dir }).poll(ctx);
    expect(none).toMatchObject({
      ok: false,
      kind: 'unconfigured',
      error: { action: { kind: 'run_command', command: 'brimline statusline install' } },
    });
    await recordObservation(dir, obs('/a'));
    writeFileSync(observationFile(dir, '/a'), 'garbage');
    const corrupt = await createStatuslineSource({ dataDir: dir }).poll(ctx);
    expect(corrupt).toMatchObject({ ok: false, kind: 'bad_response' });
    expect(failure(corrupt).error.message).toContain('It is written again after Claude Code');
  });

  it('warns about API-key billing, with how to switch back', () => {
    expect(observationWarnings(obs('/a'))).toEqual([]);
    expect(observationWarnings(obs('/a', { apiKeyBilling: true }))).toEqual([
      { code: 'claude_code_api_key_billing', message: API_KEY_BILLING_MESSAGE },
    ]);
    expect(API_KEY_BILLING_MESSAGE).toMatch(/^Claude Code is using an API key, so this session is billed to API credits, not your plan\./);
    expect(API_KEY_BILLING_MESSAGE).toContain('unset ANTHROPIC_API_KEY');
    expect(API_KEY_BILLING_MESSAGE).toContain('/login');
  });
});

describe('launcher shim', () => {
  it.skipIf(process.platform === 'win32')('runs its target with the arguments and the data dir it was written for', async () => {
    const dir = path.join(tmp(), 'data dir with space');
    const script = path.join(tmp(), "echo 'args'.mjs");
    writeFileSync(
      script,
      'console.log(JSON.stringify({ args: process.argv.slice(2), data: process.env.BRIMLINE_DATA_DIR, x: process.env.X }))',
    );
    const shim = await writeLauncherShim(dir, { executable: process.execPath, args: [script], env: { X: "it's" } });
    expect(shim).toBe(path.join(dir, 'bin', 'brimline'));
    const out = execFileSync(shim, ['statusline', 'a b'], { env: { PATH: process.env.PATH ?? '', BRIMLINE_DATA_DIR: '/elsewhere' } });
    expect(JSON.parse(String(out))).toEqual({ args: ['statusline', 'a b'], data: dir, x: "it's" });
    expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
  });

  it('writes a .cmd on Windows that escapes % and passes every argument', () => {
    const text = shimText(
      'C:\\Users\\a\\AppData\\Roaming\\Brimline',
      {
        executable: 'C:\\Program Files\\Brimline\\Brimline.exe',
        args: ['C:\\Program Files\\Brimline\\resources\\cli\\brimline.mjs'],
        env: { ELECTRON_RUN_AS_NODE: '1' },
      },
      'win32',
    );
    expect(text.split('\r\n')).toEqual([
      '@echo off',
      'rem Written by Brimline, rewritten when it starts; Claude Code runs this.',
      'setlocal',
      'set "BRIMLINE_DATA_DIR=C:\\Users\\a\\AppData\\Roaming\\Brimline"',
      'set "ELECTRON_RUN_AS_NODE=1"',
      '"C:\\Program Files\\Brimline\\Brimline.exe" "C:\\Program Files\\Brimline\\resources\\cli\\brimline.mjs" %*',
      '',
    ]);
    expect(shimText('C:\\100%', { executable: 'a', args: [] }, 'win32')).toContain('set "BRIMLINE_DATA_DIR=C:\\100%%"');
  });
});

describe('isBrimlineCommand', () => {
  it("knows Brimline's command however it was written, and nothing else", () => {
    for (const c of [
      "'/home/u/.config/Brimline/bin/brimline' statusline",
      '"C:\\Users\\u\\AppData\\Roaming\\Brimline\\bin\\brimline.cmd" statusline',
      'brimline statusline',
      'npx brimline statusline ',
      'npm run --silent brimline -- statusline',
      'node /repo/out/cli/brimline.mjs statusline',
    ])
      expect(isBrimlineCommand(c), c).toBe(true);
    for (const c of [
      'ccstatusline',
      'brimline-other statusline',
      'bunx ccusage statusline',
      'brimline statusline install',
      'my-brimline statusline',
      42,
    ])
      expect(isBrimlineCommand(c), String(c)).toBe(false);
  });
});
