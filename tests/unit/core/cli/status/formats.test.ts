import { describe, expect, it } from 'vitest';
import type { MergedWindow, SourceSnapshot } from '../../../../../shared/domain';
import { makeTranslator } from '../../../../../shared/i18n/translator';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../shared/settings';
import type { StatusFrame } from '../../../../../electron/core/cli/status/frame';
import { BAR_CLASSES, barModel, usedClass } from '../../../../../electron/core/cli/status/formats/bar-model';
import { FORMAT_NAMES, renderFormat } from '../../../../../electron/core/cli/status/formats';
import { selectWindow } from '../../../../../electron/core/tray/tray-model';

const NOW = Date.parse('2026-07-01T12:00:00Z');
const ACCOUNT = 'account:a';

function win(
  id: string,
  kind: MergedWindow['kind'],
  usedPercent: number,
  resetInH: number,
  extra: Partial<MergedWindow> = {},
): MergedWindow {
  return {
    id,
    kind,
    label: id,
    usedPercent,
    resetsAt: new Date(NOW + resetInH * 3_600_000).toISOString(),
    accountId: ACCOUNT,
    sourceId: 'statusline',
    observedAt: new Date(NOW - 60_000).toISOString(),
    stale: false,
    ...extra,
  };
}

function snap(state: SourceSnapshot['state']): SourceSnapshot {
  return {
    sourceId: 'statusline',
    accountId: ACCOUNT,
    state,
    error: state === 'error' ? { kind: 'network', message: 'Network unreachable', action: null } : null,
    fetchedAt: null,
    attemptedAt: null,
    nextAttemptAt: null,
    plan: null,
    windows: [],
    extraUsage: null,
  } as SourceSnapshot;
}

function frame(windows: MergedWindow[], opts: { settings?: Partial<Settings>; snapshots?: SourceSnapshot[] } = {}): StatusFrame {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  return {
    view: {
      accounts: [{ id: ACCOUNT, label: 'me@example.com', email: 'me@example.com', plan: null }],
      windows,
      extraUsage: [],
      warnings: [],
    },
    snapshots: opts.snapshots ?? [snap('ok')],
    outlook: {},
    settings,
    tr: makeTranslator('en', ['en-US'], 'UTC'),
    now: NOW,
  };
}

const TWO = [win('session', 'session', 42, 2), win('weekly', 'weekly', 81, 72)];
const HEX = /^#[0-9A-F]{6}$/;

describe('status-bar classes', () => {
  it('follows the alert thresholds: ok, warn from the first, high from the second, critical from the third or 100 %', () => {
    const t = [50, 75, 90];
    expect([0, 49.9, 50, 74, 75, 89, 90, 120].map((u) => usedClass(u, t))).toEqual([
      'ok',
      'ok',
      'warn',
      'warn',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    // Two thresholds: no third, so critical only at the limit; unsorted thresholds are sorted.
    expect([60, 80, 99, 100].map((u) => usedClass(u, [80, 60]))).toEqual(['warn', 'high', 'high', 'critical']);
    expect(usedClass(30, [])).toBe('ok');
  });

  it('is stale for old data and error when there is no number and a source failed', () => {
    expect(barModel(frame([win('session', 'session', 95, 2, { stale: true })])).cls).toBe('stale');
    expect(barModel(frame([], { snapshots: [snap('error')] })).cls).toBe('error');
    expect(barModel(frame([], { snapshots: [snap('ok')] })).cls).toBe('stale');
    // Past its reset, the number is unknown: "–", shown as stale.
    const past = barModel(frame([win('session', 'session', 95, -1)]));
    expect([past.text, past.cls]).toEqual(['–', 'stale']);
  });
});

describe('the window shown', () => {
  it("is the tray's choice: the window closest to its limit, or the pinned one", () => {
    const f = frame(TWO);
    expect(barModel(f).selected?.window.id).toBe(selectWindow(f.view.windows, f.settings, NOW)?.window.id);
    expect(barModel(f).text).toBe('7d 81%');
    const pinned = frame(TWO, { settings: { tray: { ...DEFAULT_SETTINGS.tray, window: 'session' } } });
    expect(barModel(pinned).text).toBe('5h 42%');
    // The class still follows what is used.
    expect(barModel(pinned).cls).toBe('ok');
  });

  it('shows what remains when the user chose so, coloured by what is used', () => {
    const m = barModel(frame(TWO, { settings: { tray: { ...DEFAULT_SETTINGS.tray, display: 'remaining' } } }));
    expect([m.text, m.short, m.percentage, m.cls]).toEqual(['7d 19% left', '19%', 19, 'high']);
  });
});

describe('each format has its tool’s shape', () => {
  it('waybar: one JSON line with text, tooltip, class, an integer percentage and alt', () => {
    const out = renderFormat('waybar', frame([win('session', 'session', 42.6, 2)]), false);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    const o = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(o).sort()).toEqual(['alt', 'class', 'percentage', 'text', 'tooltip']);
    expect(o).toMatchObject({ text: '5h 43%', class: 'ok', percentage: 43 });
    expect(Number.isInteger(o.percentage)).toBe(true);
    expect(o.tooltip).toBe('Session (5 h) 43% · resets in 2 hr');
    expect(BAR_CLASSES).toContain(o.class);
  });

  it('i3blocks: three lines (full, short, #RRGGBB) once; JSON with full_text, short_text, color under --watch', () => {
    const lines = renderFormat('i3blocks', frame(TWO), false).split('\n');
    expect(lines).toEqual(['7d 81%', '81%', expect.stringMatching(HEX), '']);
    const json = JSON.parse(renderFormat('i3blocks', frame(TWO), true)) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(['color', 'full_text', 'short_text']);
    expect(json.color).toMatch(HEX);
    expect(json.color).toBe(lines[2]);
  });

  it('polybar: one line with a %{F#rrggbb}…%{F-} colour', () => {
    expect(renderFormat('polybar', frame(TWO), false)).toMatch(/^%\{F#[0-9A-F]{6}\}7d 81%%\{F-\}\n$/);
  });

  it('tmux: #[fg=…]text#[default]', () => {
    expect(renderFormat('tmux', frame(TWO), false)).toMatch(/^#\[fg=#[0-9A-F]{6}\]7d 81%#\[default\]\n$/);
  });

  it('xbar: the title, ---, one line per window with its reset, ---, an action with key=value parameters', () => {
    const lines = renderFormat('xbar', frame(TWO), false).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^7d 81% \| color=#[0-9A-F]{6}$/);
    expect(lines[1]).toBe('---');
    expect(lines.slice(2, 4)).toEqual(['Session (5 h) 42% · resets in 2 hr', 'Weekly 81% · resets in 3 days']);
    expect(lines[4]).toBe('---');
    const [text, params] = lines[5]!.split(' | ');
    expect(text).toBe('Open Brimline');
    // xbar's parameters: space-separated key=value pairs.
    expect(params!.split(' ').every((p) => /^[a-z0-9]+=\S+$/.test(p))).toBe(true);
    expect(params).toContain('bash=/usr/bin/open');
    // Under --watch each record starts with SwiftBar's separator.
    expect(renderFormat('xbar', frame(TWO), true).split('\n')[0]).toBe('~~~');
  });

  it('text: one short line', () => {
    expect(renderFormat('text', frame(TWO), false)).toBe('7d 81%\n');
    expect(renderFormat('text', frame([]), false)).toBe('–\n');
  });

  it('every format says something without data, on one record', () => {
    for (const name of FORMAT_NAMES) expect(renderFormat(name, frame([], { snapshots: [] }), false)).toContain('–');
  });
});
