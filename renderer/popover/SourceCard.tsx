/** One card per source: its state, then one row per window, extra usage, local totals and API spend. */
import { windowIdentity, windowKey, type SourceSnapshot } from '../../shared/domain';
import type { WindowOutlookView } from '../../shared/ipc';
import type { TrayDisplay } from '../../shared/settings';
import { useI18n } from '../i18n';
import { ApiSpendSummary } from './ApiSpendSummary';
import { ExtraUsageRow } from './ExtraUsageRow';
import { sourceLabel } from '../../shared/labels';
import { LocalSummary } from './LocalSummary';
import { ScanProgressView } from './ScanProgressView';
import { StateNotice } from './StateNotice';
import { WindowRow } from './WindowRow';

export interface SourceCardProps {
  snapshot: SourceSnapshot;
  now: number;
  thresholds: readonly number[];
  display: TrayDisplay;
  /** Highest threshold notified this cycle, by window key (AppState.alerts). */
  notified: Readonly<Record<string, number>>;
  /** Pace and forecast by window key (AppState.outlook). */
  outlook?: Readonly<Record<string, WindowOutlookView>>;
}

function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function SourceCard({ snapshot, now, thresholds, display, notified, outlook = {} }: SourceCardProps) {
  const { t, duration } = useI18n();
  const base = `src-${domId(snapshot.sourceId)}`;
  const headingId = `${base}-title`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`source-${snapshot.sourceId}`} data-state={snapshot.state}>
      <header className="card-head">
        <h2 id={headingId}>{sourceLabel(t, snapshot.sourceId)}</h2>
        {snapshot.plan !== null ? <span className="plan">{t('plan.label', { plan: snapshot.plan.name })}</span> : null}
      </header>
      {/* Where each number came from is the card; how old it is, here (stale data says so below instead). */}
      {snapshot.state === 'ok' && snapshot.fetchedAt !== null && snapshot.windows.length > 0 ? (
        <p className="observed" data-testid={`observed-${snapshot.sourceId}`}>
          {t('card.observed', { ago: duration(Math.max(0, now - Date.parse(snapshot.fetchedAt))) })}
        </p>
      ) : null}
      <StateNotice snapshot={snapshot} now={now} />
      {snapshot.scan ? <ScanProgressView scan={snapshot.scan} /> : null}
      <div className={snapshot.state === 'stale' ? 'rows rows-stale' : 'rows'}>
        {snapshot.windows.map((w) => (
          <WindowRow
            key={w.id}
            window={w}
            rowId={`${base}-${domId(w.id)}`}
            now={now}
            thresholds={thresholds}
            display={display}
            notifiedAt={notified[windowKey(snapshot.accountId, windowIdentity(w))] ?? null}
            outlook={outlook[windowKey(snapshot.accountId, windowIdentity(w))] ?? null}
          />
        ))}
        {snapshot.extraUsage !== null ? (
          <ExtraUsageRow extra={snapshot.extraUsage} rowId={`${base}-extra`} thresholds={thresholds} />
        ) : null}
        {snapshot.local ? <LocalSummary local={snapshot.local} now={now} /> : null}
        {snapshot.apiSpend ? <ApiSpendSummary spend={snapshot.apiSpend} /> : null}
      </div>
    </section>
  );
}
