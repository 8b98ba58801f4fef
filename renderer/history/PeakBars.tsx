/**
 * The peak of a window in each reset cycle, one bar per cycle at the time of its peak, on a 0–100 %
 * scale with the alert thresholds. Cycles that reached the limit stand out, and say when.
 */
import type { Translator } from '../../shared/i18n/translator';
import { dayTicks, momentLabel, percentTicks } from './axes';
import { Chart, type ChartMark } from './Chart';
import { percentCeiling } from './scale';

export interface PeakCycle {
  peakPercent: number;
  peakAt: number;
}

export interface PeakBarsProps {
  cycles: readonly PeakCycle[];
  fromMs: number;
  toMs: number;
  thresholds: readonly number[];
  /** The text alternative, e.g. "Session, peak per cycle over 7 days: 21 cycles, highest 100 %. Cycles that reached 100 %: …". */
  label: string;
  i18n: Translator;
  width?: number;
  height?: number;
}

/** Cycles that reached the limit, oldest first: what the chart marks and the caption lists. */
export function limitHits(cycles: readonly PeakCycle[]): PeakCycle[] {
  return cycles.filter((c) => c.peakPercent >= 100).sort((a, b) => a.peakAt - b.peakAt);
}

export function PeakBars({ cycles, fromMs, toMs, thresholds, label, i18n, width = 300, height = 96 }: PeakBarsProps) {
  const sorted = cycles.filter((c) => c.peakAt >= fromMs && c.peakAt <= toMs).sort((a, b) => a.peakAt - b.peakAt);
  const top = percentCeiling(sorted.map((c) => c.peakPercent));
  // Narrow enough that neighbouring cycles do not touch; at least a week's seventh for a weekly window's lone bar.
  const span = toMs - fromMs;
  const barW = (span / Math.max(sorted.length, 7)) * 0.45;
  const marks: ChartMark[] = sorted.map((c) => {
    const params = { time: momentLabel(c.peakAt, i18n.locale), value: i18n.percent(Math.round(c.peakPercent)) };
    const hit = c.peakPercent >= 100;
    return {
      key: String(c.peakAt),
      x: Math.min(Math.max(c.peakAt - barW / 2, fromMs), toMs - barW),
      y: c.peakPercent,
      width: barW,
      text: i18n.t(hit ? 'chart.peakHit' : 'chart.mark', params),
      className: hit ? 'chart-bar chart-bar-over' : 'chart-bar',
    };
  });
  return (
    <Chart
      label={label}
      width={width}
      height={height}
      x={{ from: fromMs, to: toMs, ticks: dayTicks(fromMs, toMs, i18n.locale) }}
      y={{ top, ticks: percentTicks(top, i18n.percent) }}
      thresholds={thresholds.map((t) => ({ at: t, label: i18n.t('chart.threshold', { percent: i18n.percent(t) }) }))}
      limit={100}
      marks={marks}
      className="chart-peaks"
      testId="chart-peaks"
    />
  );
}
