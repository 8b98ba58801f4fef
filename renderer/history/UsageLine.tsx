/**
 * Usage of one window over a period (7 or 30 days) on a 0–100 % scale with the alert thresholds;
 * the line breaks at each reset instead of dropping. Points along it show their value and time.
 */
import type { Translator } from '../../shared/i18n/translator';
import { dayTicks, momentLabel, percentTicks } from './axes';
import { Chart, type ChartMark } from './Chart';
import { linePath, percentCeiling } from './scale';

export interface UsageLineProps {
  samples: readonly { t: number; usedPercent: number; resetsAt: number | null }[];
  fromMs: number;
  toMs: number;
  thresholds: readonly number[];
  /** The text alternative, e.g. "Weekly over 30 days: from 0 % to 87 %, now 42 %". */
  label: string;
  i18n: Translator;
  width?: number;
  height?: number;
}

/** Points further apart than this are a gap in the data (app closed), not a straight line. */
const GAP_MS = 3 * 3_600_000;
/** At most this many points take focus: enough to read the curve, few enough to walk with the keys. */
export const MAX_POINT_MARKS = 48;

/** Every k-th sample, always the latest: real samples only, never averaged. */
export function pointMarks<T>(samples: readonly T[], max = MAX_POINT_MARKS): T[] {
  if (samples.length <= max) return [...samples];
  const step = Math.ceil(samples.length / max);
  const out = samples.filter((_, i) => (samples.length - 1 - i) % step === 0);
  return out;
}

export function UsageLine({ samples, fromMs, toMs, thresholds, label, i18n, width = 300, height = 96 }: UsageLineProps) {
  const shown = samples.filter((s) => s.t >= fromMs && s.t <= toMs).sort((a, b) => a.t - b.t);
  const top = percentCeiling(shown.map((s) => s.usedPercent));
  const marks: ChartMark[] = pointMarks(shown).map((s) => ({
    key: String(s.t),
    x: s.t,
    y: s.usedPercent,
    text: i18n.t('chart.mark', { time: momentLabel(s.t, i18n.locale), value: i18n.percent(Math.round(s.usedPercent)) }),
  }));
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
      className="chart-usage"
      testId="chart-usage"
    >
      {(sx, sy) => {
        const d = linePath(
          shown.map((s) => ({ x: sx(s.t), y: sy(s.usedPercent) })),
          (i) => {
            const prev = shown[i - 1]!;
            const cur = shown[i]!;
            const resetBetween = prev.resetsAt !== null && cur.t >= prev.resetsAt;
            return resetBetween || cur.usedPercent < prev.usedPercent - 3 || cur.t - prev.t > GAP_MS;
          },
        );
        return d ? <path className="chart-line" d={d} data-testid="usage-line" /> : null;
      }}
    </Chart>
  );
}
