/**
 * The accounts as the popover and Settings show them: each account (the user's names and order)
 * with its merged windows and the source instances that feed it, and the instances that have not
 * reached an account yet. Pure, so both surfaces group the same way.
 */
import { presentAccounts } from '../shared/accounts';
import {
  LOCAL_ACCOUNT_ID,
  type Account,
  type MemberSpend,
  type MergedExtraUsage,
  type MergedWindow,
  type ResetGrant,
  type SourceSnapshot,
  type UsageView,
} from '../shared/domain';
import type { Translator } from '../shared/i18n/translator';
import { sourceLabel } from '../shared/labels';
import { isAbsoluteFolder, tildify } from '../shared/folders';
import { parseSecretName } from '../shared/ipc';
import type { AccountSettings } from '../shared/settings';

export interface AccountGroup {
  account: Account;
  windows: MergedWindow[];
  extra: MergedExtraUsage | null;
  /** Usage-limit reset grants the freshest source reported (open or not: the card filters by time). */
  resets: ResetGrant[];
  /** The member's own month-to-date spend, or why claude.ai does not serve it. */
  memberSpend: MemberSpend | null;
  /** The source instances on this account that are set up. */
  snapshots: SourceSnapshot[];
}

export interface AccountGroups {
  groups: AccountGroup[];
  /** Set-up instances with no account yet: a folder whose login is missing, a key that never answered. */
  unassigned: SourceSnapshot[];
}

/**
 * `local` is also where an instance waits before it has named anyone: a plan poll with no login in
 * its folder is not "this computer"'s data. Only an instance with data of its own (or a first scan
 * under way) belongs there.
 */
export function hasNoAccountYet(s: SourceSnapshot, accounts: readonly Pick<Account, 'id'>[]): boolean {
  if (!accounts.some((a) => a.id === s.accountId)) return true;
  return s.accountId === LOCAL_ACCOUNT_ID && s.fetchedAt === null && !s.scan;
}

export function groupAccounts(
  view: UsageView,
  snapshots: readonly SourceSnapshot[],
  prefs: Pick<AccountSettings, 'labels' | 'order'>,
): AccountGroups {
  const configured = snapshots.filter((s) => s.state !== 'unconfigured');
  // A first scan has no data yet, but its card (with the progress bar) is the account's to come.
  const accounts = [...view.accounts];
  for (const s of configured)
    if (s.scan && !accounts.some((a) => a.id === s.accountId))
      accounts.push({ id: s.accountId, label: s.accountId, email: null, plan: null });
  const unassigned = configured.filter((s) => hasNoAccountYet(s, accounts));
  const groups = presentAccounts(accounts, prefs).map((account) => ({
    account,
    windows: view.windows.filter((w) => w.accountId === account.id),
    extra: view.extraUsage.find((e) => e.accountId === account.id) ?? null,
    resets: view.resets?.find((r) => r.accountId === account.id)?.grants ?? [],
    memberSpend: view.memberSpend?.find((m) => m.accountId === account.id)?.spend ?? null,
    snapshots: configured.filter((s) => s.accountId === account.id && !unassigned.includes(s)),
  }));
  return { groups, unassigned };
}

/** A string safe in an id attribute (and a CSS selector): `account:1ad7…` → `account_1ad7…`. */
export function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The home folder, as far as the renderer can tell: main does not send it, but `~/.claude` (the
 * default folder) lives in it, and the usual layouts name it.
 */
export function guessHome(folders: readonly { dir: string; origin: string }[]): string | null {
  const byDefault = folders.find((f) => f.origin === 'default');
  if (byDefault) {
    const cut = Math.max(byDefault.dir.lastIndexOf('/'), byDefault.dir.lastIndexOf('\\'));
    if (cut > 0) return byDefault.dir.slice(0, cut);
  }
  for (const f of folders) {
    const m = /^(\/home\/[^/]+|\/Users\/[^/]+|[A-Za-z]:\\Users\\[^\\]+)(?=[/\\]|$)/.exec(f.dir);
    if (m) return m[1]!;
  }
  return null;
}

export { tildify };

/** A folder as typed (`~/x`, `/x/`, `C:\x`) in the form main keeps it, for spotting duplicates. */
export function normaliseFolder(input: string, home: string | null): string {
  let d = input.trim();
  if (home !== null && (d === '~' || d.startsWith('~/') || d.startsWith('~\\'))) d = home + d.slice(1);
  while (d.length > 1 && /[/\\]$/.test(d) && !/^[A-Za-z]:[\\/]$/.test(d)) d = d.slice(0, -1);
  return d;
}

export type FolderProblem = 'empty' | 'not_absolute' | 'duplicate';

/** Why a typed folder cannot be added (the settings schema's own rule, and no second copy), or null. */
export function folderProblem(input: string, existing: readonly string[], home: string | null): FolderProblem | null {
  const d = input.trim();
  if (d === '') return 'empty';
  if (!isAbsoluteFolder(d)) return 'not_absolute';
  const wanted = normaliseFolder(d, home);
  return existing.some((e) => normaliseFolder(e, home) === wanted) ? 'duplicate' : null;
}

/** What names one source instance where a card holds several: `~/.claude-work · Claude plan`, or the source alone. */
export function instanceName(t: Translator['t'], s: Pick<SourceSnapshot, 'sourceId' | 'folder' | 'keyName'>, home: string | null): string {
  const source = sourceLabel(t, s.sourceId);
  if (s.folder) return t('accounts.instance', { folder: tildify(s.folder, home), source });
  // A further key: its slot tells two keys of one kind apart.
  const slot = parseSecretName(s.keyName)?.slot ?? null;
  return slot === null ? source : t('accounts.instanceKey', { source, slot: slot.slice(0, 4) });
}
