/** Usage-limit reset grants as every surface shows them: which are open, and the sentence that says so. */
import type { ResetGrant } from './domain';
import type { Translator } from './i18n/translator';

/** Grants open at `now`: started, not expired, with resets left. */
export function openGrants(grants: readonly ResetGrant[] | null | undefined, now: number): ResetGrant[] {
  return (grants ?? []).filter((g) => {
    const end = g.endsAt === null ? Infinity : Date.parse(g.endsAt);
    const start = g.startsAt === null ? -Infinity : Date.parse(g.startsAt);
    return g.resetsLeft > 0 && end > now && !(start > now);
  });
}

/** "the session and weekly limits", from the server's names; unknown names are shown as sent. */
function clearsText(tr: Translator, clears: readonly string[]): string {
  const names = [
    ...new Set(
      clears.map((c) =>
        c === 'five_hour' ? tr.t('resets.limit.session') : c.startsWith('seven_day') ? tr.t('resets.limit.weekly') : c.replace(/_/g, ' '),
      ),
    ),
  ];
  if (names.length === 0) return tr.t('resets.limit.yourLimits');
  if (names.length === 1) return tr.t('resets.limit.one', { a: names[0]! });
  return tr.t('resets.limit.list', { list: names.slice(0, -1).join(', '), last: names[names.length - 1]! });
}

/** "22 Oct" in the user's locale and zone. */
function shortDate(tr: Translator, at: number): string {
  return new Intl.DateTimeFormat(tr.locale, { day: 'numeric', month: 'short', ...(tr.timeZone ? { timeZone: tr.timeZone } : {}) }).format(
    at,
  );
}

/** "1 usage-limit reset available until 22 Oct: clears the session and weekly limits; use it in Claude Code" (one grant). */
export function resetGrantText(tr: Translator, g: ResetGrant): string {
  const clears = clearsText(tr, g.clears);
  const end = g.endsAt === null ? NaN : Date.parse(g.endsAt);
  return Number.isFinite(end)
    ? tr.t('resets.availableUntil', { count: g.resetsLeft, date: shortDate(tr, end), clears })
    : tr.t('resets.available', { count: g.resetsLeft, clears });
}
