/** Cost per day from the local logs, one bar per day of the period (days without use are empty slots). */
import { formatCoord, linearScale } from './scale';

export interface DailyCostBarsProps {
  /** YYYY-MM-DD and USD. */
  days: readonly { date: string; totalCost: number }[];
  /** Every day of the period in order, so a day without use keeps its place. */
  period: readonly string[];
  /** The text alternative, e.g. "Cost per day over 7 days: $23.40 in total, highest $6.10 on Tuesday". */
  label: string;
  barTitle?: (d: { date: string; totalCost: number }) => string;
  width?: number;
  height?: number;
}

export function DailyCostBars({ days, period, label, barTitle, width = 280, height = 64 }: DailyCostBarsProps) {
  const pad = 2;
  const byDate = new Map(days.map((d) => [d.date, d.totalCost]));
  const max = Math.max(0, ...period.map((p) => byDate.get(p) ?? 0));
  const y = linearScale(0, max > 0 ? max : 1, height - pad, pad);
  const slot = period.length > 0 ? (width - 2 * pad) / period.length : 0;
  const barW = Math.max(1, slot * 0.7);
  return (
    <svg className="chart chart-cost" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{label}</title>
      {period.map((date, i) => {
        const cost = byDate.get(date);
        if (cost === undefined || !(cost > 0)) return null;
        const h = y(0) - y(cost);
        return (
          <rect
            key={date}
            className="chart-bar"
            data-date={date}
            x={formatCoord(pad + i * slot + (slot - barW) / 2)}
            y={formatCoord(y(0) - h)}
            width={formatCoord(barW)}
            height={formatCoord(h)}
          >
            {barTitle && <title>{barTitle({ date, totalCost: cost })}</title>}
          </rect>
        );
      })}
    </svg>
  );
}
