/** The tray's forecast line and pace marker, from pace and forecast computed on real sample series. */
import { describe, expect, it } from 'vitest';
import { buildTrayModel, type TrayContext } from '../../../electron/core/tray/tray-model';
import { windowKey, type MergedWindow } from '../../../shared/domain';
import { computeForecast } from '../../../shared/outlook/forecast';
import { makeTranslator } from '../../../shared/i18n/translator';
import type { WindowOutlookView } from '../../../shared/ipc';
import { mergeSnapshots } from '../../../shared/merge';
import { computePace, paceStage } from '../../../shared/outlook/pace';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { HOUR, T0, snap, win } from './fixtures';

const MIN = 60_000;
const EN = makeTranslator('en', ['en-GB'], 'UTC');
const FR = makeTranslator('fr', ['fr-FR'], 'UTC');
const SESSION_RESET = T0 + 2 * HOUR + 13 * MIN;

/** Samples every 5 minutes over the last hour, from `from` % to the window's level. */
function outlookFor(w: MergedWindow, from: number): WindowOutlookView {
  const samples = Array.from({ length: 13 }, (_, i) => ({
    t: T0 - HOUR + i * 5 * MIN,
    usedPercent: from + ((w.usedPercent - from) * i) / 12,
  }));
  const pace = computePace(w, T0);
  return {
    pace,
    stage: pace ? paceStage(pace.deltaPercent, null) : null,
    forecast: computeForecast({ kind: w.kind, resetsAt: w.resetsAt, samples, now: T0 }),
    samples,
  };
}

function ctx(sessionFrom: number, over: Partial<Settings['tray']> = {}, tr = EN): TrayContext {
  const snapshots = [snap([win('five_hour', 'session', 42, SESSION_RESET), win('seven_day', 'weekly', 20, T0 + 50 * HOUR)])];
  const view = mergeSnapshots(snapshots);
  const outlook = Object.fromEntries(
    view.windows.map((w) => [windowKey(w.accountId, w.id), outlookFor(w, w.kind === 'session' ? sessionFrom : 19)]),
  );
  return {
    settings: { ...DEFAULT_SETTINGS, tray: { ...DEFAULT_SETTINGS.tray, window: 'session', ...over } },
    now: T0,
    tr,
    launchAtLogin: false,
    refreshAllowedAt: null,
    snapshots,
    view,
    outlook,
  };
}

describe('tray forecast', () => {
  it('says when the selected window runs out, right after its line', () => {
    const c = ctx(0);
    const f = c.outlook!['local/session']!.forecast!;
    expect(f.lastsUntilReset).toBe(false);
    const m = buildTrayModel(c);
    const lines = m.tooltip.split('\n');
    expect(lines[0]).toMatch(/^Session \(5 h\) 42% · resets in 2/);
    const clock = EN.clock(Date.parse(f.runsOutAt!), T0);
    expect(lines[1]).toBe(`At this pace: 100% at ${clock}, ${EN.duration(f.marginMs!)} before reset`);
    expect(lines[1]).toMatch(/^At this pace: 100% at 12:0\d, 1\d mins before reset$/);
    // The menu shows it too.
    expect(m.menu[1]).toEqual({ type: 'label', label: lines[1] });
  });

  it('says where it finishes when it lasts, in French too', () => {
    expect(buildTrayModel(ctx(12)).tooltip.split('\n')[1]).toMatch(/^On pace to finish at 9\d%$/);
    expect(buildTrayModel(ctx(12, {}, FR)).tooltip.split('\n')[1]).toMatch(/^À ce rythme, fin de période à 9\d\s%$/);
  });

  it('shows nothing until there is a forecast, and nothing for stale data', () => {
    const c = ctx(0);
    c.outlook = { ...c.outlook, 'local/session': { ...c.outlook!['local/session']!, forecast: null } };
    expect(buildTrayModel(c).tooltip).not.toMatch(/pace/);
    const stale = ctx(0);
    stale.snapshots = [snap([win('five_hour', 'session', 42, SESSION_RESET)], 'stale')];
    stale.view = mergeSnapshots(stale.snapshots);
    expect(buildTrayModel(stale).tooltip).not.toMatch(/At this pace/);
  });

  it('adds a pace marker to the tray text only when asked', () => {
    // 42 % used 2 h 47 min into 5 h (55.7 % expected): behind pace.
    expect(buildTrayModel(ctx(0)).title).toBe('42%');
    expect(buildTrayModel(ctx(0, { paceMarker: true })).title).toBe('42%↓');
    const weekly = ctx(0, { paceMarker: true, window: 'weekly' });
    // 20 % used 4 days 22 h into the week (70 % expected): behind too; ahead is the up arrow.
    expect(buildTrayModel(weekly).title).toBe('20%↓');
    weekly.outlook = { ...weekly.outlook, 'local/weekly': { ...weekly.outlook!['local/weekly']!, stage: 'ahead' } };
    expect(buildTrayModel(weekly).title).toBe('20%↑');
  });
});
