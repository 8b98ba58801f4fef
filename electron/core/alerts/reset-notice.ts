/**
 * "A usage-limit reset is available": told with the notification of a window crossing the highest
 * threshold, when the account holds a reset grant that clears that window. Threshold events already
 * come once per window and cycle (alerts.ts); `told` (the caller's, kept for the run) makes it once
 * per grant, whichever of the account's windows crossed and however often.
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
  told: Set<string> = new Set(),
): NotificationText[] {
  const highest = Math.max(...thresholds.filter((t) => Number.isFinite(t) && t > 0));
  if (!Number.isFinite(highest)) return [];
  const out: NotificationText[] = [];
  for (const e of events) {
    if (e.kind !== 'threshold' || e.threshold < highest) continue;
    const grants = openGrants(view.resets?.find((r) => r.accountId === e.window.accountId)?.grants, now);
    const grant = grants.find((g) => grantClears(g, e.window));
    if (!grant) continue;
    const key = `${e.window.accountId}|${grant.label}|${grant.endsAt ?? ''}`;
    if (told.has(key)) continue;
    told.add(key);
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
