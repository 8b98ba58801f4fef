/**
 * Alerts for Team and Enterprise: an organisation's usage credits cross thresholds like any window,
 * and a window crossing the highest threshold while a usage-limit reset is open says so, once.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_ALERT_STATE, evaluateAlerts } from '../../../../electron/core/alerts/alerts';
import { notificationText } from '../../../../electron/core/alerts/notification-text';
import { grantClears, resetNotices } from '../../../../electron/core/alerts/reset-notice';
import { buildTrayModel } from '../../../../electron/core/tray/tray-model';
import type { ResetGrant, SourceSnapshot, UsageWindow } from '../../../../shared/domain';
import { makeTranslator } from '../../../../shared/i18n/translator';
import { mergeSnapshots } from '../../../../shared/merge';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';
import { HOUR, T0, snap, win } from '../../shell/fixtures';

const EN = makeTranslator('en', ['en-GB'], 'UTC');
const FR = makeTranslator('fr', ['fr-FR'], 'UTC');
const EN_US = makeTranslator('en', ['en-US'], 'UTC');
const THRESHOLDS = [50, 75, 90];

const orgCredits = (percent: number, used: number): UsageWindow => ({
  id: 'org_credits',
  kind: 'other',
  label: 'Organisation usage credits',
  usedPercent: percent,
  resetsAt: null,
  scope: 'organisation',
  money: { used, limit: 2000, currency: 'USD' },
});

const GRANT: ResetGrant = {
  label: 'Claude Opus 5.5 launch: one usage-limit reset for Pro and Max',
  resetsTotal: 1,
  resetsLeft: 1,
  startsAt: new Date(T0 - 24 * HOUR).toISOString(),
  endsAt: '2026-07-22T16:00:00.000Z',
  clears: ['five_hour', 'seven_day', 'seven_day_overage_included'],
  usableNow: true,
};

const withGrant = (s: SourceSnapshot, resets: ResetGrant[] | null = [GRANT]): SourceSnapshot => ({ ...s, resets });

describe('an organisation’s usage credits', () => {
  it('alert at the thresholds like any window, named as the organisation’s', () => {
    const view = mergeSnapshots([snap([orgCredits(61.7, 1234)])]);
    const first = evaluateAlerts(EMPTY_ALERT_STATE, view.windows, { thresholds: THRESHOLDS, onReset: true, now: T0 });
    expect(first.events.map((e) => e.kind === 'threshold' && e.threshold)).toEqual([50]);
    expect(notificationText(first.events[0]!, EN, T0).title).toBe('Claude Organisation usage credits at 62%');
    const later = mergeSnapshots([snap([orgCredits(91, 1820)])]);
    const second = evaluateAlerts(first.state, later.windows, { thresholds: THRESHOLDS, onReset: true, now: T0 + HOUR });
    expect(second.events.map((e) => e.kind === 'threshold' && e.threshold)).toEqual([90]);
  });

  it('are told in the tray tooltip as the organisation’s money, not as an empty bar', () => {
    const snapshots = [snap([orgCredits(61.7, 1234)])];
    const model = buildTrayModel({
      settings: DEFAULT_SETTINGS,
      now: T0,
      tr: EN_US,
      view: mergeSnapshots(snapshots),
      snapshots,
      launchAtLogin: false,
      refreshAllowedAt: null,
    });
    expect(model.tooltip).toBe('Your organisation is billed by usage credits: $1,234 of $2,000 this month (organisation-wide)');
    expect(model.title).toBe('62%');
  });
});

describe('the usage-limit reset notice', () => {
  const crossing = (percent: number, grants: ResetGrant[] | null, window = win('five_hour', 'session', percent, T0 + 2 * HOUR)) => {
    const view = mergeSnapshots([withGrant(snap([window]), grants)]);
    const { events } = evaluateAlerts(EMPTY_ALERT_STATE, view.windows, { thresholds: THRESHOLDS, onReset: true, now: T0 });
    return { events, view };
  };

  it('comes with a window crossing the highest threshold while a reset is open', () => {
    const { events, view } = crossing(93, [GRANT]);
    expect(resetNotices(events, view, THRESHOLDS, EN, T0)).toEqual([
      {
        title: 'A usage-limit reset is available',
        body: 'Session (5 h) is at 93%. 1 usage-limit reset available until 22 Jul: clears the session and weekly limits; use it in Claude Code.',
      },
    ]);
    expect(resetNotices(events, view, THRESHOLDS, FR, T0)[0]!.body).toContain('utilisez-la dans Claude Code');
  });

  it('does not come below the highest threshold, without a grant, or once the grant has expired', () => {
    const low = crossing(80, [GRANT]);
    expect(resetNotices(low.events, low.view, THRESHOLDS, EN, T0)).toEqual([]);
    const none = crossing(93, null);
    expect(resetNotices(none.events, none.view, THRESHOLDS, EN, T0)).toEqual([]);
    const open = crossing(93, [GRANT]);
    expect(resetNotices(open.events, open.view, THRESHOLDS, EN, Date.parse('2026-07-23T00:00:00Z'))).toEqual([]);
  });

  it('comes once per account even when two of its windows cross together, and not again in the same cycle', () => {
    const view = mergeSnapshots([
      withGrant(snap([win('five_hour', 'session', 95, T0 + HOUR), win('seven_day', 'weekly', 92, T0 + 50 * HOUR)])),
    ]);
    const first = evaluateAlerts(EMPTY_ALERT_STATE, view.windows, { thresholds: THRESHOLDS, onReset: true, now: T0 });
    expect(first.events).toHaveLength(2);
    expect(resetNotices(first.events, view, THRESHOLDS, EN, T0)).toHaveLength(1);
    const again = evaluateAlerts(first.state, view.windows, { thresholds: THRESHOLDS, onReset: true, now: T0 + 60_000 });
    expect(resetNotices(again.events, view, THRESHOLDS, EN, T0 + 60_000)).toEqual([]);
  });

  it('is not given for a window the grant does not clear (an organisation’s credits)', () => {
    const { events, view } = crossing(95, [GRANT], orgCredits(95, 1900));
    expect(events).toHaveLength(1);
    expect(resetNotices(events, view, THRESHOLDS, EN, T0)).toEqual([]);
    expect(grantClears({ ...GRANT, clears: [] }, { id: 'org_credits', kind: 'other' })).toBe(true);
  });
});
