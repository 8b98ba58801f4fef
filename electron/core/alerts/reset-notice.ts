/**
 * "A usage-limit reset is available": told once, with the notification of a window crossing the
 * highest threshold, when the account holds a reset grant that clears that window. Threshold events
 * already come once per window and cycle (alerts.ts), so this adds no state of its own; within one
 * batch an account is told once, whichever of its windows crossed.
 */
import { windowIdentity, type MergedWindow, type ResetGrant, type UsageView } from '../../../shared/domain';
import type { Translator } from '../../../shared/i18n/translator';
import { windowLabel } from '../../../shared/labels';
import { openGrants, resetGrantText } from '../../../shared/resets';
import type { AlertEvent } from './alerts';
import type { NotificationText } from './notification-text';

/** Whether a grant clears this window: `five_hour` the session, `seven_day*` the weekly limits; a grant naming nothing clears all. */
export function grantClears(grant: ResetGrant, window: Pick<MergedWindow, 'id' | 'kind'>): boolean {
  if (grant.clears.length === 0) return true;
  const identity = windowIdentity(window);
  return grant.clears.some((c) =>
    c === 'five_hour'
      ? identity === 'session'
      : c.startsWith('seven_day')
        ? identity === 'weekly' || window.kind === 'weekly_model'
        : false,
  );
}

export function resetNotices(
  events: readonly AlertEvent[],
  view: Pick<UsageView, 'resets'>,
  thresholds: readonly number[],
  tr: Translator,
  now: number,
  accountName: (accountId: string) => string | null = () => null,
): NotificationText[] {
  const highest = Math.max(...thresholds.filter((t) => Number.isFinite(t) && t > 0));
  if (!Number.isFinite(highest)) return [];
  const told = new Set<string>();
  const out: NotificationText[] = [];
  for (const e of events) {
    if (e.kind !== 'threshold' || e.threshold < highest || told.has(e.window.accountId)) continue;
    const grants = openGrants(view.resets?.find((r) => r.accountId === e.window.accountId)?.grants, now);
    const grant = grants.find((g) => grantClears(g, e.window));
    if (!grant) continue;
    told.add(e.window.accountId);
    const account = accountName(e.window.accountId);
    const title = tr.t('notify.resetAvailable.title');
    out.push({
      title: account === null ? title : tr.t('notify.forAccount', { account, title }),
      body: tr.t('notify.resetAvailable.body', {
        label: windowLabel(tr.t, e.window),
        percent: tr.percent(Math.round(e.window.usedPercent)),
        grant: resetGrantText(tr, grant),
      }),
    });
  }
  return out;
}
