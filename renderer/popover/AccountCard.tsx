/**
 * One card per account: what its sources need first, then its merged windows (each saying which
 * source its number came from and how old it is), extra usage, local totals and API spend. The
 * card folds to its header, which still shows its most-used window.
 */
import { effectiveUsedPercent, isSourceId, remainingPercent, snapshotKey, windowKey, type MergedWindow } from '../../shared/domain';
import type { WindowOutlookView } from '../../shared/ipc';
import { accountLabel, sourceLabel, windowLabel } from '../../shared/labels';
import type { TrayDisplay } from '../../shared/settings';
import { domId, instanceName, type AccountGroup } from '../accounts';
import { useI18n, type I18n } from '../i18n';
import { ApiSpendSummary } from './ApiSpendSummary';
import { ExtraUsageRow } from './ExtraUsageRow';
import { LocalSummary } from './LocalSummary';
import { ScanProgressView } from './ScanProgressView';
import { StateNotice } from './StateNotice';
import { WindowRow } from './WindowRow';
import { TeamRows } from './TeamRows';

export interface AccountCardProps {
  group: AccountGroup;
  home: string | null;
  now: number;
  thresholds: readonly number[];
  display: TrayDisplay;
  /** Highest threshold notified this cycle, by window key (AppState.alerts). */
  notified: Readonly<Record<string, number>>;
  /** Pace and forecast by window key (AppState.outlook). */
  outlook: Readonly<Record<string, WindowOutlookView>>;
  collapsed: boolean;
  onToggle(): void;
  /** Settings › General › Compact popover. */
  compact?: boolean;
}

/** "status line · 2 min ago": the source that won the merge for this window, and when it saw it. */
function provenance(i18n: I18n, w: MergedWindow, now: number): string {
  const { t } = i18n;
  const source = isSourceId(w.sourceId) ? t(`popover.account.via.${w.sourceId}`) : sourceLabel(t, w.sourceId);
  const seen = Date.parse(w.observedAt);
  const ago = i18n.duration(Number.isFinite(seen) ? Math.max(0, now - seen) : 0);
  return t(w.stale ? 'popover.account.fromStale' : 'popover.account.from', { source, ago });
}

/** The window closest to its limit, for the folded header; none when every window is unknown. */
function mostUsed(windows: readonly MergedWindow[], now: number): MergedWindow | null {
  let best: MergedWindow | null = null;
  for (const w of windows) {
    const used = effectiveUsedPercent(w, now);
    if (used === null) continue;
    const bestUsed = best === null ? null : effectiveUsedPercent(best, now);
    if (bestUsed === null || used > bestUsed) best = w;
  }
  return best;
}

export function AccountCard({
  group,
  home,
  now,
  thresholds,
  display,
  notified,
  outlook,
  collapsed,
  onToggle,
  compact = false,
}: AccountCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { account, windows, extra, snapshots, resets, memberSpend } = group;
  const base = `account-${domId(account.id)}`;
  const headingId = `${base}-title`;
  const bodyId = `${base}-body`;
  const label = accountLabel(t, account);
  const top = collapsed ? mostUsed(windows, now) : null;
  const topValue = top === null ? null : display === 'used' ? effectiveUsedPercent(top, now) : remainingPercent(top, now);
  const needing = snapshots.filter((s) => s.state === 'error' || s.state === 'stale');
  return (
    <section className="card account-card" aria-labelledby={headingId} data-testid={base} data-collapsed={collapsed}>
      <header className="card-head">
        <h2 id={headingId} className="account-title">
          <button type="button" className="account-toggle" aria-expanded={!collapsed} aria-controls={bodyId} onClick={onToggle}>
            <span className="account-name">{label}</span>
          </button>
        </h2>
        {account.plan !== null ? <span className="plan">{t('plan.label', { plan: account.plan })}</span> : null}
      </header>
      {account.email !== null && account.email !== label ? <p className="account-email">{account.email}</p> : null}
      <TeamRows.Resets grants={resets} now={now} />
      {top !== null && topValue !== null ? (
        <p className="account-top" data-testid="account-top">
          {t(display === 'used' ? 'popover.account.topUsed' : 'popover.account.topLeft', {
            label: windowLabel(t, top),
            percent: i18n.percent(topValue),
          })}
        </p>
      ) : null}
      <div id={bodyId} className="card-body" hidden={collapsed}>
        {needing.map((s) => (
          <StateNotice
            key={snapshotKey(s)}
            snapshot={s}
            now={now}
            context={snapshots.length > 1 || s.folder ? instanceName(t, s, home) : null}
          />
        ))}
        {snapshots.map((s) => (s.scan ? <ScanProgressView key={`scan-${snapshotKey(s)}`} scan={s.scan} /> : null))}
        <div className="rows">
          {windows.map((w) => (
            <WindowRow
              key={w.id}
              window={w}
              rowId={`${base}-${domId(w.id)}`}
              now={now}
              thresholds={thresholds}
              display={display}
              notifiedAt={notified[windowKey(w.accountId, w.id)] ?? null}
              outlook={outlook[windowKey(w.accountId, w.id)] ?? null}
              provenance={provenance(i18n, w, now)}
              stale={w.stale}
              compact={compact}
            />
          ))}
          {extra !== null ? <ExtraUsageRow extra={extra} rowId={`${base}-extra`} thresholds={thresholds} /> : null}
          <TeamRows.MemberSpend spend={memberSpend} />
          {snapshots.map((s) => (s.local ? <LocalSummary key={`local-${snapshotKey(s)}`} local={s.local} now={now} /> : null))}
          {snapshots.map((s) => (s.apiSpend ? <ApiSpendSummary key={`api-${snapshotKey(s)}`} spend={s.apiSpend} /> : null))}
        </div>
      </div>
    </section>
  );
}
