/**
 * The accounts as the user sees them: the names they gave, in the order they chose. Every surface
 * (popover, Settings, tray, notifications, CLI) reads accounts through here, so a rename shows
 * everywhere at once.
 */
import type { Account } from './domain';
import type { AccountSettings } from './settings';

/** The merged view's accounts with the user's labels applied, in the user's order (new ones last, as found). */
export function presentAccounts(accounts: readonly Account[], prefs: Pick<AccountSettings, 'labels' | 'order'>): Account[] {
  const rank = (id: string): number => {
    const i = prefs.order.indexOf(id);
    return i === -1 ? prefs.order.length + accounts.findIndex((a) => a.id === id) : i;
  };
  return accounts.map((a) => ({ ...a, label: prefs.labels[a.id] ?? a.label })).sort((a, b) => rank(a.id) - rank(b.id));
}

/** The order with `id` moved one place up (-1) or down (+1) among the accounts shown. */
export function reorderAccounts(shown: readonly Account[], id: string, by: -1 | 1): string[] {
  const ids = shown.map((a) => a.id);
  const i = ids.indexOf(id);
  const j = i + by;
  if (i === -1 || j < 0 || j >= ids.length) return ids;
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  return ids;
}

/** The account an id or a label names (`status --account`), case-insensitively for labels; null when none or several. */
export function findAccount(accounts: readonly Account[], query: string): Account | null {
  const exact = accounts.find((a) => a.id === query);
  if (exact) return exact;
  const q = query.trim().toLowerCase();
  const byLabel = accounts.filter((a) => a.label.toLowerCase() === q || a.email?.toLowerCase() === q);
  return byLabel.length === 1 ? byLabel[0]! : null;
}
