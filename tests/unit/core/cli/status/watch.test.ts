/**
 * `brimline status --watch` in this process: real files, the real core with file watching, timers
 * and the stop injected.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../../../../electron/core/cli/status-command';
import { renderFormat } from '../../../../../electron/core/cli/status/formats';
import { BAR_COLOURS } from '../../../../../electron/core/cli/status/formats/bar-model';
import type { StatusFrame } from '../../../../../electron/core/cli/status/frame';
import { openStatusSession } from '../../../../../electron/core/cli/status/session';
import { stopRequest, watchStatus, type WatchRender } from '../../../../../electron/core/cli/status/watch';
import { FIXTURES, DEFAULT_TOKEN, startFakeAnthropic, type FakeAnthropic } from '../../../../support/fake-anthropic';
import { ManualClock } from '../../../../support/manual-clock';
import { writeSettingsWithSources } from '../../../../support/settings-file';
import { manualTimers, testIo, until, watchDirs, writeStatusline } from './watch-helpers';

let server: FakeAnthropic | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('brimline status --watch', () => {
  it('--json: one object per line, a new line within a second of a status-line write, heartbeats, exit 0 when stopped', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    const io = testIo(env);
    const done = runStatusCommand(['--watch', '--json'], io, {}, { watch: { heartbeatMs: 3000, tickMs: 50 } });
    await until(() => io.lines().length >= 1);
    type Line = { windows: Array<{ id: string; usedPercent: number }>; heartbeat?: boolean };
    const parsed = (): Line[] => io.lines().map((l) => JSON.parse(l) as Line);
    const used = (o: Line): Array<[string, number]> => o.windows.map((w) => [w.id, w.usedPercent]);
    expect(used(parsed()[0]!)).toEqual([
      ['session', 42],
      ['weekly', 60],
    ]);
    expect(parsed()[0]!.heartbeat).toBeUndefined();

    const written = Date.now();
    await writeStatusline(env, 55, 60);
    await until(() => io.out.includes('"usedPercent":55'), 1500);
    expect(Date.now() - written).toBeLessThan(1500);
    const changed = io.lines().length;
    expect(parsed().filter((o) => !o.heartbeat)).toHaveLength(2);
    // Nothing else changed: no line until the heartbeat.
    await new Promise((r) => setTimeout(r, 1000));
    expect(io.lines()).toHaveLength(changed);

    // Nothing changes now: after the heartbeat interval the same object comes again, marked.
    await until(() => io.lines().length > changed, 4000);
    const beat = JSON.parse(io.lines()[changed]!) as Line & { generatedAt: string };
    expect(beat.heartbeat).toBe(true);
    expect(used(beat)).toEqual([
      ['session', 55],
      ['weekly', 60],
    ]);
    expect(Object.keys(beat).slice(0, 2)).toEqual(['generatedAt', 'heartbeat']);

    io.stop();
    expect(await done).toBe(0);
    const after = io.out;
    await writeStatusline(env, 70, 60);
    await new Promise((r) => setTimeout(r, 700));
    expect(io.out).toBe(after);
    expect(io.err).toBe('');
  });

  // The text format has no countdown, so only the data changes it (waybar's tooltip counts minutes down).
  it('--format text: a line per change only, the same line again as the heartbeat', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    const io = testIo(env);
    const done = runStatusCommand(['--watch', '--format', 'text'], io, {}, { watch: { heartbeatMs: 2500, tickMs: 50 } });
    await until(() => io.lines().length >= 1);
    // The same numbers written again: the output does not change, so nothing is written.
    await writeStatusline(env, 42, 60);
    await new Promise((r) => setTimeout(r, 400));
    expect(io.lines()).toHaveLength(1);
    await writeStatusline(env, 80, 60);
    await until(() => io.lines().length >= 2, 1500);
    expect(io.lines()).toEqual(['7d 60%', '5h 80%']);
    await until(() => io.lines().length >= 3, 4000);
    expect(io.lines()[2]).toBe(io.lines()[1]);
    io.stop();
    expect(await done).toBe(0);
  });

  it("reacts at once to Claude Code's cached usage changing (~/.claude.json), as to the status line", async () => {
    const { env, config } = watchDirs(['claude-cache']);
    const cache = (percent: number): void => {
      const at = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString();
      const utilization = { five_hour: { utilization: percent, resets_at: at(2) }, seven_day: { utilization: 10, resets_at: at(72) } };
      writeFileSync(
        path.join(config, '.claude.json'),
        JSON.stringify({ numStartups: 3, cachedUsageUtilization: { fetchedAtMs: Date.now(), utilization } }),
      );
    };
    cache(30);
    const io = testIo(env);
    const done = runStatusCommand(['--watch', '--format', 'text'], io, {}, { watch: { tickMs: 50 } });
    await until(() => io.lines().length >= 1);
    expect(io.lines()).toEqual(['5h 30%']);
    const written = Date.now();
    cache(64);
    await until(() => io.lines().includes('5h 64%'), 1500);
    expect(Date.now() - written).toBeLessThan(1500);
    io.stop();
    expect(await done).toBe(0);
  });

  it('follows Settings the app saves meanwhile: the thresholds and used or remaining', async () => {
    const { env, data } = watchDirs();
    await writeStatusline(env, 42, 60);
    const io = testIo(env);
    // i3blocks' JSON lines carry the class as a colour and, unlike waybar's tooltip, no countdown.
    const done = runStatusCommand(['--watch', '--format', 'i3blocks'], io, {}, { watch: { tickMs: 50 } });
    await until(() => io.lines().length >= 1);
    expect(JSON.parse(io.lines()[0]!)).toEqual({ full_text: '7d 60%', short_text: '60%', color: BAR_COLOURS.warn });
    writeSettingsWithSources(data, ['statusline'], { thresholds: [20, 40, 55], tray: { display: 'remaining' } });
    await until(() => io.lines().length >= 2, 2000);
    expect(JSON.parse(io.lines()[1]!)).toEqual({ full_text: '7d 40% left', short_text: '40%', color: BAR_COLOURS.critical });
    // A file the app is still writing, or one that is not valid, changes nothing and stays in place.
    writeFileSync(path.join(data, 'settings.json'), '{"version": 1, "thresh');
    await new Promise((r) => setTimeout(r, 800));
    expect(io.lines()).toHaveLength(2);
    expect(readFileSync(path.join(data, 'settings.json'), 'utf8')).toBe('{"version": 1, "thresh');
    io.stop();
    expect(await done).toBe(0);
  });

  it("keeps polling on the scheduler's intervals (a manual clock: no request under the floor, one per interval)", async () => {
    server = await startFakeAnthropic();
    const usage = readFileSync(path.join(FIXTURES, 'oauth-usage/usage.200.limits-array-2026-07.json'), 'utf8');
    const later = usage.replace('"utilization": 11.0', '"utilization": 33.0').replace('"percent": 11,', '"percent": 33,');
    server.route('/api/oauth/usage', (n) =>
      n === 1 ? { kind: 'json', body: JSON.parse(usage) } : { kind: 'json', body: JSON.parse(later) },
    );
    const { env, config } = watchDirs(['claude-oauth']);
    writeFileSync(
      path.join(config, '.credentials.json'),
      JSON.stringify({
        claudeAiOauth: {
          accessToken: DEFAULT_TOKEN,
          refreshToken: 'r',
          expiresAt: Date.parse('2026-07-03T00:00:00Z'),
          scopes: ['user:profile'],
        },
      }),
    );
    env.BRIMLINE_ANTHROPIC_API_URL = server.url;
    const clock = new ManualClock('2026-07-02T20:00:00Z');
    const timers = manualTimers(clock);
    const io = testIo(env, () => clock.now());
    const done = runStatusCommand(
      ['--watch', '--format', 'text'],
      io,
      { clock, home: mkdtempSync(path.join(os.tmpdir(), 'hr-home-')) },
      { watch: { timers } },
    );
    await until(() => io.lines().length >= 1);
    expect(io.lines()).toEqual(['5h 11%']);
    const polls = (): number => server!.requests.filter((r) => r.path === '/api/oauth/usage').length;
    expect(polls()).toBe(1);
    for (let i = 0; i < 4 * 60; i++) await clock.advance(1000);
    expect(polls()).toBe(1);
    for (let i = 0; i < 90; i++) await clock.advance(1000);
    await until(() => polls() === 2);
    for (let i = 0; i < 3; i++) await clock.advance(1000);
    await until(() => io.lines().includes('5h 33%'));
    io.stop();
    expect(await done).toBe(0);
  });

  it('a stop during the first poll (a server that never answers) ends the run at once with 0 and nothing printed', async () => {
    server = await startFakeAnthropic();
    server.route('/api/oauth/usage', { kind: 'stall' });
    const { env, config } = watchDirs(['claude-oauth']);
    writeFileSync(
      path.join(config, '.credentials.json'),
      JSON.stringify({
        claudeAiOauth: { accessToken: DEFAULT_TOKEN, refreshToken: 'r', expiresAt: Date.now() + 3_600_000, scopes: ['user:profile'] },
      }),
    );
    env.BRIMLINE_ANTHROPIC_API_URL = server.url;
    const io = testIo(env);
    const done = runStatusCommand(['--watch', '--json'], io, { home: mkdtempSync(path.join(os.tmpdir(), 'hr-home-')) });
    await until(() => server!.requests.some((r) => r.path === '/api/oauth/usage'));
    const stopped = Date.now();
    io.stop();
    expect(await done).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(1000);
    expect(io.out).toBe('');
  });

  it('a reading that fails is reported on stderr and the watcher carries on', async () => {
    const { env } = watchDirs();
    await writeStatusline(env, 42, 60);
    const io = testIo(env);
    const session = await openStatusSession(io, { watchFiles: true });
    await session.pollRound();
    let calls = 0;
    const render = (frame: StatusFrame): WatchRender => {
      if (++calls === 1) throw new Error('bad reading');
      const text = renderFormat('text', frame, true);
      return { key: text, text, heartbeat: text };
    };
    const stop = stopRequest(io);
    const done = watchStatus(session, io, { render, only: null, stop: stop.promise, tickMs: 50 });
    await until(() => io.lines().length >= 1);
    expect(io.err).toBe('brimline: bad reading\n');
    expect(io.lines()).toEqual(['7d 60%']);
    io.stop();
    expect(await done).toBe(0);
  });

  it('--format once: exit 0 with the class saying error when the only source fails (a bar shows the record)', async () => {
    server = await startFakeAnthropic();
    server.route('/api/oauth/usage', { kind: 'fixture', status: 401, file: 'oauth-usage/error.401.token-expired.json' });
    const { env, config } = watchDirs(['claude-oauth']);
    writeFileSync(
      path.join(config, '.credentials.json'),
      JSON.stringify({
        claudeAiOauth: { accessToken: DEFAULT_TOKEN, refreshToken: 'r', expiresAt: Date.now() + 3_600_000, scopes: ['user:profile'] },
      }),
    );
    env.BRIMLINE_ANTHROPIC_API_URL = server.url;
    const home = mkdtempSync(path.join(os.tmpdir(), 'hr-home-'));
    const io = testIo(env);
    expect(await runStatusCommand(['--format', 'waybar'], io, { home })).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ text: '–', class: 'error', percentage: 0 });
    // The full summary still says it with its exit status.
    expect(await runStatusCommand([], testIo(env), { home })).toBe(1);
  });

  it('--format with an unknown name exits 2 and lists the formats; --json with --format is refused', async () => {
    const io = testIo({});
    expect(await runStatusCommand(['--format', 'conky'], io)).toBe(2);
    expect(io.err).toContain("unknown format 'conky'. Formats: text, waybar, polybar, i3blocks, tmux, xbar.");
    const both = testIo({});
    expect(await runStatusCommand(['--json', '--format', 'tmux'], both)).toBe(2);
    expect(both.err).toContain('cannot be used together');
  });
});
