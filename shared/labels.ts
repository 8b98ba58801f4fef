/** Display names for sources, windows and accounts, from the catalogue, for every surface. */
import {
  LOCAL_ACCOUNT_ID,
  ORG_CREDITS_WINDOW_ID,
  SPEND_LIMIT_WINDOW_ID,
  type Account,
  type ApiSpend,
  type ErrorCode,
  type SourceId,
  type UsageWindow,
} from './domain';
import { en, type MessageKey } from './i18n/en';
import type { Translator } from './i18n/translator';

type T = Translator['t'];

/** Every source id has a `source.<id>` label: a source without one fails to compile here. */
const everySourceHasALabel: `source.${SourceId}` extends MessageKey ? true : never = true;
void everySourceHasALabel;

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A source's name; one saved by a newer or older Brimline that this one does not know shows its id. */
export function sourceLabel(t: T, sourceId: string): string {
  const key = `source.${sourceId}`;
  return isMessageKey(key) ? t(key) : t('source.unknown', { id: sourceId });
}

/** What went wrong, in a sentence: the source's own wording when the code means something else there (a session key, not a login). */
export function errorLabel(t: T, sourceId: string, code: ErrorCode): string {
  const own = `error.${sourceId}.${code}`;
  return isMessageKey(own) ? t(own) : t(`error.${code}`);
}

function modelName(w: UsageWindow): string {
  const suffix = w.id.includes(':') ? w.id.slice(w.id.indexOf(':') + 1) : '';
  // The source's own label usually names the model ("Opus"); the id suffix is the fallback.
  const fromLabel = w.label
    .replace(/\b(weekly|week|7[- ]day|limit)\b/gi, '')
    .replace(/[()·:-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (fromLabel !== '') return fromLabel;
  return suffix.charAt(0).toUpperCase() + suffix.slice(1);
}

export function windowLabel(t: T, w: UsageWindow): string {
  switch (w.kind) {
    case 'session':
      return t('window.session');
    case 'weekly':
      return t('window.weekly');
    case 'weekly_model':
      return t('window.weeklyModel', { model: modelName(w) });
    case 'budget':
      return t('window.budget');
    case 'other':
      if (w.id === ORG_CREDITS_WINDOW_ID) return t('org.credits.title');
      return w.id === SPEND_LIMIT_WINDOW_ID ? t('window.spendLimit') : w.label;
  }
}

/** "$12.30 of $50.00" (or "$12.30" with no limit) for a spend-limit window that gives its dollars; null otherwise. */
export function windowMoneyText(
  t: T,
  money: (amount: number, currency: string) => string,
  w: Pick<UsageWindow, 'money' | 'scope'>,
): string | null {
  const m = w.money;
  // An organisation's credits are told in a sentence of their own (org-credits.ts).
  if (!m || m.used === null || w.scope === 'organisation') return null;
  const used = money(m.used, m.currency);
  return m.limit === null ? used : t('window.spendLimitMoney', { used, limit: money(m.limit, m.currency) });
}

/**
 * The user's name for an account, else its email; an account known only by an id (an
 * organisation, a further Admin key) gets a short readable name until the user gives it one.
 */
export function accountLabel(t: T, account: Pick<Account, 'id' | 'label'>): string {
  if (account.label !== account.id) return account.label;
  if (account.id === LOCAL_ACCOUNT_ID) return t('account.local');
  const colon = account.id.indexOf(':');
  const short = account.id.slice(colon + 1, colon + 9);
  if (account.id.startsWith('org:')) return t('account.organisation', { short });
  if (account.id.startsWith('admin:')) return t('account.adminKey', { short });
  return account.label;
}

/** "$12.34 this month", or "$12.34 of $500.00 this month" with a budget; the same words in the popover and the CLI. */
export function apiSpendLine(
  tr: Pick<Translator, 't' | 'money'>,
  spend: Pick<ApiSpend, 'monthToDateUsd' | 'budgetUsd' | 'currency'>,
): string {
  const amount = tr.money(spend.monthToDateUsd, spend.currency);
  return spend.budgetUsd === null
    ? tr.t('api.monthToDate', { amount })
    : tr.t('api.ofBudget', { amount, budget: tr.money(spend.budgetUsd, spend.currency) });
}
