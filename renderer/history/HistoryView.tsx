/**
 * The history view (#history in the popover window): 7 or 30 days of each window, as peaks per
 * reset cycle and usage over time, and the daily cost from Claude Code's local logs. The data is
 * asked for through `brimline:get-history` when the view opens or the period changes.
 */
import { useEffect } from 'react';
import { WINDOW_KINDS, type UsageWindow, type WindowKind } from '../../shared/domain';
import { HISTORY_DAY_CHOICES, type HistoryExportResult, type HistoryPayload, type HistoryWindowSeries } from '../../shared/ipc';
import { accountLabel, windowLabel } from '../../shared/labels';
import { useI18n, type I18n } from '../i18n';
import { useBrimline, useBrimlineStore } from '../store-context';
import { DailyCostBars } from './DailyCostBars';
import { dayLabel, momentLabel } from './axes';
import { limitHits, PeakBars } from './PeakBars';
import { UsageLine } from './UsageLine';

const DAY_MS = 86_400_000;

/** A series as a window the shared labels understand ("Weekly · Opus"). */
function seriesWindow(s: HistoryWindowSeries): UsageWindow {
  const kind: WindowKind = (WINDOW_KINDS as readonly string[]).includes(s.kind) ? (s.kind as WindowKind) : 'other';
  const suffix = s.windowId.includes(':') ? s.windowId.slice(s.windowId.indexOf(':') + 1) : s.windowId;
  const label = suffix.charAt(0).toUpperCase() + suffix.slice(1);
  return { id: s.windowId, kind, label, usedPercent: 0, resetsAt: null };
}

/** Every local calendar day of the period, oldest first (the local logs count days in this zone). */
function periodDays(days: number, now: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now - i * DAY_MS);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  }
  return out;
}

