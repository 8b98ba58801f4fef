/** The peak of a window in each reset cycle, one bar per cycle; bars at or over 100 % stand out. */
import { formatCoord, linearScale, percentCeiling } from './scale';

export interface PeakBarsProps {
  cycles: readonly { peakPercent: number; peakAt: number }[];
  /** The text alternative, e.g. "Session peaks over 7 days: highest 96 %, 3 cycles at 100 %". */
  label: string;
  /** A label per bar for its tooltip, e.g. "Tue 14:00 · 88 %". */
  barTitle?: (c: { peakPercent: number; peakAt: number }) => string;
  width?: number;
  height?: number;
}

export function PeakBars({ cycles, label, barTitle, width = 280, height = 64 }: PeakBarsProps) {
  const pad = 2;
  const sorted = [...cycles].sort((a, b) => a.peakAt - b.peakAt);
  const top = percentCeiling(sorted.map((c) => c.peakPercent));
  const y = linearScale(0, top, height - pad, pad);
  const slot = sorted.length > 0 ? (width - 2 * pad) / sorted.length : 0;
  const barW = Math.max(1, slot * 0.7);
  return (
    <svg className="chart chart-peaks" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{label}</title>
      <line className="chart-limit" x1={pad} x2={width - pad} y1={formatCoord(y(100))} y2={formatCoord(y(100))} />
      {sorted.map((c, i) => {
        const h = Math.max(0, y(0) - y(Math.max(0, c.peakPercent)));
        return (
          <rect
            key={c.peakAt}
            className={c.peakPercent >= 100 ? 'chart-bar chart-bar-over' : 'chart-bar'}
            x={formatCoord(pad + i * slot + (slot - barW) / 2)}
            y={formatCoord(y(0) - h)}
            width={formatCoord(barW)}
            height={formatCoord(h)}
          >
            {barTitle && <title>{barTitle(c)}</title>}
          </rect>
        );
      })}
    </svg>
  );
}
