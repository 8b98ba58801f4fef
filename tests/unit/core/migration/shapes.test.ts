/**
 * Files saved by a development build, with the former spellings (`notifications.headroomLeft`,
 * `headroomFired`, the `headroom-history-samples` header), load as before; real files in temp dirs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../../electron/core/settings/settings-store';
import { ForecastAlertStore } from '../../../../electron/core/alerts/forecast-alert-store';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import { encodeLine, encodeSegment, headerLine, SEGMENT_VERSION, segmentName } from '../../../../electron/core/history/segment';
import type { HistorySample } from '../../../../electron/core/history/types';
import { FILES } from '../../../../electron/core/platform/paths';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'br-mig-shapes-'));

describe('settings.json of a development build', () => {
  it.each([true, false])('carries notifications.headroomLeft = %s over to unusedAtReset, other settings kept', async (on) => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, FILES.settings),
      JSON.stringify({
        version: 1,
        pollIntervalMinutes: 7,
        notifications: { enabled: true, onReset: false, runsOut: true, headroomLeft: on },
      }),
    );
    const store = new SettingsStore(dir);
    const s = await store.load();
    expect(store.loadProblem).toBeNull();
    expect(s.notifications).toEqual({ enabled: true, onReset: false, runsOut: true, unusedAtReset: on });
    expect(s.pollIntervalMinutes).toBe(7);
    // Saved again in the new shape only.
    await store.update({ pollIntervalMinutes: 8 });
    const saved = fs.readFileSync(path.join(dir, FILES.settings), 'utf8');
    expect(saved).not.toContain('headroom');
    expect((JSON.parse(saved) as { notifications: { unusedAtReset: boolean } }).notifications.unusedAtReset).toBe(on);
  });

  it('a value saved under the new key wins over the former one', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, FILES.settings),
      JSON.stringify({ version: 1, notifications: { headroomLeft: false, unusedAtReset: true } }),
    );
    expect((await new SettingsStore(dir).load()).notifications.unusedAtReset).toBe(true);
  });
});

describe('forecast alert state of a development build', () => {
  it('reads headroomFired as unusedAtResetFired, so a fired alert does not repeat', async () => {
    const dir = tmp();
    const rec = { resetsAt: '2026-12-05T00:00:00.000Z', runsOutFired: false, confirmations: 0, lastObservedAtMs: null };
    fs.writeFileSync(
      path.join(dir, FILES.forecastAlerts),
      JSON.stringify({
        version: 1,
        windows: { 'a|weekly': { ...rec, headroomFired: true }, 'a|session': { ...rec, headroomFired: false } },
      }),
    );
    const store = new ForecastAlertStore(dir);
    const state = await store.load();
    expect(store.loadProblem).toBeNull();
    expect(state.windows['a|weekly']).toEqual({ ...rec, unusedAtResetFired: true });
    expect(state.windows['a|session']).toEqual({ ...rec, unusedAtResetFired: false });
  });
});

describe('history segments of a development build', () => {
  it('are read with the former header, and new samples of that day append to them', async () => {
    const dir = tmp();
    const day = '2026-12-01';
    const t0 = Date.parse(`${day}T10:00:00Z`);
    const sample = (t: number, u: number): HistorySample => ({
      t,
      accountId: 'acct',
      windowId: 'weekly',
      kind: 'weekly',
      sourceId: 'claude-oauth',
      usedPercent: u,
      resetsAt: null,
      imported: false,
    });
    const text = encodeSegment(day, [sample(t0, 10), sample(t0 + 600_000, 12)]);
    const legacyHeader = encodeLine(JSON.stringify({ format: 'headroom-history-samples', version: SEGMENT_VERSION, day }));
    expect(text.startsWith(headerLine(day))).toBe(true);
    fs.mkdirSync(path.join(dir, FILES.historyDir));
    const file = path.join(dir, FILES.historyDir, segmentName(day));
    fs.writeFileSync(file, legacyHeader + text.slice(headerLine(day).length));

    const store = new HistoryStore(dir, { now: () => t0 + 3_600_000 });
    await store.open();
    expect(store.problems).toEqual([]);
    expect((await store.read({ sinceMs: t0 - 1 })).map((s) => s.usedPercent)).toEqual([10, 12]);
    await store.record([sample(t0 + 1_800_000, 15)]);
    expect((await store.read({ sinceMs: t0 - 1 })).map((s) => s.usedPercent)).toEqual([10, 12, 15]);
    expect(fs.readdirSync(path.join(dir, FILES.historyDir))).toEqual([segmentName(day)]);
  });

  it('still refuses a file that is not a history segment at all', async () => {
    const dir = tmp();
    const day = '2026-12-02';
    fs.mkdirSync(path.join(dir, FILES.historyDir));
    const text = encodeSegment(day, []);
    const other = encodeLine(JSON.stringify({ format: 'something-else', version: SEGMENT_VERSION, day }));
    fs.writeFileSync(path.join(dir, FILES.historyDir, segmentName(day)), other + text.slice(headerLine(day).length));
    const store = new HistoryStore(dir, { now: () => Date.parse(`${day}T12:00:00Z`) });
    await store.open();
    expect(store.problems.join(' ')).toContain('it is not a Brimline history segment');
  });
});