function SeriesCard({
  series,
  payload,
  title,
  thresholds,
  i18n,
}: {
  series: HistoryWindowSeries;
  payload: HistoryPayload;
  title: string;
  thresholds: readonly number[];
  i18n: I18n;
}) {
  const { t } = i18n;
  const used = series.points.map((p) => p.usedPercent);
  const pct = (n: number): string => i18n.percent(Math.round(n));
  const peak = Math.max(0, ...series.peaks.map((c) => c.peakPercent));
  const id = `history-${series.accountId}-${series.windowId}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const toMs = Date.parse(payload.generatedAt);
  const hits = limitHits(series.peaks).map((c) => momentLabel(c.peakAt, i18n.locale));
  const hitsList = hits.join(', ');
  const peaksAlt = t('history.peaksAlt', { label: title, days: payload.days, count: series.peaks.length, percent: pct(peak) });
  return (
    <section className="card history-card" aria-labelledby={id} data-testid={`history-${series.windowId}`}>
      <h2 id={id}>{title}</h2>
      <h3>{t('history.peaks')}</h3>
      <PeakBars
        cycles={series.peaks}
        fromMs={payload.sinceMs}
        toMs={toMs}
        thresholds={thresholds}
        i18n={i18n}
        label={hits.length > 0 ? `${peaksAlt} ${t('history.hitsAlt', { percent: pct(100), list: hitsList })}` : peaksAlt}
      />
      {hits.length > 0 ? (
        <p className="chart-caption chart-caption-hits" data-testid="history-hits">
          {t('history.hits', { percent: pct(100), list: hitsList })}
        </p>
      ) : null}
      <h3>{t('history.usage')}</h3>
      <UsageLine
        samples={series.points}
        fromMs={payload.sinceMs}
        toMs={toMs}
        thresholds={thresholds}
        i18n={i18n}
        label={t('history.usageAlt', {
          label: title,
          days: payload.days,
          min: pct(used.length > 0 ? Math.min(...used) : 0),
          max: pct(used.length > 0 ? Math.max(...used) : 0),
          last: pct(used[used.length - 1] ?? 0),
        })}
      />
    </section>
  );
}

/** What Export… came to, in a sentence: where it was saved, or why nothing was written. */
function exportMessage(result: HistoryExportResult, t: I18n['t']): string {
  if (result.kind === 'saved') return t('history.export.saved', { path: result.path });
  if (result.kind === 'failed' && result.reason !== 'other')
    return t('history.export.failed', { path: result.path, reason: t(`history.export.reason.${result.reason}`) });
  return result.kind === 'failed' ? result.message : '';
}

/** Export… (main's save dialog names the file), beside the period buttons. */
function ExportButton({ i18n }: { i18n: I18n }) {
  const busy = useBrimline((s) => s.historyExport.busy);
  const run = useBrimline((s) => s.exportHistory);
  return (
    <button type="button" className="btn history-export-button" disabled={busy} onClick={() => void run()}>
      {i18n.t('history.export')}
    </button>
  );
}

/** What the last Export… came to, under the toolbar; nothing after a cancel. */
function ExportMessage({ i18n }: { i18n: I18n }) {
  const state = useBrimline((s) => s.historyExport);
  const failed = state.error !== null || state.result?.kind === 'failed';
  const message = state.error ?? (state.result ? exportMessage(state.result, i18n.t) : '');
  if (message === '') return null;
  return (
    <p
      className={failed ? 'history-export-message history-export-failed' : 'history-export-message'}
      role={failed ? 'alert' : 'status'}
      data-testid="history-export-message"
    >
      {message}
    </p>
  );
}

export function HistoryView() {
  const i18n = useI18n();
  const { t } = i18n;
  const history = useBrimline((s) => s.history);
  const load = useBrimline((s) => s.loadHistory);
  const accounts = useBrimline((s) => s.app?.view.accounts ?? []);
  const thresholds = useBrimline((s) => s.app?.settings.thresholds ?? []);
  const store = useBrimlineStore();
  // Once when the view opens; a period change asks again through its button.
  useEffect(() => {
    const s = store.getState();
    void s.loadHistory(s.history.days);
  }, [store]);

  const payload = history.payload;
  const several = new Set(payload?.windows.map((w) => w.accountId) ?? []).size > 1;
  const titleOf = (s: HistoryWindowSeries): string => {
    const label = windowLabel(t, seriesWindow(s));
    const account = accounts.find((a) => a.id === s.accountId);
    return several ? `${label} · ${account ? accountLabel(t, account) : s.accountId}` : label;
  };
  const now = payload ? Date.parse(payload.generatedAt) : 0;
  const period = payload ? periodDays(payload.days, now) : [];
  const costs = payload?.daily.filter((d) => period.includes(d.date)) ?? [];
  const total = costs.reduce((a, d) => a + d.totalCost, 0);
  const maxCost = Math.max(0, ...costs.map((d) => d.totalCost));

  return (
    <div className="popover history">
      <header className="popover-head history-head">
        <button type="button" className="btn" onClick={() => (window.location.hash = '#popover')}>
          {`← ${t('history.back')}`}
        </button>
        <h1>{t('history.title')}</h1>
      </header>
      <main className="popover-body" tabIndex={0} aria-label={t('history.title')}>
        <div className="history-toolbar">
          <div className="history-period" role="group" aria-label={t('history.period')}>
            {HISTORY_DAY_CHOICES.map((d) => (
              <button
                key={d}
                type="button"
                className={history.days === d ? 'btn btn-primary' : 'btn'}
                aria-pressed={history.days === d}
                onClick={() => void load(d)}
              >
                {t('history.days', { days: d })}
              </button>
            ))}
          </div>
          <ExportButton i18n={i18n} />
        </div>
        <ExportMessage i18n={i18n} />
        {history.status === 'loading' && payload === null ? <p role="status">{t('history.loading')}</p> : null}
        {history.status === 'failed' ? <p role="alert">{t('history.failed', { reason: history.error ?? '' })}</p> : null}
        {payload !== null && payload.windows.length === 0 ? <p className="history-empty">{t('history.empty')}</p> : null}
        {payload?.windows.map((s) => (
          <SeriesCard
            key={`${s.accountId}/${s.windowId}`}
            series={s}
            payload={payload}
            title={titleOf(s)}
            thresholds={thresholds}
            i18n={i18n}
          />
        ))}
        {payload !== null ? (
          <section className="card history-card" aria-labelledby="history-cost" data-testid="history-cost">
            <h2 id="history-cost">{t('history.cost')}</h2>
            {costs.length === 0 ? (
              <p className="history-empty">{t('history.costEmpty')}</p>
            ) : (
              <>
                <DailyCostBars
                  days={costs}
                  period={period}
                  i18n={i18n}
                  label={t('history.costAlt', { days: payload.days, total: i18n.money(total, 'USD'), max: i18n.money(maxCost, 'USD') })}
                />
                <p className="chart-caption" data-testid="history-cost-total">
                  {t('history.costTotal', {
                    total: i18n.money(total, 'USD'),
                    max: i18n.money(maxCost, 'USD'),
                    day: dayLabel(costs.find((d) => d.totalCost === maxCost)!.date, i18n.locale),
                  })}
                </p>
              </>
            )}
          </section>
        ) : null}
      </main>
    </div>
  );
}
