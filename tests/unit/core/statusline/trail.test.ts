import { mkdtempSync, readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordObservation } from '../../../../electron/core/statusline/observation-store';
import type { Observation } from '../../../../electron/core/statusline/payload';
import { appendTrail, MAX_TRAIL_BYTES, parseTrail, readTrails, trailFile, trailLine } from '../../../../electron/core/statusline/trail';

const T0 = Date.parse('2026-07-03T10:00:00Z');

function obs(t: number, five: number | null, configDir = '/home/u/.claude'): Observation {
  return {
    version: 1,
    observedAt: new Date(t).toISOString(),
    claudeCodeVersion: '2.1.80',
    sessionId: 's',
    configDir,
    apiKeyBilling: false,
    ...(five === null ? {} : { fiveHour: { usedPercent: five, resetsAt: new Date(T0 + 3_600_000).toISOString() } }),
    sevenDay: { usedPercent: 12.5, resetsAt: null },
  };
}

describe('status line trail', () => {
  it('round-trips observations, a missing window and an unknown reset time', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-trail-'));
    await recordObservation(dir, obs(T0, 40));
    await appendTrail(dir, obs(T0, 40));
    await appendTrail(dir, obs(T0 + 60_000, null));
    const text = readFileSync(trailFile(dir, '/home/u/.claude'), 'utf8');
    expect(text).toBe(`${T0} 40 ${T0 + 3_600_000} 12.5 -\n${T0 + 60_000} - - 12.5 -\n`);
    expect((statSync(trailFile(dir, '/home/u/.claude')).mode & 0o777).toString(8)).toBe('600');
    expect(await readTrails(dir)).toEqual([
      [
        { t: T0, fiveHour: { usedPercent: 40, resetsAt: T0 + 3_600_000 }, sevenDay: { usedPercent: 12.5, resetsAt: null } },
        { t: T0 + 60_000, fiveHour: null, sevenDay: { usedPercent: 12.5, resetsAt: null } },
      ],
    ]);
  });

  it('skips a torn last line and lines that are not its own', () => {
    const good = trailLine(obs(T0, 40));
    const text = `garbage\n${good}1 2 3\n-5 1 - 1 -\n${T0} x - 1 -\n${T0} -3 - 1 -\n${good.slice(0, 10)}`;
    expect(parseTrail(text)).toHaveLength(1);
    expect(parseTrail('')).toEqual([]);
  });

  it('stays bounded and keeps the newest observations', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-trail-'));
    await recordObservation(dir, obs(T0, 1));
    const file = trailFile(dir, '/home/u/.claude');
    const line = trailLine(obs(T0, 1));
    writeFileSync(file, line.repeat(Math.ceil(MAX_TRAIL_BYTES / line.length)));
    appendFileSync(file, '');
    await appendTrail(dir, obs(T0 + 999_000, 77));
    expect(statSync(file).size).toBeLessThanOrEqual(MAX_TRAIL_BYTES / 2);
    const entries = parseTrail(readFileSync(file, 'utf8'));
    expect(entries[entries.length - 1]).toMatchObject({ t: T0 + 999_000, fiveHour: { usedPercent: 77 } });
    // Cut on a line boundary: every line kept is whole.
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .slice(0, -1)
        .every((l) => parseTrail(`${l}\n`).length === 1),
    ).toBe(true);
  });
});
