import { failure } from '../../../support/poll-result';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { claudeGlobalConfigFiles } from '../../../../electron/core/sources/claude-cache/locate';
import { createClaudeCacheSource } from '../../../../electron/core/sources/claude-cache/source';
import type { PollResult } from '../../../../electron/core/sources/source';
import { fixtureText } from '../../../support/fake-anthropic';

const NOW = Date.parse('2026-07-02T20:00:00Z');
const ACCOUNT = '1ad79a19-41d0-4191-a2c7-6f55cb2456e7';
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'brimline-cache-'));
  file = path.join(dir, '.claude.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** ~/.claude.json as Claude Code writes it: many unrelated keys around the cached usage. */
function config(cached: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      numStartups: 412,
      installMethod: 'native',
      autoUpdates: true,
      oauthAccount: { accountUuid: ACCOUNT, emailAddress: 'user@example.com', organizationUuid: '243a2aa4-7bd6-4d4b-afe4-b81f36260e81' },
      projects: {
        '/home/user/code/app': { allowedTools: [], history: [{ display: 'fix the "cachedUsageUtilization" parser', pastedContents: {} }] },
      },
      cachedUsageUtilization: cached,
      ...extra,
    },
    null,
    2,
  );
}

const usageBody = () => JSON.parse(fixtureText('oauth-usage/usage.200.limits-array-2026-07.json')) as unknown;
const poll = (s: ReturnType<typeof createClaudeCacheSource>, now = NOW): Promise<PollResult> =>
  s.poll({ signal: new AbortController().signal, now: () => now });
const source = () => createClaudeCacheSource({ files: () => [path.join(dir, '.config.json'), file] });

describe('Claude Code cached usage source', () => {
  it('reads a fresh cache with its real age and account, through the plan parser', async () => {
    const fetchedAtMs = NOW - 90_000;
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs, utilization: usageBody() }));
    const r = await poll(source());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.observedAt).toBe(new Date(fetchedAtMs).toISOString());
    expect(r.data.account).toEqual({ accountUuid: ACCOUNT });
    expect(r.data.windows.map((w) => [w.id, w.usedPercent])).toEqual([
      ['five_hour', 11],
      ['seven_day', 9],
      ['weekly_model:fable', 5],
    ]);
    expect(r.data.plan).toBeNull();
  });

  it('returns an old cache as old, never as new', async () => {
    const fetchedAtMs = NOW - 3 * 24 * 3600_000;
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs, utilization: usageBody() }));
    const r = await poll(source());
    expect(r.ok && r.data.observedAt).toBe('2026-06-29T20:00:00.000Z');
    // The windows keep their reset times, which have passed: the renderer shows them as reset.
    expect(r.ok && r.data.windows[0]!.resetsAt).toBe('2026-07-03T00:30:00.282Z');
    // A cache stamped after "now" (the clock was set back) is taken as observed now.
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs: NOW + 3600_000, utilization: usageBody() }));
    const ahead = await poll(source());
    expect(ahead.ok && ahead.data.observedAt).toBe(new Date(NOW).toISOString());
  });

  it('says what is wrong with a malformed file and recovers once it is whole again', async () => {
    const whole = config({ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: usageBody() });
    await writeFile(file, whole.slice(0, whole.length / 2));
    const s = source();
    const r = await poll(s);
    expect([failure(r).kind, failure(r).error.code]).toEqual(['bad_response', 'bad_response']);
    expect(failure(r).error.message).toMatch(/not valid JSON right now/);
    await writeFile(file, whole + '\n');
    expect((await poll(s)).ok).toBe(true);
  });

  it('rejects odd shapes, including what other tools put under the same key', async () => {
    for (const [cached, why] of [
      [{ fetchedAtMs: 'yesterday', utilization: usageBody() }, /not in the expected shape/],
      [{ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: 'n/a' }, /the cached usage: the response is not a JSON object/],
      [{ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: { percent: 5 } }, /no usage windows/],
      [{ accountUuid: ACCOUNT, fetchedAtMs: 12, utilization: usageBody() }, /impossible date/],
      [[1, 2, 3], /not in the expected shape/],
    ] as const) {
      await writeFile(file, config(cached));
      const r = await poll(source());
      expect(!r.ok && r.kind, JSON.stringify(cached)).toBe('bad_response');
      expect(failure(r).error.message, JSON.stringify(cached)).toMatch(why);
    }
    await writeFile(file, '[1,2]');
    expect(await poll(source())).toMatchObject({ ok: false, kind: 'bad_response' });
  });

  it('keeps going with unknown keys inside the cache and a missing account', async () => {
    await writeFile(file, config({ fetchedAtMs: NOW, utilization: usageBody(), schemaVersion: 3, source: 'other-tool' }));
    const r = await poll(source());
    expect(r.ok && r.data.account).toEqual({ accountUuid: null });
  });

  it('is unconfigured when the file or the cache is missing', async () => {
    const none = await poll(source());
    expect(!none.ok && none.kind).toBe('unconfigured');
    expect(failure(none).error.message).toContain(file);
    await writeFile(file, config(undefined));
    const noCache = await poll(source());
    expect([failure(noCache).kind, failure(noCache).error.message]).toEqual([
      'unconfigured',
      expect.stringMatching(/has not cached any usage yet/),
    ]);
  });

  it('refuses a file past the size cap without reading it, and reads a large real-sized one', async () => {
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: usageBody() }));
    const capped = await poll(createClaudeCacheSource({ files: () => [file], maxBytes: 512 }));
    expect(failure(capped).error.message).toMatch(/more than Brimline reads/);

    // ~8 MB of project history, as long-time users have.
    const projects: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++)
      projects[`/home/user/p${i}`] = { history: Array.from({ length: 20 }, (_, j) => ({ display: `prompt ${j} `.repeat(20) })) };
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: usageBody() }, { projects }));
    expect((await poll(source())).ok).toBe(true);
  });

  it('prefers the legacy .config.json as Claude Code does, and follows CLAUDE_CONFIG_DIR', async () => {
    await writeFile(file, config({ accountUuid: 'new-file', fetchedAtMs: NOW, utilization: usageBody() }));
    await writeFile(path.join(dir, '.config.json'), config({ accountUuid: 'legacy-file', fetchedAtMs: NOW, utilization: usageBody() }));
    const r = await poll(source());
    expect(r.ok && r.data.account).toEqual({ accountUuid: 'legacy-file' });

    expect(claudeGlobalConfigFiles({}, '/home/u')).toEqual(['/home/u/.claude/.config.json', '/home/u/.claude.json']);
    expect(claudeGlobalConfigFiles({ CLAUDE_CONFIG_DIR: '/cfg/a, ~/b' }, '/home/u')).toEqual([
      '/cfg/a/.config.json',
      '/cfg/a/.claude.json',
      '/home/u/b/.config.json',
      '/home/u/b/.claude.json',
    ]);
  });

  it('picks up a rewritten file', async () => {
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs: NOW - 60_000, utilization: usageBody() }));
    const s = source();
    const a = await poll(s);
    const b = await poll(s, NOW + 60_000);
    expect(a.ok && b.ok && a.data.observedAt === b.data.observedAt).toBe(true);
    await writeFile(file, config({ accountUuid: ACCOUNT, fetchedAtMs: NOW, utilization: usageBody() }) + ' ');
    const c = await poll(s, NOW + 120_000);
    expect(c.ok && c.data.observedAt).toBe(new Date(NOW).toISOString());
  });
});
