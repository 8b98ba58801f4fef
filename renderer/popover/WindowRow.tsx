/**
 * One usage window: label, bar coloured by the alert thresholds, percent and reset countdown, then
 * provenance, pace and forecast; in the compact popover, one line with those behind a Details button.
 */
import { useState, type ReactNode } from 'react';
import { effectiveUsedPercent, isPastReset, remainingPercent, resetTime, severity, type UsageWindow } from '../../shared/domain';
import type { WindowOutlookView } from '../../shared/ipc';
import { windowLengthMs } from '../../shared/outlook/pace';
import type { TrayDisplay } from '../../shared/settings';
import { formatDuration } from '../../shared/format';
import { ProgressBar } from '../components/ProgressBar';
import { CycleSparkline } from '../history/CycleSparkline';
import { forecastText, paceText } from './outlook-text';
import { useI18n } from '../i18n';
import { windowLabel, windowMoneyText } from '../../shared/labels';
import { isOrganisationCredits, orgCreditsText } from '../../shared/org-credits';

export interface WindowRowProps {
  window: UsageWindow;
  rowId: string;
  now: number;
  thresholds: readonly number[];
  display: TrayDisplay;
  /** The highest alert threshold already notified in this reset cycle, if any. */
  notifiedAt: number | null;
  /** Pace and forecast from the usage history (AppState.outlook); null when main has none. */
  outlook?: WindowOutlookView | null;
  /** Where the number came from and how old it is ("status line · 2 min ago"). */
  provenance?: string | null;
  /** The winning source's last attempt failed: the bar is dimmed, the card's notice says why. */
  stale?: boolean;
  /** One line (name, bar, percent, countdown); the rest opens from the row's Details button. */
  compact?: boolean;
}

export function WindowRow({
  window: w,
  rowId,
  now,
  thresholds,
  display,
  notifiedAt,
  outlook = null,
  provenance = null,
  stale = false,
  compact = false,
}: WindowRowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const dollars = windowMoneyText(t, i18n.money, w);
  const label = dollars === null ? windowLabel(t, w) : `${windowLabel(t, w)} · ${dollars}`;
  // Past its reset the new window's use is unknown until fresh data arrives: "–", an empty bar.
  const used = effectiveUsedPercent(w, now);
  const shown = display === 'used' ? used : remainingPercent(w, now);
  const percentText =
    shown === null
      ? t('window.unknown')
      : display === 'used'
        ? t('window.used', { percent: i18n.percent(shown) })
        : t('window.remaining', { percent: i18n.percent(shown) });
  const at = resetTime(w);
  let resetText: string;
  // An organisation's credits say whose money they count, rather than a reset the source did not give.
  if (isOrganisationCredits(w) && at === null) resetText = orgCreditsText(i18n, w.money);
  else if (isPastReset(w, now)) resetText = t('window.reset');
  else if (at === null) resetText = t('window.notStarted');
  else resetText = t('window.resetsIn', { duration: i18n.duration(at - now), clock: i18n.clock(at, now) });
  const alertText = notifiedAt !== null && !isPastReset(w, now) ? t('window.notified', { percent: i18n.percent(notifiedAt) }) : null;
  const labelId = `${rowId}-label`;
  // Pace and forecast belong to the current cycle: none once it has reset or for a window without a length.
  const length = windowLengthMs(w.kind);
  const live = outlook !== null && at !== null && !isPastReset(w, now) && length !== null;
  const pace = live ? paceText(outlook, i18n) : null;
  const forecast = live ? forecastText(outlook, i18n, now) : null;
  const bar = (
    <ProgressBar
      value={used ?? 0}
      severity={used === null ? 'neutral' : severity(used, thresholds)}
      labelledBy={labelId}
      valueText={used === null ? t('window.unknownText') : percentText}
      marker={live ? (outlook.pace?.expectedPercent ?? null) : null}
    />
  );
  const details = (
    <>
      <div className="row-sub">
        {resetText}
        {alertText !== null ? <span className="row-alert">{` · ${alertText}`}</span> : null}
      </div>
      {provenance !== null ? (
        <div className="row-sub row-source" data-testid="window-source">
          {provenance}
        </div>
      ) : null}
      {live ? (
        <div className="row-outlook" data-testid="window-outlook">
          <div className="row-sub">
            {pace !== null ? <span className={`pace pace-${outlook.stage ?? 'on_track'}`}>{pace}</span> : null}
            {pace !== null ? ' · ' : null}
            <span>{forecast}</span>
          </div>
          {outlook.samples.length >= 2 ? (
            <CycleSparkline
              samples={outlook.samples}
              windowStartMs={at - length}
              resetsAtMs={at}
              forecast={outlook.forecast}
              label={t('window.sparkline', { label, percent: i18n.percent(Math.round(used ?? 0)), forecast: forecast ?? '' })}
              width={300}
              height={36}
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
  const rowClass = `window-row${stale ? ' window-row-stale' : ''}${compact ? ' window-row-compact' : ''}`;
  if (compact) {
    // The countdown alone; the reset clock, provenance, pace and forecast are one click or key away.
    const countdown = isPastReset(w, now)
      ? t('window.reset')
      : at === null
        ? t('window.notStarted')
        : formatDuration(at - now, i18n.locale, 'narrow');
    return (
      <CompactRow
        className={rowClass}
        id={w.id}
        rowId={rowId}
        label={label}
        percent={shown === null ? '–' : i18n.percent(shown)}
        countdown={countdown}
        bar={bar}
      >
        {details}
      </CompactRow>
    );
  }
  return (
    <div className={rowClass} data-testid={`window-${w.id}`}>
      <div className="row-line">
        <span className="row-label" id={labelId}>
          {label}
        </span>
        <span className="row-value">{percentText}</span>
      </div>
      {bar}
      {details}
    </div>
  );
}

interface CompactRowProps {
  className: string;
  id: string;
  rowId: string;
  label: string;
  percent: string;
  countdown: string;
  bar: ReactNode;
  children: ReactNode;
}

/** One line (name, bar, percent, countdown) and a Details button that shows the rest below it. */
function CompactRow({ className, id, rowId, label, percent, countdown, bar, children }: CompactRowProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const detailsId = `${rowId}-details`;
  return (
    <div className={className} data-testid={`window-${id}`}>
      <div className="compact-line">
        <button
          type="button"
          className="compact-toggle"
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={t('window.details', { label })}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <span className="row-label" id={`${rowId}-label`} title={label}>
          {label}
        </span>
        {bar}
        <span className="row-value">{percent}</span>
        <span className="row-countdown" data-testid="window-countdown">
          {countdown}
        </span>
      </div>
      <div id={detailsId} className="compact-details" hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}
