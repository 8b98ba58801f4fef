import { describe, expect, it } from 'vitest';
import { buildTrayModel, fitTooltip, selectWindow, type TrayContext } from '../../../../electron/core/tray/tray-model';
import type { SourceSnapshot } from '../../../../shared/domain';
import { makeTranslator } from '../../../../shared/i18n/translator';
import { mergeSnapshots } from '../../../../shared/merge';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings';
import {
  INITIAL_UPDATE_STATE,
  updateMenuEntries,
  type UpdateMode,
  type UpdateState,
} from '../../../../electron/core/platform/update-policy';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });
const EN = makeTranslator('en', ['en-US'], 'UTC');

const PLAN = [
  snap([
    win('five_hour', 'session', 42, T0 + 2 * HOUR + 13 * 60_000),
    win('seven_day', 'weekly', 61, T0 + 50 * HOUR),
    win('weekly_model:opus', 'weekly_model', 97, T0 + 50 * HOUR, 'Weekly Opus'),
  ]),
];

function ctx(over: Partial<Omit<TrayContext, 'view'>> = {}): TrayContext {
  const snapshots: readonly SourceSnapshot[] = over.snapshots ?? PLAN;
  return {
    settings: settings(),
    now: T0,
    tr: EN,
    launchAtLogin: false,
    refreshAllowedAt: null,
    ...over,
    snapshots,
    view: mergeSnapshots(snapshots),
  };
}

