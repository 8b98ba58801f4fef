/** A spend-billed organisation's usage credits, as every surface says it. */
import type { MemberSpend, WindowMoney } from './domain';
import type { Translator } from './i18n/translator';

/** "$1,234" for whole amounts, "$1,234.56" otherwise: credits are usually round. */
export function moneyText(tr: Translator, amount: number, currency: string): string {
  if (!Number.isInteger(amount)) return tr.money(amount, currency);
  try {
    return new Intl.NumberFormat(tr.locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return tr.money(amount, currency);
  }
}

/** "Your organisation is billed by usage credits: $1,234 of $2,000 this month (organisation-wide)". */
export function orgCreditsText(tr: Translator, money: WindowMoney): string {
  // Organisation credits always carry their amount; a missing one reads as unknown, never as $0.
  const used = money.used === null ? '–' : moneyText(tr, money.used, money.currency);
  return money.limit === null
    ? tr.t('org.credits.sentenceNoLimit', { used })
    : tr.t('org.credits.sentence', { used, limit: moneyText(tr, money.limit, money.currency) });
}

/** "Your own spend: $87.35 this month", or why claude.ai does not serve it. */
export function memberSpendText(tr: Translator, spend: MemberSpend): string {
  if (spend.state === 'ok') return tr.t('memberSpend.mine', { amount: tr.money(spend.amount, spend.currency) });
  return spend.reason === 'analytics_off' ? tr.t('memberSpend.analyticsOff') : tr.t('memberSpend.notServed');
}

/** An organisation's credits told in a sentence: a window with its money, or extra usage marked as the organisation's. */
export function isOrganisationCredits(w: {
  scope?: string;
  money?: WindowMoney | null;
}): w is { scope: 'organisation'; money: WindowMoney } {
  return w.scope === 'organisation' && w.money !== undefined && w.money !== null;
}
