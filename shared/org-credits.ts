/** A spend-billed organisation's usage credits, as every surface says it. */
import type { WindowMoney } from './domain';
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
  const used = moneyText(tr, money.used, money.currency);
  return money.limit === null
    ? tr.t('org.credits.sentenceNoLimit', { used })
    : tr.t('org.credits.sentence', { used, limit: moneyText(tr, money.limit, money.currency) });
}