describe('tray model', () => {
  it('shows the session or weekly window closest to its limit, ignoring per-model windows', () => {
    const m = buildTrayModel(ctx());
    expect(m.title).toBe('61%');
    expect(m.selected?.window.id).toBe('weekly');
    expect(m.badge).toEqual({ value: 61, state: 'warn' });
  });

  it('honours a pinned window and the remaining display', () => {
    const pinned = settings({ tray: { window: 'weekly_model:opus', display: 'remaining', paceMarker: false, account: 'auto' } });
    const m = buildTrayModel(ctx({ settings: pinned }));
    expect(m.title).toBe('3%');
    // Colour still follows how much is used.
    expect(m.badge).toEqual({ value: 3, state: 'critical' });
  });

  it('falls back to auto when the pinned window is gone', () => {
    const pinned = settings({ tray: { window: 'weekly_model:haiku', display: 'used', paceMarker: false, account: 'auto' } });
    expect(selectWindow(ctx().view.windows, pinned, T0)?.window.id).toBe('weekly');
  });

  it('shows – for a window whose reset time has passed, until new data arrives', () => {
    const past = [snap([win('five_hour', 'session', 88, T0 - 1000)])];
    const m = buildTrayModel(ctx({ snapshots: past }));
    expect(m.title).toBe('–');
    expect(m.badge).toEqual({ value: null, state: 'stale' });
    expect(m.tooltip).toBe('Session (5 h) – · has reset');
    expect(m.menu[0]).toEqual({ type: 'label', label: 'Session (5 h) – · has reset' });
    // Remaining is unknown too, never 100.
    const remaining = buildTrayModel(
      ctx({ snapshots: past, settings: settings({ tray: { window: 'auto', display: 'remaining', paceMarker: false, account: 'auto' } }) }),
    );
    expect(remaining.title).toBe('–');
    // A fresh observation of the new window brings the number back.
    const fresh = buildTrayModel(ctx({ snapshots: [snap([win('five_hour', 'session', 4, T0 + 5 * HOUR)], 'ok', 'claude-oauth', T0)] }));
    expect(fresh.title).toBe('4%');
    expect(fresh.badge).toEqual({ value: 4, state: 'ok' });
  });

  it('in auto mode a window of known use wins over one past its reset; a pinned past-reset window shows –', () => {
    const snaps = [snap([win('five_hour', 'session', 97, T0 - 1000), win('seven_day', 'weekly', 12, T0 + 50 * HOUR)])];
    const auto = buildTrayModel(ctx({ snapshots: snaps }));
    expect(auto.selected?.window.id).toBe('weekly');
    expect(auto.title).toBe('12%');
    const pinned = buildTrayModel(
      ctx({ snapshots: snaps, settings: settings({ tray: { window: 'session', display: 'used', paceMarker: false, account: 'auto' } }) }),
    );
    expect(pinned.selected?.window.id).toBe('session');
    expect(pinned.title).toBe('–');
    expect(pinned.badge.value).toBeNull();
  });

  it('with stable menu labels, the menu stays identical as time passes while the tooltip counts down', () => {
    const at = (now: number) => buildTrayModel(ctx({ now, stableMenuLabels: true }));
    const first = at(T0);
    const later = at(T0 + 37 * 60_000);
    expect(first.menu).toEqual(later.menu);
    expect(first.tooltip).not.toBe(later.tooltip);
    expect(first.menu.slice(0, 3)).toEqual([
      { type: 'label', label: 'Session (5 h) 42%' },
      { type: 'label', label: 'Weekly 61%' },
      { type: 'label', label: 'Weekly · Opus 97%' },
    ]);
    // A real change (new data, or the window resetting) does change it.
    expect(at(T0 + 3 * HOUR).menu[0]).toEqual({ type: 'label', label: 'Session (5 h) – · has reset' });
    const moreUsed = buildTrayModel(ctx({ stableMenuLabels: true, snapshots: [snap([win('five_hour', 'session', 43, T0 + HOUR)])] }));
    expect(moreUsed.menu[0]).toEqual({ type: 'label', label: 'Session (5 h) 43%' });
    // Without the option the menu keeps the countdown (macOS/Windows rebuild it only when opened).
    expect(buildTrayModel(ctx()).menu[0]).toEqual({ type: 'label', label: 'Session (5 h) 42% · resets in 2 hr 13 min' });
  });

  it('lists every window in the tooltip and at the top of the menu', () => {
    const m = buildTrayModel(ctx());
    expect(m.tooltip.split('\n')).toEqual([
      'Session (5 h) 42% · resets in 2 hr 13 min',
      'Weekly 61% · resets in 2 days 2 hr',
      'Weekly · Opus 97% · resets in 2 days 2 hr',
    ]);
    expect(m.menu.slice(0, 3)).toEqual(m.tooltip.split('\n').map((label) => ({ type: 'label', label })));
    expect(m.menu.filter((e) => e.type === 'item' || e.type === 'checkbox').map((e) => ('id' in e ? e.id : ''))).toEqual([
      'open',
      'refresh',
      'settings',
      'settings-accounts',
      'usage-page',
      'launch-at-login',
      'quit',
    ]);
  });

  it("offers the updater's entries above Quit: a check, its progress, then Restart to install", () => {
    const AUTO: UpdateMode = { kind: 'auto', installer: 'nsis' };
    const menuWith = (mode: UpdateMode, state: Partial<UpdateState>) =>
      buildTrayModel(ctx({ updates: updateMenuEntries(mode, { ...INITIAL_UPDATE_STATE, ...state }) })).menu;
    const tail = (menu: ReturnType<typeof menuWith>) => menu.slice(menu.findIndex((e) => e.type === 'checkbox') + 1);

    expect(tail(menuWith(AUTO, {}))).toEqual([
      { type: 'separator' },
      { type: 'item', id: 'check-updates', label: 'Check for updates', enabled: true },
      { type: 'separator' },
      { type: 'item', id: 'quit', label: 'Quit Brimline', enabled: true },
    ]);
    // Status lines are not clickable and start nothing.
    expect(tail(menuWith(AUTO, { status: 'checking' })).slice(1, 2)).toEqual([{ type: 'label', label: 'Checking for updates…' }]);
    expect(tail(menuWith(AUTO, { status: 'downloading', version: '1.4.0', percent: 41.6 })).slice(1, 2)).toEqual([
      { type: 'label', label: 'Downloading Brimline 1.4.0 (42%)' },
    ]);
    expect(tail(menuWith(AUTO, { status: 'downloaded', version: '1.4.0', percent: 100 })).slice(1, 2)).toEqual([
      { type: 'item', id: 'install-update', label: 'Restart to install Brimline 1.4.0', enabled: true },
    ]);
    expect(tail(menuWith(AUTO, { status: 'error', error: 'offline' })).slice(1, 3)).toEqual([
      { type: 'item', id: 'check-updates', label: 'Check for updates', enabled: true },
      { type: 'label', label: 'Could not check for updates; Brimline tries again later' },
    ]);
    // A deb install says who updates it; a dev run shows nothing about updates at all.
    expect(tail(menuWith({ kind: 'package-manager', packageType: 'deb' }, {})).slice(1, 2)).toEqual([
      { type: 'label', label: 'Brimline is updated by your package manager' },
    ]);
    expect(menuWith({ kind: 'off', reason: 'dev' }, {})).toEqual(buildTrayModel(ctx()).menu);
    const fr = buildTrayModel(ctx({ tr: makeTranslator('fr', ['fr-FR'], 'UTC'), updates: updateMenuEntries(AUTO, INITIAL_UPDATE_STATE) }));
    expect(fr.menu.find((e) => e.type === 'item' && e.id === 'check-updates')).toMatchObject({
      label: expect.not.stringMatching(/^Check/),
    });
  });

  it('speaks French when asked', () => {
    const m = buildTrayModel(ctx({ tr: makeTranslator('system', ['fr-FR'], 'UTC') }));
    // Intl uses (narrow) no-break spaces in French; compare with plain spaces.
    expect(m.tooltip.split('\n')[0]!.replace(/[\u00a0\u202f]/g, ' ')).toBe('Session (5 h) 42 % · réinitialisation dans 2 h 13 min');
    expect(m.menu.find((e) => e.type === 'item' && e.id === 'quit')).toMatchObject({ label: 'Quitter Brimline' });
  });

  it('greys the badge for stale data and says so', () => {
    const m = buildTrayModel(ctx({ snapshots: [snap([win('five_hour', 'session', 95, T0 + HOUR)], 'stale')] }));
    expect(m.badge).toEqual({ value: 95, state: 'stale' });
    expect(m.tooltip).toContain('Claude plan: last update failed');
  });

  it('shows an error badge and the message when nothing is usable', () => {
    const m = buildTrayModel(ctx({ snapshots: [snap([], 'error')] }));
    expect(m.title).toBe('–');
    expect(m.badge).toEqual({ value: null, state: 'error' });
    expect(m.tooltip).toMatch(/^Claude plan: The usage service did not answer/);
  });

  it('says there is no data yet', () => {
    expect(buildTrayModel(ctx({ snapshots: [] })).tooltip).toBe('Brimline: no usage data yet');
  });

  it('disables Refresh until the rate-limit gate opens, and shows the real login state', () => {
    const m = buildTrayModel(ctx({ refreshAllowedAt: new Date(T0 + 30 * 60_000).toISOString(), launchAtLogin: true }));
    expect(m.menu.find((e) => e.type === 'item' && e.id === 'refresh')).toEqual({
      type: 'item',
      id: 'refresh',
      label: 'Refresh now (available at 10:30 AM)',
      enabled: false,
    });
    expect(m.menu.find((e) => e.type === 'checkbox')).toMatchObject({ checked: true });
  });

  it('speaks English words with English units on a system whose language Brimline does not have', () => {
    // One language pipeline: a de-DE system gets the English catalogue and English formatting, never a mix.
    const m = buildTrayModel(ctx({ tr: makeTranslator('system', ['de-DE'], 'UTC') }));
    expect(m.tooltip.split('\n')[0]).toBe('Session (5 h) 42% · resets in 2 hr 13 min');
  });

  it('shows each window once when two sources report it, from the freshest', () => {
    const older = snap([win('five_hour', 'session', 40, T0 + HOUR)], 'ok', 'claude-oauth', T0 - 10 * 60_000);
    const newer = snap([win('five_hour', 'session', 55, T0 + HOUR)], 'ok', 'local-logs', T0 - 60_000);
    const m = buildTrayModel(ctx({ snapshots: [older, newer] }));
    expect(m.title).toBe('55%');
    expect(m.tooltip).toBe('Session (5 h) 55% · resets in 1 hr');
  });

  it('keeps Windows tooltips within 127 characters by dropping whole lines', () => {
    const many = [0, 1, 2, 3, 4].map((i) => win(`w${i}`, 'other', 10 * i, T0 + HOUR, `Window number ${i}`));
    const full = buildTrayModel(ctx({ snapshots: [snap(many)] }));
    const m = buildTrayModel(ctx({ snapshots: [snap(many)] }), 127);
    expect(full.tooltip.length).toBeGreaterThan(127);
    expect(m.tooltip.length).toBeLessThanOrEqual(127);
    const lines = m.tooltip.split('\n');
    expect(lines.length).toBeLessThan(5);
    expect(lines).toEqual(full.tooltip.split('\n').slice(0, lines.length));
    expect(fitTooltip(['x'.repeat(200)], 127)).toHaveLength(127);
  });
});
