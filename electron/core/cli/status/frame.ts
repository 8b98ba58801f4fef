/**
 * One reading of the merged view, narrowed to `--account` when given: what every output of
 * `brimline status` (the full text, `--json`, the status-bar formats) is drawn from.
 */
import { findAccount, presentAccounts } from '../../../../shared/accounts';
import { windowKey, type Account, type SourceSnapshot, type UsageView } from '../../../../shared/domain';
import type { WindowOutlookView } from '../../../../shared/ipc';
import type { Translator } from '../../../../shared/i18n/translator';
import { accountLabel } from '../../../../shared/labels';
import { forecastContract } from '../../../../shared/outlook/forecast';
import { openGrants } from '../../../../shared/resets';
import type { Settings } from '../../../../shared/settings';
import type { StatusSession } from './session';

export interface StatusFrame {
  view: UsageView;
  snapshots: readonly SourceSnapshot[];
  outlook: Readonly<Record<string, WindowOutlookView>>;
  settings: Settings;
  tr: Translator;
  now: number;
}

/** The account `--account` names, or an error listing the known ones. */
export function resolveAccount(session: StatusSession, query: string): { account: Account } | { error: string } {
  const accounts = presentAccounts(session.core.usage.view().accounts, session.core.settings.get().accounts);
  const found = findAccount(accounts, query);
  if (found) return { account: found };
  const known = accounts.map((a) => `  ${a.id}  ${accountLabel(session.translator().t, a)}`).join('\n');
  return { error: `brimline status: no single account is called "${query}". Known accounts:\n${known || '  (none yet)'}\n` };
}

export function readFrame(session: StatusSession, only: Account | null, now: number): StatusFrame {
  const { core } = session;
  const merged = core.usage.view();
  const settings = core.settings.get();
  const mine = <T extends { accountId: string }>(list: readonly T[]): T[] =>
    only ? list.filter((x) => x.accountId === only.id) : [...list];
  return {
    view: {
      accounts: only ? [only] : presentAccounts(merged.accounts, settings.accounts),
      windows: mine(merged.windows),
      extraUsage: mine(merged.extraUsage),
      warnings: merged.warnings,
      resets: mine(merged.resets ?? []),
      memberSpend: mine(merged.memberSpend ?? []),
    },
    snapshots: mine(core.usage.snapshots()),
    outlook: session.outlook(),
    settings,
    tr: session.translator(),
    now,
  };
}

/** `--json`: {"generatedAt", "accounts", "windows", "warnings", "resets", "memberSpend", "sources"}. */
export function statusJson(frame: StatusFrame): Record<string, unknown> {
  const { view, now, outlook } = frame;
  return {
    generatedAt: new Date(now).toISOString(),
    accounts: view.accounts,
    windows: view.windows.map((w) => {
      const o = outlook[windowKey(w.accountId, w.id)];
      return { ...w, pace: o?.pace ?? null, forecast: forecastContract(o?.forecast ?? null) };
    }),
    warnings: view.warnings,
    // One entry per open usage-limit reset grant (read-only: Brimline never claims one).
    resets: (view.resets ?? []).flatMap((r) =>
      openGrants(r.grants, now).map((g) => ({ accountId: r.accountId, sourceId: r.sourceId, observedAt: r.observedAt, ...g })),
    ),
    memberSpend: (view.memberSpend ?? []).map((m) => ({
      accountId: m.accountId,
      sourceId: m.sourceId,
      observedAt: m.observedAt,
      ...m.spend,
    })),
    sources: frame.snapshots,
  };
}

/** Exit status of a one-shot run: 0 when every configured source is ok. */
export function frameExitCode(frame: StatusFrame): number {
  const configured = frame.snapshots.filter((s) => s.state !== 'unconfigured');
  return configured.length > 0 && configured.every((s) => s.state === 'ok') ? 0 : 1;
}
